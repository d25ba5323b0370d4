package dlg.core.graph;

import java.util.Objects;

/**
 * One relationship declared by a drop spec: {@code "consumers": ["B"]} or, with a named port,
 * {@code "inputs": [{"A": "sleep_time"}]}. The port is the declaring drop's name for the link.
 */
public record Link(LinkType type, String oid, String port) {

    public Link {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(oid, "oid");
    }
}
