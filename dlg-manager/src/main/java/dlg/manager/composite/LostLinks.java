package dlg.manager.composite;

import dlg.core.graph.Link;
import java.util.List;
import java.util.Objects;

/**
 * The links that splitting a graph cut from one drop's spec, as declared (with their ports):
 * what a composite's {@code GET .../graph} puts back ({@link CrossLinks#restore}).
 */
public record LostLinks(String oid, List<Link> links) {

    public LostLinks {
        Objects.requireNonNull(oid, "oid");
        links = List.copyOf(links);
    }
}
