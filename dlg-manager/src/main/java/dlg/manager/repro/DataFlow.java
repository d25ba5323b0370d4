package dlg.manager.repro;

import dlg.core.graph.DropSpec;
import dlg.core.graph.GraphSpec;
import dlg.core.graph.Link;
import dlg.core.graph.LinkType;
import java.util.Arrays;
import java.util.List;

/**
 * The data-flow edges of a graph as int arrays: each drop's parents (the producers of a data
 * drop, the inputs of an application, streaming or not), once each even when both ends declare
 * the link, plus a topological order and the leaves. Parent and child links (containers) carry
 * no data and are left out. Linear in drops and links.
 */
final class DataFlow {

    /** Parents of drop i are {@code parents[parentStart[i]] .. parents[parentStart[i + 1] - 1]}, ascending. */
    private final int[] parentStart;
    private final int[] parents;
    private final int[] order;
    private final boolean[] leaf;

    private DataFlow(int[] parentStart, int[] parents, int[] order, boolean[] leaf) {
        this.parentStart = parentStart;
        this.parents = parents;
        this.order = order;
        this.leaf = leaf;
    }

    /** @throws IllegalArgumentException if the data flow has a cycle (a validated graph has none) */
    static DataFlow of(GraphSpec graph) {
        int n = graph.size();
        int[] start = new int[n + 1];
        forEachEdge(graph, (from, to) -> start[to + 1]++);
        for (int i = 0; i < n; i++) {
            start[i + 1] += start[i];
        }
        int[] raw = new int[start[n]];
        int[] fill = Arrays.copyOf(start, n);
        forEachEdge(graph, (from, to) -> raw[fill[to]++] = from);

        // sort each drop's parents and drop the duplicates that links declared at both ends leave
        int[] parentStart = new int[n + 1];
        int kept = 0;
        for (int i = 0; i < n; i++) {
            Arrays.sort(raw, start[i], start[i + 1]);
            parentStart[i] = kept;
            for (int e = start[i]; e < start[i + 1]; e++) {
                if (e == start[i] || raw[e] != raw[e - 1]) {
                    raw[kept++] = raw[e];
                }
            }
        }
        parentStart[n] = kept;
        int[] parents = Arrays.copyOf(raw, kept);
        return sorted(n, parentStart, parents);
    }

    /** Kahn's algorithm; children are found through a reversed copy of the parent arrays. */
    private static DataFlow sorted(int n, int[] parentStart, int[] parents) {
        int[] childStart = new int[n + 1];
        for (int p : parents) {
            childStart[p + 1]++;
        }
        for (int i = 0; i < n; i++) {
            childStart[i + 1] += childStart[i];
        }
        int[] children = new int[parents.length];
        int[] fill = Arrays.copyOf(childStart, n);
        for (int c = 0; c < n; c++) {
            for (int e = parentStart[c]; e < parentStart[c + 1]; e++) {
                children[fill[parents[e]]++] = c;
            }
        }
        int[] waiting = new int[n];
        int[] order = new int[n];
        int head = 0;
        int tail = 0;
        boolean[] leaf = new boolean[n];
        for (int i = 0; i < n; i++) {
            waiting[i] = parentStart[i + 1] - parentStart[i];
            if (waiting[i] == 0) {
                order[tail++] = i;
            }
            leaf[i] = childStart[i + 1] == childStart[i];
        }
        while (head < tail) {
            int d = order[head++];
            for (int e = childStart[d]; e < childStart[d + 1]; e++) {
                if (--waiting[children[e]] == 0) {
                    order[tail++] = children[e];
                }
            }
        }
        if (tail != n) {
            throw new IllegalArgumentException("the graph's data flow has a cycle: " + (n - tail)
                    + " drops can never be reached");
        }
        return new DataFlow(parentStart, parents, order, leaf);
    }

    private interface EdgeSink {
        void edge(int from, int to);
    }

    private static void forEachEdge(GraphSpec graph, EdgeSink sink) {
        List<DropSpec> drops = graph.drops();
        for (int d = 0; d < drops.size(); d++) {
            List<Link> links = drops.get(d).links();
            for (int k = 0; k < links.size(); k++) {
                LinkType t = links.get(k).type();
                if (t.isIncoming()) {
                    sink.edge(graph.linkTarget(d, k), d);
                } else if (t.isOutgoing()) {
                    sink.edge(d, graph.linkTarget(d, k));
                }
            }
        }
    }

    int size() {
        return leaf.length;
    }

    /** Every drop, each after all its parents. */
    int[] order() {
        return order;
    }

    int parentCount(int drop) {
        return parentStart[drop + 1] - parentStart[drop];
    }

    int parent(int drop, int k) {
        return parents[parentStart[drop] + k];
    }

    boolean isLeaf(int drop) {
        return leaf[drop];
    }
}
