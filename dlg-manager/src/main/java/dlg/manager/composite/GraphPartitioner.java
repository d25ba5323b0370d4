package dlg.manager.composite;

import dlg.core.error.GraphProblem;
import dlg.core.error.InvalidGraphException;
import dlg.core.graph.DropSpec;
import dlg.core.graph.Link;
import dlg.core.graph.OidIndex;
import dlg.core.graph.ParsedGraph;
import dlg.manager.DropRel;
import dlg.manager.NodeAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Splits a physical graph among a composite manager's sub-managers, as DALiuGE's
 * {@code CompositeManager.addGraphSpec} does: by each drop's {@code node} (a DataIslandManager)
 * or {@code island} (a MasterManager). Links between parts are cut from the specs and kept as
 * {@link DropRel}s for the NodeManagers' {@code /subscriptions}.
 *
 * <p>The whole graph is checked first, every problem collected: the reader's, a missing or
 * unparsable attribute, one naming no sub-manager, duplicate oids or uids, links to oids not in
 * the graph. Nothing is split, so nothing is sent anywhere, for a graph that cannot run. Link
 * kinds and cycles are left to the NodeManagers' validation.
 *
 * <p>Linear in drops and links: each link is resolved once to an int index, each distinct
 * attribute value parsed once. Drops none of whose links were cut are passed on as the same
 * {@link DropSpec} instances.
 */
public final class GraphPartitioner {

    private final List<DropSpec> drops;
    private final PartitionAttribute attribute;
    private final List<GraphProblem> problems;
    /** The sub-managers the graph names, in the order it first does; {@link #part} indexes it. */
    private final Addresses partitions;
    /** The NodeManagers of the drops; for a DIM the partitions themselves. */
    private final Addresses nodes;
    private final int[] part;
    private final int[] node;
    /** Links of drop i are links[linkStart[i] .. linkStart[i + 1]), resolved to drop indexes in targets. */
    private int[] linkStart;
    private int[] targets;
    /** Whether something feeds drop i (then it is no root). */
    private boolean[] fed;
    /** Oid to drop index, while checking. */
    private OidIndex oids;

    private GraphPartitioner(ParsedGraph graph, PartitionAttribute attribute, List<NodeAddress> subManagers) {
        this.drops = graph.drops();
        this.attribute = attribute;
        this.problems = new ArrayList<>(graph.problems());
        this.partitions = new Addresses(attribute, subManagers);
        this.part = new int[drops.size()];
        boolean byNode = attribute == PartitionAttribute.NODE;
        this.nodes = byNode ? partitions : new Addresses(PartitionAttribute.NODE, null);
        this.node = byNode ? part : new int[drops.size()];
    }

    /**
     * @param subManagers the manager's NodeManagers (DIM) or DataIslandManagers (MM)
     * @throws InvalidGraphException listing every problem found (the reader's first)
     */
    public static PartitionedGraph partition(ParsedGraph graph, PartitionAttribute attribute,
                                             List<NodeAddress> subManagers) {
        Objects.requireNonNull(graph, "graph");
        Objects.requireNonNull(attribute, "attribute");
        Objects.requireNonNull(subManagers, "subManagers");
        GraphPartitioner p = new GraphPartitioner(graph, attribute, subManagers);
        p.place();
        p.resolveLinks();
        if (!p.problems.isEmpty()) {
            throw new InvalidGraphException(p.problems);
        }
        return p.split(graph);
    }

    // ---- Checks ----

    /** Gives each drop its partition (and NodeManager); finds duplicate ids. */
    private void place() {
        oids = new OidIndex(drops.size());
        boolean distinctUids = false;
        List<Integer> firstDropOfNode = new ArrayList<>();
        for (int i = 0; i < drops.size(); i++) {
            DropSpec d = drops.get(i);
            if (oids.putIfAbsent(d.oid(), i) >= 0) {
                problems.add(new GraphProblem(d.oid(), "duplicate oid (another drop already has it)"));
            }
            distinctUids |= !d.uid().equals(d.oid());
            part[i] = partitions.indexOf(d, attribute.valueOf(d), problems);
            if (attribute == PartitionAttribute.ISLAND) {
                node[i] = nodes.indexOf(d, d.node(), problems);
                checkOneIslandPerNode(i, firstDropOfNode);
            }
        }
        if (distinctUids) {
            OidIndex uids = new OidIndex(drops.size());
            for (int i = 0; i < drops.size(); i++) {
                DropSpec d = drops.get(i);
                int other = uids.putIfAbsent(d.uid(), i);
                if (other >= 0 && !drops.get(other).oid().equals(d.oid())) { // else told as a duplicate oid
                    problems.add(new GraphProblem(d.oid(), "duplicate uid '" + d.uid() + "'"));
                }
            }
        }
    }

