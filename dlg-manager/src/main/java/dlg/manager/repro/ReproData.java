package dlg.manager.repro;

import dlg.core.graph.DropSpec;
import dlg.core.graph.GraphSpec;
import dlg.core.graph.RawJson;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A session's reproducibility data once its drops have settled: the graph-wide signatures, and
 * each drop's blocks, built on demand from compact arrays (a record per drop would not fit
 * millions of drops). Immutable and thread-safe once built.
 */
public final class ReproData {

    private final GraphSpec graph;
    private final GraphRepro graphRepro;
    private final byte[] declared;
    /** Null when no mode is computed. */
    private final BlockDag dag;

    ReproData(GraphSpec graph, GraphRepro graphRepro, byte[] declared, BlockDag dag) {
        this.graph = graph;
        this.graphRepro = graphRepro;
        this.declared = declared;
        this.dag = dag;
    }

    /** The graph-wide data: rmode and one signature per computed mode. */
    public GraphRepro graph() {
        return graphRepro;
    }

    /** The number of drops. */
    public int size() {
        return declared.length;
    }

    /** The drop at {@code index} in the graph's order. */
    public DropRepro drop(int index) {
        DropSpec spec = graph.drops().get(index);
        ReproMode rmode = declared[index] == BlockDag.NO_RMODE ? graphRepro.rmode() : ReproMode.ofCode(declared[index]);
        Map<ReproMode, DropBlock> blocks = new EnumMap<>(ReproMode.class);
        if (dag != null) {
            for (int j = 0; j < dag.modes().size(); j++) {
                List<String> parents = new ArrayList<>();
                for (int p : dag.contributions(index, j)) {
                    parents.add(dag.blockHash(p, j));
                }
                parents.sort(null); // lower-case hex sorts as the bytes do: the order they were hashed in
                blocks.put(dag.modes().get(j), new DropBlock(dag.blockHash(index, j), parents));
            }
        }
        return new DropRepro(spec.oid(), rmode, blocks,
                spec.params().get("reprodata") instanceof RawJson raw ? raw : null);
    }

    /**
     * The drop with this oid.
     *
     * @throws IllegalArgumentException when the graph has none
     */
    public DropRepro drop(String oid) {
        int index = graph.indexOf(oid);
        if (index < 0) {
            throw new IllegalArgumentException("the graph has no drop " + oid);
        }
        return drop(index);
    }
}
