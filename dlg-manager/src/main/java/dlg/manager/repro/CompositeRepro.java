package dlg.manager.repro;

import dlg.core.error.GraphProblem;
import dlg.core.error.InvalidGraphException;
import dlg.core.graph.DropSpec;
import dlg.core.graph.ParsedGraph;
import dlg.core.graph.RawJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reproducibility at a DataIslandManager or MasterManager: the physical-graph stage DALiuGE's
 * {@code CompositeManager.addGraphSpec} runs before splitting a graph, and (where DALiuGE has
 * none, answering 501) the run's data of the whole graph from its parts.
 */
public final class CompositeRepro {

    private CompositeRepro() {
    }

    /**
     * DALiuGE's {@code init_pg_repro_data} on a whole graph, before it is split: when the graph
     * has a reproducibility element with an rmode other than NOTHING, every drop's
     * {@code reprodata} gains its PG block ({@code pg_data}, {@code pg_parenthashes},
     * {@code pg_blockhash}) and the element a PG signature per mode. The parts sent on carry them.
     *
     * @return the graph with those, or {@code graph} itself when there is nothing to compute
     * @throws InvalidGraphException where DALiuGE's computation fails (its append fails there too)
     */
    public static ParsedGraph physicalGraph(ParsedGraph graph) {
        if (graph.reproData() == null || !graph.problems().isEmpty()) {
            return graph; // the partitioner reports the problems
        }
        Map<String, Object> trailer = Dicts.map(ReproJson.tree(graph.reproData()), "the graph's reprodata");
        if (ReproMode.cast(trailer.get("rmode")) == ReproMode.NOTHING) {
            return graph;
        }
        List<ReproDrop> drops = new ArrayList<>(graph.drops().size());
        for (DropSpec spec : graph.drops()) {
            drops.add(ReproCalculator.of(spec, ReproJson.tree(spec.params().get("reprodata"))));
        }
        try {
            Reproducibility.initPg(drops, trailer);
        } catch (ReproException e) {
            throw new InvalidGraphException(List.of(GraphProblem.ofGraph(
                    "reproducibility data cannot be computed: " + e.getMessage())));
        }
        List<DropSpec> signed = new ArrayList<>(drops.size());
        for (int i = 0; i < drops.size(); i++) {
            DropSpec d = graph.drops().get(i);
            Map<String, Object> params = new LinkedHashMap<>(d.params());
            params.put("reprodata", new RawJson(ReproJson.text(drops.get(i).reprodata())));
            signed.add(new DropSpec(d.oid(), d.uid(), d.category(), d.dropClass(), d.name(), d.node(), d.island(),
                    d.links(), params, d.appArgs()));
        }
        return new ParsedGraph(graph.name(), signed, new RawJson(ReproJson.text(trailer)), graph.problems());
    }

    /**
     * The run's reproducibility data of a whole graph from its parts' {@code repro/data}: what a
     * NodeManager would compute had it run the whole graph. Each drop keeps the {@code rg_data}
     * its NodeManager filed; the block-DAG ({@code init_runtime_repro_data}) is then built again
     * over all the drops, with the links between parts restored, so that block hashes chain
     * across nodes and the signature covers every leaf of the graph, not one part's. The
     * composite's own reproducibility element (after {@link #physicalGraph}) is the one signed.
     *
     * @param graph the parts' graph dicts merged ({@code oid -> spec}, links between parts put
     *     back, without the parts' {@code "reprodata"} keys); the drops' {@code reprodata} are
     *     updated in place and, when {@code element} is not null, the signed element is added
     *     under the key {@code "reprodata"}
     * @param element the graph's reproducibility element as this manager passed it on, or null
     * @return the graph-wide reprodata: the signed element, or an empty map when there is none
     * @throws ReproException where DALiuGE's computation would fail
     */
    public static Map<String, Object> runtime(Map<String, Object> graph, RawJson element) {
        if (element == null) {
            return new LinkedHashMap<>();
        }
        List<ReproDrop> drops = new ArrayList<>(graph.size());
        for (var e : graph.entrySet()) {
            Map<String, Object> spec = Dicts.map(e.getValue(), "drop " + e.getKey());
            drops.add(of(e.getKey(), spec));
        }
        Map<String, Object> signed = Reproducibility.initRuntime(drops,
                Dicts.map(ReproJson.tree(element), "the graph's reprodata"));
        graph.put("reprodata", signed);
        return signed;
    }

    private static ReproDrop of(String oid, Map<String, Object> spec) {
        List<String> next = new ArrayList<>();
        for (String key : List.of("outputs", "consumers")) {
            if (spec.get(key) instanceof List<?> list) {
                for (Object entry : list) { // "B" or {"B": "port"}
                    next.add(entry instanceof Map<?, ?> m && !m.isEmpty()
                            ? String.valueOf(m.keySet().iterator().next()) : String.valueOf(entry));
                }
            }
        }
        return new ReproDrop(oid, next, spec.containsKey("iid"), spec.get("iid"), spec.get("node"),
                spec.get("island"), spec.get("reprodata"));
    }
}
