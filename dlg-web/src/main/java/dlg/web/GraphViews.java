package dlg.web;

import dlg.core.error.NoDropException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the graph view of a session ({@link GraphView}): every drop while there are at most
 * {@code budget}, else one node per group, or the neighbourhood of one drop. Never more than the
 * budget of drops (or {@link Groups#MAX_GROUPS} groups), so that the browser's layout stays quick.
 */
final class GraphViews {

    private GraphViews() {
    }

    static GraphView build(String sessionId, DropTable drops, Groups groups, GraphQuery q) {
        String mode = q.mode().equals("auto") ? (drops.size() <= q.budget() ? "drops" : "groups") : q.mode();
        return switch (mode) {
            case "drops" -> {
                if (drops.size() > q.budget()) {
                    throw new IllegalArgumentException("the session has " + drops.size()
                            + " drops, more than the budget of " + q.budget() + ": ask for groups or a neighbourhood");
                }
                BitSet all = new BitSet(drops.size());
                all.set(0, drops.size());
                yield drops(mode, drops, all, q, null);
            }
            case "groups" -> groups(drops, groups, q);
            default -> {
                int focus = drops.indexOf(q.focus());
                if (focus < 0) {
                    throw new NoDropException(sessionId, q.focus());
                }
                yield drops(mode, drops, neighbourhood(drops, focus, q.budget()), q, q.focus());
            }
        };
    }

    private static GraphView drops(String mode, DropTable drops, BitSet shown, GraphQuery q, String focus) {
        List<GraphView.Node> nodes = new ArrayList<>(shown.cardinality());
        for (int i = shown.nextSetBit(0); i >= 0; i = shown.nextSetBit(i + 1)) {
            ShownState s = drops.state(i);
            nodes.add(new GraphView.Node(drops.oid(i), drops.name(i), drops.isApp(i), drops.node(i), s.wireName(),
                    s.isTerminal(), null, null));
        }
        Set<Long> seen = new HashSet<>();
        List<GraphView.Edge> edges = new ArrayList<>();
        DropTable.EdgeSink sink = (from, to) -> {
            if (shown.get(from) && shown.get(to) && seen.add((long) from << 32 | to)) {
                edges.add(new GraphView.Edge(drops.oid(from), drops.oid(to)));
            }
        };
        if (mode.equals("drops")) {
            drops.forEachEdge(sink);
        } else { // only the shown drops' own links: no scan of a big graph
            for (int i = shown.nextSetBit(0); i >= 0; i = shown.nextSetBit(i + 1)) {
                drops.forEachLinkOf(i, sink);
            }
        }
        return new GraphView(mode, drops.size(), q.budget(), null, focus, nodes, edges);
    }

    /** Breadth-first from {@code focus}, up and down the data flow, until {@code budget} drops. */
    static BitSet neighbourhood(DropTable drops, int focus, int budget) {
        BitSet shown = new BitSet(drops.size());
        ArrayDeque<Integer> todo = new ArrayDeque<>();
        shown.set(focus);
        todo.add(focus);
        int[] count = {1};
        while (!todo.isEmpty() && count[0] < budget) {
            int d = todo.poll();
            drops.forEachLinkOf(d, (from, to) -> {
                int other = from == d ? to : from;
                if (count[0] < budget && !shown.get(other)) {
                    shown.set(other);
                    count[0]++;
                    todo.add(other);
                }
            });
        }
        return shown;
    }

    private static GraphView groups(DropTable drops, Groups groups, GraphQuery q) {
        int[] groupOf = groups.groupOf();
        long[][] counts = new long[groups.size()][ShownState.count()];
        for (int i = 0; i < drops.size(); i++) {
            counts[groupOf[i]][drops.state(i).ordinal()]++;
        }
        String[] nodeOf = new String[groups.size()]; // a group's node, when all its drops have the same
        boolean[] mixed = new boolean[groups.size()];
        for (int i = 0; i < drops.size(); i++) {
            int g = groupOf[i];
            String node = drops.node(i) == null ? "" : drops.node(i);
            if (nodeOf[g] == null) {
                nodeOf[g] = node;
            } else if (!mixed[g] && !nodeOf[g].equals(node)) {
                mixed[g] = true;
            }
        }
        List<GraphView.Node> nodes = new ArrayList<>(groups.size());
        for (int g = 0; g < groups.size(); g++) {
            String node = mixed[g] || nodeOf[g] == null || nodeOf[g].isEmpty() ? null : nodeOf[g];
            nodes.add(new GraphView.Node(groups.keys().get(g), groups.labels().get(g), groups.apps().get(g), node,
                    null, null, total(counts[g]), countsByName(counts[g])));
        }
        int n = groups.size();
        boolean[] linked = new boolean[n * n]; // at most MAX_GROUPS squared
        List<GraphView.Edge> edges = new ArrayList<>();
        drops.forEachEdge((from, to) -> {
            int a = groupOf[from];
            int b = groupOf[to];
            if (a != b && !linked[a * n + b]) {
                linked[a * n + b] = true;
                edges.add(new GraphView.Edge(groups.keys().get(a), groups.keys().get(b)));
            }
        });
        return new GraphView("groups", drops.size(), q.budget(), groups.attribute(), null, nodes, edges);
    }

    static long total(long[] counts) {
        long t = 0;
        for (long c : counts) {
            t += c;
        }
        return t;
    }

    /** Counts by shown-state name, in progress-bar order, the empty ones left out. */
    static Map<String, Long> countsByName(long[] counts) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int s = 0; s < counts.length; s++) {
            if (counts[s] != 0) {
                m.put(ShownState.ofOrdinal(s).wireName(), counts[s]);
            }
        }
        return m;
    }
}
