package dlg.daemon;

import dlg.core.graph.DropSpec;
import dlg.core.graph.Link;
import dlg.core.graph.LinkType;
import dlg.core.graph.ParsedGraph;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Places a graph that names no NodeManager ({@code node}) on a cluster's nodes, keeping
 * neighbours together: the drops are ordered depth-first along their links (followed both ways,
 * starting from each not yet visited drop in document order), and that order is cut into one
 * contiguous block per node, of about equal sizes. An application always goes with the data it
 * produces (a cut may fall only where data is read by its consumer, which a NodeManager fetches
 * from the producer's node), so a chain is cut about {@code nodes - 1} times, independent
 * pipelines only where a block ends, and a scatter's branches go whole to the nodes. A graph in
 * which some drop names a node is left as it is (the DataIslandManager then names every drop that
 * has none).
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
        Map<String, Integer> index = indexByOid(drops);
        int[] order = depthFirstOrder(drops, index);
        int[] unit = producerUnits(drops, index);
        int[] nodeOfUnit = new int[n];
        Arrays.fill(nodeOfUnit, -1);
        DropSpec[] placed = new DropSpec[n];
        for (int pos = 0; pos < n; pos++) {
            int i = order[pos];
            int u = unit[i];
            if (nodeOfUnit[u] < 0) { // where the unit's first drop falls
                nodeOfUnit[u] = (int) ((long) pos * nodes.size() / n);
            }
            DropSpec d = drops.get(i);
            placed[i] = new DropSpec(d.oid(), d.uid(), d.category(), d.dropClass(), d.name(),
                    nodes.get(nodeOfUnit[u]), d.island(), d.links(), d.params(), d.appArgs());
        }
        return new ParsedGraph(graph.name(), List.of(placed), graph.reproData(), graph.problems());
    }

    private static Map<String, Integer> indexByOid(List<DropSpec> drops) {
        Map<String, Integer> index = new HashMap<>(drops.size() * 2);
        for (int i = 0; i < drops.size(); i++) {
            index.putIfAbsent(drops.get(i).oid(), i);
        }
        return index;
    }

    /**
     * Each drop's unit: an application with the data it writes (its outputs, or data naming it a
     * producer), found by union-find; the unit's id is one of its drops' indexes.
     */
    static int[] producerUnits(List<DropSpec> drops, Map<String, Integer> index) {
        int n = drops.size();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        for (int i = 0; i < n; i++) {
            DropSpec d = drops.get(i);
            for (Link l : d.links()) {
                boolean writes = l.type() == (d.category().isApplication() ? LinkType.OUTPUT : LinkType.PRODUCER);
                Integer j = index.get(l.oid());
                if (writes && j != null) {
                    parent[root(parent, i)] = root(parent, j);
                }
            }
        }
        for (int i = 0; i < n; i++) {
            parent[i] = root(parent, i);
        }
        return parent;
    }

    private static int root(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    /** Drop indexes in depth-first order over the undirected links; links to unknown oids are ignored. */
    static int[] depthFirstOrder(List<DropSpec> drops, Map<String, Integer> index) {
        int n = drops.size();
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
