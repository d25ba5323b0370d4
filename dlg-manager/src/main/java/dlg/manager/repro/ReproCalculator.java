package dlg.manager.repro;

import dlg.core.graph.DropSpec;
import dlg.core.graph.GraphSpec;
import dlg.core.graph.LinkType;
import dlg.core.graph.RawJson;
import dlg.core.state.DropState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * A NodeManager session's reproducibility data once every drop has settled, as DALiuGE's
 * {@code ReproFinishedListener} builds it: each drop that has a {@code reprodata} files what it
 * recorded ({@link RuntimeData}), then, when the graph ended with a reproducibility element, the
 * runtime block-DAG is built over the session's drops ({@link Reproducibility#initRuntime}).
 *
 * <p>A graph with no reprodata anywhere costs one map lookup per drop. Pure and thread-safe.
 */
public final class ReproCalculator {

    private ReproCalculator() {
    }

    /**
     * Whether the drop records its run at all: it has a {@code reprodata}, whose rmode then says
     * whether it also hashes its content ({@link ReproMode#coversContent()}).
     */
    public static boolean wantsContentHash(DropSpec spec) {
        Object rd = spec.params().get("reprodata");
        if (rd == null) {
            return false;
        }
        Object tree = ReproJson.tree(rd);
        return tree instanceof Map<?, ?> m && ReproMode.cast(m.get("rmode")).coversContent();
    }

    /**
     * @param graph the session's graph; its last reproducibility element is the graph-wide one
     * @param finalState by drop index (the graph's order), how the drop settled
     * @param contentHashes by drop index, the hex SHA3-256 of the content of a data drop that
     *     hashes its content (InMemoryDROP, FileDROP) when its rmode covers content; null for others
     * @throws ReproException where DALiuGE's computation would fail (a key the translator adds is missing)
     */
    public static ReproData compute(GraphSpec graph, IntFunction<DropState> finalState, IntFunction<String> contentHashes) {
        Objects.requireNonNull(graph, "graph");
        Objects.requireNonNull(finalState, "finalState");
        Objects.requireNonNull(contentHashes, "contentHashes");
        List<DropSpec> specs = graph.drops();
        RawJson element = graph.reproData().isEmpty() ? null : graph.reproData().getLast();
        boolean any = element != null;
        for (int i = 0; i < specs.size() && !any; i++) {
            any = specs.get(i).params().get("reprodata") != null;
        }
        if (!any) {
            return ReproData.NONE;
        }
        List<ReproDrop> drops = new ArrayList<>(specs.size());
        for (int i = 0; i < specs.size(); i++) {
            DropSpec spec = specs.get(i);
            Object reprodata = ReproJson.tree(spec.params().get("reprodata"));
            if (reprodata instanceof Map<?, ?>) {
                RuntimeData.append(Dicts.map(reprodata, "reprodata"), finalState.apply(i),
                        contentHashes.apply(i));
            }
            drops.add(of(spec, reprodata));
        }
        Map<String, Object> graphWide = element == null ? null
                : Reproducibility.initRuntime(drops, Dicts.map(ReproJson.tree(element), "the graph's reprodata"));
        Map<String, RawJson> out = new HashMap<>();
        for (ReproDrop d : drops) {
            if (d.reprodata() != null) {
                out.put(d.oid(), new RawJson(ReproJson.text(d.reprodata())));
            }
        }
        return new ReproData(out, graphWide == null ? null : new RawJson(ReproJson.text(graphWide)));
    }

    /** The drop as the block-DAG reads it. */
    static ReproDrop of(DropSpec spec, Object reprodata) {
        List<String> next = new ArrayList<>();
        for (LinkType type : List.of(LinkType.OUTPUT, LinkType.CONSUMER)) {
            for (int k = 0, count = spec.linkCount(); k < count; k++) {
                if (spec.linkType(k) == type) {
                    next.add(spec.linkOid(k));
                }
            }
        }
        Map<String, Object> params = spec.params();
        return new ReproDrop(spec.oid(), next, params.containsKey("iid"), params.get("iid"),
                spec.node(), spec.island(), reprodata);
    }
}