    /** A NodeManager belongs to one island: else its subscriptions would name itself. */
    private void checkOneIslandPerNode(int i, List<Integer> firstDropOfNode) {
        if (node[i] < 0 || part[i] < 0) {
            return;
        }
        while (firstDropOfNode.size() <= node[i]) {
            firstDropOfNode.add(-1);
        }
        int first = firstDropOfNode.get(node[i]);
        if (first < 0) {
            firstDropOfNode.set(node[i], i);
        } else if (part[first] != part[i]) {
            problems.add(new GraphProblem(drops.get(i).oid(), "node " + nodes.get(node[i]) + " is in island "
                    + partitions.get(part[i]) + " here but in island " + partitions.get(part[first])
                    + " for drop '" + drops.get(first).oid() + "'"));
        }
    }

    /** Resolves every link once; finds dangling ones and what feeds which drop. */
    private void resolveLinks() {
        int n = drops.size();
        linkStart = new int[n + 1];
        for (int i = 0; i < n; i++) {
            linkStart[i + 1] = linkStart[i] + drops.get(i).links().size();
        }
        targets = new int[linkStart[n]];
        fed = new boolean[n];
        for (int i = 0; i < n; i++) {
            List<Link> links = drops.get(i).links();
            for (int k = 0; k < links.size(); k++) {
                Link l = links.get(k);
                int t = oids.get(l.oid());
                targets[linkStart[i] + k] = t;
                if (t < 0) {
                    problems.add(new GraphProblem(drops.get(i).oid(), "'" + l.type().key() + "' names drop '"
                            + l.oid() + "', which is not in the graph"));
                } else if (l.type().isIncoming()) { // the same rule as GraphSpec.roots()
                    fed[i] = true;
                } else if (l.type().isOutgoing()) {
                    fed[t] = true;
                }
            }
        }
        oids = null; // the biggest structure here: let it go before splitting
    }

    // ---- Split ----

    private PartitionedGraph split(ParsedGraph graph) {
        int n = drops.size();
        int parts = partitions.size();
        int[] start = new int[parts + 1];
        for (int p : part) {
            start[p + 1]++;
        }
        for (int p = 0; p < parts; p++) {
            start[p + 1] += start[p];
        }
        int[] order = new int[n]; // drop indexes part by part, each part in graph order
        int[] cursor = start.clone();
        for (int i = 0; i < n; i++) {
            order[cursor[part[i]]++] = i;
        }
        Rels rels = new Rels(nodes);
        List<List<String>> roots = new ArrayList<>(Collections.nCopies(nodes.size(), null));
        Map<String, List<Link>> lost = new HashMap<>();
        List<Partition> result = new ArrayList<>(parts);
        for (int p = 0; p < parts; p++) {
            List<DropSpec> kept = new ArrayList<>(start[p + 1] - start[p]);
            for (int j = start[p]; j < start[p + 1]; j++) {
                int i = order[j];
                kept.add(cut(i, rels, lost));
                if (!fed[i]) {
                    if (roots.get(node[i]) == null) {
                        roots.set(node[i], new ArrayList<>());
                    }
                    roots.get(node[i]).add(drops.get(i).uid());
                }
            }
            result.add(new Partition(partitions.get(p),
                    new ParsedGraph(graph.name(), kept, graph.reproData(), List.of())));
        }
        Map<NodeAddress, List<String>> rootsByNode = new LinkedHashMap<>();
        for (int k = 0; k < roots.size(); k++) {
            if (roots.get(k) != null) {
                rootsByNode.put(nodes.get(k), Collections.unmodifiableList(roots.get(k)));
            }
        }
        return new PartitionedGraph(attribute, List.copyOf(result), rels.byNode(),
                Collections.unmodifiableMap(rootsByNode), Collections.unmodifiableMap(lost));
    }

