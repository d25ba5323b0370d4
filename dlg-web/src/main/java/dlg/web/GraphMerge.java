package dlg.web;

import dlg.core.graph.Link;
import dlg.manager.composite.LostLinks;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A composite's graph view from its nodes' views: the drops (or groups) of every node, the links
 * within each node, and the links between nodes that the composite cut when it split the graph
 * (each node no longer knows them). Groups with the same key (the same construct on several
 * nodes) become one, their counts added.
 */
final class GraphMerge {

    private GraphMerge() {
    }

    static GraphView merge(String mode, GraphQuery q, List<GraphView> parts, List<LostLinks> cut) {
        long total = 0;
        Map<String, GraphView.Node> nodes = new LinkedHashMap<>();
        Set<GraphView.Edge> edges = new java.util.LinkedHashSet<>();
        String groupBy = null;
        for (GraphView p : parts) {
            total += p.total();
            groupBy = groupBy != null ? groupBy : p.groupBy();
            for (GraphView.Node n : p.nodes()) {
                nodes.merge(n.id(), n, GraphMerge::sameGroup);
            }
            edges.addAll(p.edges());
        }
        if (!mode.equals("groups")) {
            for (LostLinks lost : cut) {
                for (Link l : lost.links()) {
                    GraphView.Edge e = l.type().isIncoming() ? new GraphView.Edge(l.oid(), lost.oid())
                            : l.type().isOutgoing() ? new GraphView.Edge(lost.oid(), l.oid()) : null;
                    if (e != null && nodes.containsKey(e.source()) && nodes.containsKey(e.target())) {
                        edges.add(e);
                    }
                }
            }
        }
        return new GraphView(mode, total, q.budget(), groupBy, q.focus(), List.copyOf(nodes.values()),
                List.copyOf(edges));
    }

    /** One group seen on two nodes: counts added; its node only if both say the same. */
    private static GraphView.Node sameGroup(GraphView.Node a, GraphView.Node b) {
        if (a.counts() == null || b.counts() == null) {
            return a; // a drop: oids are unique in a session
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        for (ShownState s : ShownState.values()) {
            long n = a.counts().getOrDefault(s.wireName(), 0L) + b.counts().getOrDefault(s.wireName(), 0L);
            if (n != 0) {
                counts.put(s.wireName(), n);
            }
        }
        return new GraphView.Node(a.id(), a.label(), a.app(), Objects.equals(a.node(), b.node()) ? a.node() : null,
                null, null, (a.count() == null ? 0 : a.count()) + (b.count() == null ? 0 : b.count()), counts);
    }
}
