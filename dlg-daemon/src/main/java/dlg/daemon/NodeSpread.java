package dlg.daemon;

import dlg.core.graph.DropSpec;
import dlg.core.graph.Link;
import dlg.core.graph.ParsedGraph;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Places a graph that names no NodeManager ({@code node}) on a cluster's nodes, keeping
 * neighbours together: the drops are ordered depth-first along their links (followed both ways,
 * starting from each not yet visited drop in document order), and that order is cut into one
 * contiguous block per node, of equal sizes. A producer and its consumer are thus on one node but
 * at the few block boundaries: a chain is cut {@code nodes - 1} times, independent pipelines are
 * never cut but where a block ends, a scatter's branches go whole (app with its output) to the
 * nodes. A graph in which some drop names a node is left as it is (the DataIslandManager then
 * names every drop that has none).
 */
final class NodeSpread {

    private NodeSpread() {
    }

    /** True when no drop of the graph has a {@code node}. */
    static boolean unplaced(ParsedGraph graph) {
        return graph.drops().stream().allMatch(d -> d.node() == null);
    }

    /**
     * @param nodes the NodeManagers' node strings, in the order blocks go to them
     * @return the graph with every drop's {@code node} set, or {@code graph} itself when some drop has one
     */
    static ParsedGraph spread(ParsedGraph graph, List<String> nodes) {
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("no NodeManager to place the graph on");
        }
        if (!unplaced(graph)) {
            return graph;
        }
        List<DropSpec> drops = graph.drops();
        int n = drops.size();
        int[] order = depthFirstOrder(drops);
        DropSpec[] placed = new DropSpec[n];
        for (int pos = 0; pos < n; pos++) {
            int i = order[pos];
            DropSpec d = drops.get(i);
            String node = nodes.get((int) ((long) pos * nodes.size() / n));
            placed[i] = new DropSpec(d.oid(), d.uid(), d.category(), d.dropClass(), d.name(), node, d.island(),
                    d.links(), d.params(), d.appArgs());
        }
        return new ParsedGraph(graph.name(), List.of(placed), graph.reproData(), graph.problems());
    }

    /** Drop indexes in depth-first order over the undirected links; links to unknown oids are ignored. */
    static int[] depthFirstOrder(List<DropSpec> drops) {
        int n = drops.size();
        Map<String, Integer> index = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            index.putIfAbsent(drops.get(i).oid(), i);
        }
        // undirected adjacency, compressed: neighbours of i are adj[start[i] .. start[i + 1])
        int[] degree = new int[n + 1];
        List<int[]> edges = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (Link l : drops.get(i).links()) {
                Integer j = index.get(l.oid());
                if (j != null && j != i) {
                    edges.add(new int[] {i, j});
                    degree[i]++;
                    degree[j]++;
                }
            }
        }
        int[] start = new int[n + 1];
        for (int i = 0; i < n; i++) {
            start[i + 1] = start[i] + degree[i];
        }
        int[] fill = start.clone();
        int[] adj = new int[start[n]];
        for (int[] e : edges) {
            adj[fill[e[0]]++] = e[1];
            adj[fill[e[1]]++] = e[0];
        }
        int[] order = new int[n];
        int count = 0;
        boolean[] seen = new boolean[n];
        int[] stack = new int[adj.length + 1];
        for (int s = 0; s < n; s++) {
            if (seen[s]) {
                continue;
            }
            int top = 0;
            stack[top++] = s;
            while (top > 0) {
                int v = stack[--top];
                if (seen[v]) {
                    continue;
                }
                seen[v] = true;
                order[count++] = v;
                for (int k = start[v + 1] - 1; k >= start[v]; k--) { // reversed: the first link is followed first
                    if (!seen[adj[k]]) {
                        stack[top++] = adj[k];
                    }
                }
            }
        }
        return order;
    }
}
