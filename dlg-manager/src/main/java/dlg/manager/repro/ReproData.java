package dlg.manager.repro;

import dlg.core.graph.RawJson;
import java.util.Map;
import java.util.Optional;

/**
 * A NodeManager session's reproducibility data once computed: what {@code repro/data} shows.
 * DALiuGE puts it into the session's graph dict itself: each drop that has a {@code reprodata}
 * gets its runtime data there, and a graph that ended with a reproducibility element gets that
 * element, signed, under the key {@code "reprodata"} as if it were one more drop. Immutable.
 */
public final class ReproData {

    /** A graph without any reproducibility data: drops unchanged, graph-wide {@code {}}. */
    public static final ReproData NONE = new ReproData(Map.of(), null);

    private static final RawJson EMPTY = new RawJson("{}");

    private final Map<String, RawJson> drops;
    private final RawJson graphWide;

    ReproData(Map<String, RawJson> drops, RawJson graphWide) {
        this.drops = Map.copyOf(drops);
        this.graphWide = graphWide;
    }

    /** The drop's {@code reprodata} with its runtime data, when it has a {@code reprodata}. */
    public Optional<RawJson> drop(String oid) {
        return Optional.ofNullable(drops.get(oid));
    }

    /** Whether the graph had a reproducibility element, which the graph dict then shows as key {@code "reprodata"}. */
    public boolean hasGraphWide() {
        return graphWide != null;
    }

    /** The graph-wide reprodata: the element with its signatures, or {@code {}} when the graph had none. */
    public RawJson graphWide() {
        return graphWide != null ? graphWide : EMPTY;
    }
}
