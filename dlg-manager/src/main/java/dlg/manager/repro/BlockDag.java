package dlg.manager.repro;

import dlg.core.graph.Category;
import dlg.core.graph.DropSpec;
import dlg.core.graph.GraphSpec;
import dlg.core.runtime.DropStatus;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * DALiuGE's runtime block-DAG: per mode, each drop's block hash is
 * {@code SHA-256('B', 'o', own data hash, parents' block hashes in ascending order)}, computed in
 * topological order, and the mode's signature is the {@link Merkle} root of the leaves' block
 * hashes in ascending order. Sorting by hash, not by oid or position, is what makes both
 * independent of how the graph's JSON was written.
 *
 * <p>A drop whose mode covers nothing of it (its own rmode NOTHING or EXPERIMENTAL, or an
 * application under REPRODUCE) is <em>transparent</em>: its block hash is
 * {@code SHA-256('B', 't', parents' hashes)}, but it hands its parents' hashes to its children
 * instead of its own, so that the chain goes through it.
 *
 * <p>Memory: 32 bytes per drop and mode, plus the parent arrays of transparent drops.
 */
final class BlockDag {

    static final byte NO_RMODE = Byte.MIN_VALUE;
    private static final int[] NONE = {};
    private static final HexFormat HEX = HexFormat.of();

    private final DataFlow flow;
    private final List<ReproMode> modes;
    /** Block hash of drop d under mode j at {@code blocks[j][d * 32]}. */
    private final byte[][] blocks;
    /** For transparent drop d under mode j, the drops whose hashes it hands on; null when opaque. */
    private final int[][][] forwards;

    private BlockDag(DataFlow flow, List<ReproMode> modes) {
        this.flow = flow;
        this.modes = modes;
        this.blocks = new byte[modes.size()][Math.multiplyExact(flow.size(), Sha256.LENGTH)];
        this.forwards = new int[modes.size()][][];
    }

    /**
     * @param declared filled with each drop's own rmode code, or {@link #NO_RMODE}
     * @param modes the graph-wide modes to compute, not empty
     */
    static BlockDag build(GraphSpec graph, List<DropStatus> states, ContentDigests digests,
                          List<ReproMode> modes, byte[] declared) {
        BlockDag dag = new BlockDag(DataFlow.of(graph), modes);
        Sha256 sha = new Sha256();
        OwnData ownData = new OwnData(sha);
        byte[] own = new byte[Sha256.LENGTH];
        List<DropSpec> drops = graph.drops();
        boolean contentModes = modes.stream().anyMatch(m -> m.aspects().contains(ReproMode.Aspect.CONTENT));
        for (int d : dag.flow.order()) {
            DropSpec spec = drops.get(d);
            DropReproSpec repro = DropReproSpec.of(spec.oid(), spec.params().get("reprodata"));
            declared[d] = repro.rmode() == null ? NO_RMODE : (byte) repro.rmode().code();
            boolean wantsContent = contentModes
                    || (repro.rmode() != null && repro.rmode().aspects().contains(ReproMode.Aspect.CONTENT));
            String content = wantsContent && spec.category() == Category.DATA ? digests.digest(d) : null;
            ownData.start(spec, states.get(d).status(), repro, content);
            for (int j = 0; j < modes.size(); j++) {
                ReproMode mode = effective(repro.rmode(), modes.get(j));
                boolean transparent = mode.standards().isEmpty()
                        || (mode.chainsDataOnly() && spec.category() != Category.DATA);
                if (!transparent) {
                    ownData.hash(mode, own);
                }
                dag.chain(sha, d, j, transparent ? null : own);
            }
        }
        return dag;
    }

    /** A drop's own rmode decides what of it a graph-wide mode covers; ALL defers to that mode. */
    private static ReproMode effective(ReproMode declared, ReproMode graphMode) {
        return declared == null || declared == ReproMode.ALL ? graphMode : declared;
    }

    private void chain(Sha256 sha, int d, int j, byte[] own) {
        int[] parents = contributions(d, j);
        sha.tag('B');
        if (own == null) {
            sha.tag('t');
        } else {
            sha.tag('o').bytes(own, 0, own.length);
        }
        for (int p : byHash(parents, blocks[j])) {
            sha.bytes(blocks[j], p * Sha256.LENGTH, Sha256.LENGTH);
        }
        sha.finish(blocks[j], d * Sha256.LENGTH);
        if (own == null) {
            if (forwards[j] == null) {
                forwards[j] = new int[flow.size()][];
            }
            forwards[j][d] = parents;
        }
    }

    /** The drops whose block hashes drop d chains under mode j: its parents, or what transparent ones hand on. */
    int[] contributions(int d, int j) {
        int[][] fw = forwards[j];
        int count = flow.parentCount(d);
        if (count == 0) {
            return NONE;
        }
        if (count == 1) {
            int p = flow.parent(d, 0);
            return fw != null && fw[p] != null ? fw[p] : new int[] {p};
        }
        int size = 0;
        for (int k = 0; k < count; k++) {
            int p = flow.parent(d, k);
            size += fw != null && fw[p] != null ? fw[p].length : 1;
        }
        int[] all = new int[size];
        int at = 0;
        for (int k = 0; k < count; k++) {
            int p = flow.parent(d, k);
            if (fw != null && fw[p] != null) {
                System.arraycopy(fw[p], 0, all, at, fw[p].length);
                at += fw[p].length;
            } else {
                all[at++] = p;
            }
        }
        return unique(all);
    }

    List<ReproMode> modes() {
        return modes;
    }

    String blockHash(int d, int j) {
        return HEX.formatHex(blocks[j], d * Sha256.LENGTH, (d + 1) * Sha256.LENGTH);
    }

    /** Mode j's signature: the Merkle root of the leaves' block hashes. */
    String signature(int j) {
        int leaves = 0;
        for (int d = 0; d < flow.size(); d++) {
            leaves += flow.isLeaf(d) ? 1 : 0;
        }
        int[] leaf = new int[leaves];
        for (int d = 0, at = 0; d < flow.size(); d++) {
            if (flow.isLeaf(d)) {
                leaf[at++] = d;
            }
        }
        return HEX.formatHex(Merkle.root(byHash(leaf, blocks[j]), blocks[j]));
    }

    /** Sorted and without repeats (a drop reached through two transparent parents counts once). */
    private static int[] unique(int[] a) {
        Arrays.sort(a);
        int kept = 0;
        for (int i = 0; i < a.length; i++) {
            if (i == 0 || a[i] != a[i - 1]) {
                a[kept++] = a[i];
            }
        }
        return kept == a.length ? a : Arrays.copyOf(a, kept);
    }

    /** The drops ordered by their hashes in {@code hashes}, ascending as unsigned bytes: an order no input order changes. */
    static int[] byHash(int[] drops, byte[] hashes) {
        if (drops.length < 2) {
            return drops;
        }
        Integer[] boxed = new Integer[drops.length];
        for (int i = 0; i < drops.length; i++) {
            boxed[i] = drops[i];
        }
        Arrays.sort(boxed, (a, b) -> Arrays.compareUnsigned(
                hashes, a * Sha256.LENGTH, (a + 1) * Sha256.LENGTH,
                hashes, b * Sha256.LENGTH, (b + 1) * Sha256.LENGTH));
        int[] out = new int[drops.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = boxed[i];
        }
        return out;
    }
}