    /** Drop i without its links to other parts (the same instance when it has none). */
    private DropSpec cut(int i, Rels rels, Map<String, List<Link>> lost) {
        DropSpec d = drops.get(i);
        List<Link> links = d.links();
        List<Link> kept = null;
        List<Link> cut = null;
        for (int k = 0; k < links.size(); k++) {
            int t = targets[linkStart[i] + k];
            if (part[t] == part[i]) {
                if (kept != null) {
                    kept.add(links.get(k));
                }
                continue;
            }
            if (kept == null) {
                kept = new ArrayList<>(links.subList(0, k));
                cut = new ArrayList<>(2);
            }
            cut.add(links.get(k));
            rels.add(node[i], node[t], new DropRel(drops.get(t).uid(), links.get(k).type().code(), d.uid()));
        }
        if (kept == null) {
            return d;
        }
        lost.put(d.oid(), List.copyOf(cut));
        return new DropSpec(d.oid(), d.uid(), d.category(), d.dropClass(), d.name(), d.node(), d.island(),
                List.copyOf(kept), d.params(), d.appArgs());
    }

    // ---- Helpers ----

    /** Distinct addresses that attribute values name, each distinct value parsed once. */
    private static final class Addresses {
        private final PartitionAttribute attribute;
        /** The sub-managers, or null when any address will do. */
        private final List<NodeAddress> allowed;
        private final List<NodeAddress> list = new ArrayList<>();
        private final Map<NodeAddress, Integer> indexes = new HashMap<>();
        /** Raw value to index, or to a problem's message (one String shared by every drop naming it). */
        private final Map<String, Object> byValue = new HashMap<>();

        Addresses(PartitionAttribute attribute, List<NodeAddress> allowed) {
            this.attribute = attribute;
            this.allowed = allowed;
        }

        /** The index of the address {@code value} names, or -1 after reporting why there is none. */
        int indexOf(DropSpec d, String value, List<GraphProblem> problems) {
            Object resolved = value == null ? missing() : byValue.computeIfAbsent(value, this::resolve);
            if (resolved instanceof Integer index) {
                return index;
            }
            problems.add(new GraphProblem(d.oid(), (String) resolved));
            return -1;
        }

        private String missing() {
            return attribute == PartitionAttribute.ISLAND ? "doesn't specify an island attribute"
                    : "doesn't specify a node attribute";
        }

        private Object resolve(String value) {
            NodeAddress address;
            try {
                address = NodeAddress.parse(value, attribute.defaultRestPort());
            } catch (IllegalArgumentException e) {
                return attribute.key() + " " + e.getMessage();
            }
            if (allowed != null && !allowed.contains(address)) {
                return attribute.key() + " " + address + " does not belong to this manager; its "
                        + attribute.key() + "s are " + allowed.stream().map(NodeAddress::toString).collect(Collectors.joining(", "));
            }
            return indexes.computeIfAbsent(address, a -> {
                list.add(a);
                return list.size() - 1;
            });
        }

        NodeAddress get(int index) {
            return list.get(index);
        }

        int size() {
            return list.size();
        }
    }

    /** The cut links as DropRels, one list per pair of NodeManagers, given to both. */
    private static final class Rels {
        private final Addresses nodes;
        private final Map<Long, List<DropRel>> byPair = new HashMap<>();
        private final List<Map<String, List<DropRel>>> byNode;
        private long lastPair = -1;
        private List<DropRel> last;

        Rels(Addresses nodes) {
            this.nodes = nodes;
            this.byNode = new ArrayList<>(Collections.nCopies(nodes.size(), null));
        }

        void add(int a, int b, DropRel rel) {
            long pair = a < b ? (long) a << 32 | b : (long) b << 32 | a;
            if (pair != lastPair) { // cut links come in runs of the same pair: skip the boxing lookup
                last = byPair.computeIfAbsent(pair, k -> {
                    List<DropRel> rels = new ArrayList<>();
                    peersOf(a).put(nodes.get(b).toString(), Collections.unmodifiableList(rels));
                    peersOf(b).put(nodes.get(a).toString(), Collections.unmodifiableList(rels));
                    return rels;
                });
                lastPair = pair;
            }
            last.add(rel);
        }

        private Map<String, List<DropRel>> peersOf(int node) {
            if (byNode.get(node) == null) {
                byNode.set(node, new LinkedHashMap<>());
            }
            return byNode.get(node);
        }

        Map<NodeAddress, Map<String, List<DropRel>>> byNode() {
            Map<NodeAddress, Map<String, List<DropRel>>> result = new LinkedHashMap<>();
            for (int k = 0; k < byNode.size(); k++) {
                if (byNode.get(k) != null) {
                    result.put(nodes.get(k), Collections.unmodifiableMap(byNode.get(k)));
                }
            }
            return Collections.unmodifiableMap(result);
        }
    }
}
