package dlg.manager.repro;

import dlg.core.graph.DropSpec;
import dlg.core.graph.GraphSpec;
import dlg.core.graph.RawJson;
import dlg.core.runtime.DropStatus;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Computes a session's reproducibility signatures once every drop has settled (DALiuGE's
 * {@code init_runtime_repro_data}): for each mode the graph-wide rmode asks for, a block hash per
 * drop chained along the data flow, and a Merkle root over the leaves. {@link ReproMode} says what
 * each mode covers. The same graph run to the same end always gives the same signatures: nothing
 * hashed depends on times, paths of the session, oids, or the order of keys and drops in the JSON.
 *
 * <p>The graph-wide rmode decides which signatures are computed. A drop's own
 * {@code reprodata.rmode} decides what each of them covers of that drop: its own mode's aspects
 * (ALL defers to the graph-wide mode); NOTHING or EXPERIMENTAL make it a link the chain passes
 * through without covering anything of it. A drop without an rmode of its own follows the graph's.
 *
 * <p>Linear in drops and links (one SHA-256 digest reused throughout); pure and thread-safe.
 */
public final class ReproCalculator {

    private ReproCalculator() {
    }

    /** As {@link #compute(GraphSpec, List, ContentDigests)} with no content digests. */
    public static ReproData compute(GraphSpec graph, List<DropStatus> finalStates) {
        return compute(graph, finalStates, ContentDigests.NONE);
    }

    /**
     * @param graph the session's graph; its last reproducibility element gives the graph-wide
     *     rmode (none: no signatures), each drop's {@code reprodata.rmode} may override it
     * @param finalStates every drop's final status, in the graph's order
     * @param digests content digests of data drops, for the modes that cover content
     * @throws IllegalArgumentException when the states do not match the graph's drops, a drop
     *     has not settled, or an rmode is none
     */
    public static ReproData compute(GraphSpec graph, List<DropStatus> finalStates, ContentDigests digests) {
        Objects.requireNonNull(graph, "graph");
        Objects.requireNonNull(finalStates, "finalStates");
        Objects.requireNonNull(digests, "digests");
        checkStates(graph, finalStates);
        RawJson element = graph.reproData().isEmpty() ? null : graph.reproData().getLast();
        ReproMode rmode = element == null ? null : DropReproSpec.ofGraph(element).rmode();
        rmode = rmode == null ? ReproMode.NOTHING : rmode;
        List<ReproMode> modes = rmode.standards();
        byte[] declared = new byte[graph.size()];
        BlockDag dag = null;
        Map<ReproMode, String> signatures = new EnumMap<>(ReproMode.class);
        if (modes.isEmpty()) {
            List<DropSpec> drops = graph.drops();
            for (int d = 0; d < drops.size(); d++) {
                DropSpec spec = drops.get(d);
                ReproMode own = DropReproSpec.of(spec.oid(), spec.params().get("reprodata")).rmode();
                declared[d] = own == null ? BlockDag.NO_RMODE : (byte) own.code();
            }
        } else {
            dag = BlockDag.build(graph, finalStates, digests, modes, declared);
            for (int j = 0; j < modes.size(); j++) {
                signatures.put(modes.get(j), dag.signature(j));
            }
        }
        return new ReproData(graph, new GraphRepro(rmode, signatures, element), declared, dag);
    }

    private static void checkStates(GraphSpec graph, List<DropStatus> states) {
        if (states.size() != graph.size()) {
            throw new IllegalArgumentException("the graph has " + graph.size() + " drops but "
                    + states.size() + " final states were given");
        }
        List<DropSpec> drops = graph.drops();
        for (int d = 0; d < states.size(); d++) {
            DropStatus s = states.get(d);
            String oid = drops.get(d).oid();
            if (s == null || !oid.equals(s.oid())) {
                throw new IllegalArgumentException("final state #" + d + " is for "
                        + (s == null ? "no drop" : "drop " + s.oid()) + ", not for drop " + oid);
            }
            if (!s.status().isDone()) {
                throw new IllegalArgumentException("drop " + oid + " has not settled: it is " + s.status());
            }
        }
    }
}
