package dlg.manager.composite;

import dlg.core.error.GraphProblem;
import dlg.core.error.InvalidGraphException;
import dlg.core.graph.DropSpec;
import dlg.core.graph.Link;
import dlg.core.graph.LinkIndex;
import dlg.core.graph.LinkType;
import dlg.core.graph.OidIndex;
import dlg.core.graph.ParsedGraph;
import dlg.manager.DropRel;
import dlg.manager.NodeAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Splits a physical graph among a composite manager's sub-managers, as DALiuGE's
 * {@code CompositeManager.addGraphSpec} does: by each drop's {@code node} (a DataIslandManager)
 * or {@code island} (a MasterManager). Links between parts are cut from the specs and kept as
 * {@link DropRel}s for the NodeManagers' {@code /subscriptions}.
 *
 * <p>The whole graph is checked first, every problem collected: the reader's, a missing or
 * unparsable attribute, one naming no sub-manager, duplicate oids or uids, links to oids not in
 * the graph. Nothing is split, so nothing is sent anywhere, for a graph that cannot run. Link
 * kinds and cycles are left to validation ({@code GraphSpec}): each NodeManager checks its part,
 * but only a check of the whole graph sees a cycle through several nodes.
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
    private final NodeTable partitions;
    /** The NodeManagers of the drops; for a DIM the partitions themselves. */
    private final NodeTable nodes;
    private final int[] part;
    private final int[] node;
    /** Links of drop i are links[linkStart[i] .. linkStart[i + 1]), resolved to drop indexes in targets. */
    private int[] linkStart;
    private int[] targets;
    /** Whether something feeds drop i (then it is no root). */
    private boolean[] fed;
    /** How many drops lose links. */
    private int cutDrops;
    /** Data drop index to the apps of other nodes writing it, while checking; null while there are none. */
    private Map<Integer, List<Integer>> remoteWriters;
    /** The drops each link names, while checking. */
    private LinkIndex index;

    private GraphPartitioner(ParsedGraph graph, PartitionAttribute attribute, List<NodeAddress> subManagers) {
        this.drops = graph.drops();
        this.attribute = attribute;
        this.problems = new ArrayList<>(graph.problems());
        this.partitions = new NodeTable(attribute, subManagers);
        this.part = new int[drops.size()];
        boolean byNode = attribute == PartitionAttribute.NODE;
        this.nodes = byNode ? partitions : new NodeTable(PartitionAttribute.NODE, null);
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
        index = LinkIndex.of(drops); // the reader's, for a graph read from JSON
        boolean repeated = index.hasRepeatedOids();
        boolean distinctUids = false;
        List<Integer> firstDropOfNode = new ArrayList<>();
        for (int i = 0; i < drops.size(); i++) {
            DropSpec d = drops.get(i);
            if (repeated && index.repeatsAnOid(i)) {
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
            String[] uidKeys = new String[drops.size()];
            OidIndex uids = new OidIndex(drops.size(), uidKeys);
            for (int i = 0; i < drops.size(); i++) {
                DropSpec d = drops.get(i);
                uidKeys[i] = d.uid();
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
            linkStart[i + 1] = linkStart[i] + drops.get(i).linkCount();
        }
        targets = new int[linkStart[n]];
        fed = new boolean[n];
        for (int i = 0; i < n; i++) {
            DropSpec d = drops.get(i);
            boolean cut = false;
            for (int k = 0, count = d.linkCount(); k < count; k++) {
                LinkType type = d.linkType(k);
                int t = index.target(i, k);
                targets[linkStart[i] + k] = t;
                cut |= t >= 0 && part[t] != part[i];
                if (t < 0) {
                    problems.add(new GraphProblem(d.oid(), "'" + type.key() + "' names drop '"
                            + d.linkOid(k) + "', which is not in the graph"));
                } else if (type.isIncoming()) { // the same rule as GraphSpec.roots()
                    fed[i] = true;
                } else if (type.isOutgoing()) {
                    fed[t] = true;
                }
                if (t >= 0 && node[t] != node[i] && node[t] >= 0 && node[i] >= 0) {
                    noteRemoteWriter(i, type, t);
                }
            }
            cutDrops += cut ? 1 : 0;
        }
        index = null; // the biggest structure here: let it go before splitting
        checkRemoteWriters();
    }

    /** If a link of {@code type} from drop i to drop t says an app writes a data drop of another node, notes it. */
    private void noteRemoteWriter(int i, LinkType type, int t) {
        boolean app = drops.get(i).category().isApplication();
        int data;
        int writer;
        if (app && type == LinkType.OUTPUT && !drops.get(t).category().isApplication()) {
            writer = i;
            data = t;
        } else if (!app && type == LinkType.PRODUCER && drops.get(t).category().isApplication()) {
            writer = t;
            data = i;
        } else {
            return;
        }
        if (remoteWriters == null) {
            remoteWriters = new LinkedHashMap<>();
        }
        List<Integer> writers = remoteWriters.computeIfAbsent(data, d -> new ArrayList<>(1));
        if (!writers.contains(writer)) { // a link declared from both ends is one writer
            writers.add(writer);
        }
    }

    /**
     * An app may write a data drop of another node: its node keeps a stand-in that the drop's
     * node reads once the app finished. That stand-in is one per drop and node, read once: a
     * drop written by apps of two other nodes, or by two apps of one other node, cannot get
     * its content so.
     */
    private void checkRemoteWriters() {
        if (remoteWriters == null) {
            return;
        }
        remoteWriters.forEach((data, writers) -> {
            if (writers.size() < 2) {
                return;
            }
            StringBuilder who = new StringBuilder();
            for (int w : writers) {
                who.append(who.isEmpty() ? "" : ", ").append('\'').append(drops.get(w).oid()).append("' on node ")
                        .append(nodes.get(node[w]));
            }
            problems.add(new GraphProblem(drops.get(data).oid(), "is on node " + nodes.get(node[data])
                    + " but written by apps " + who + ": a drop's content can come from one app of one other node"
                    + " only; place the drop with its producers"));
        });
        remoteWriters = null;
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
        SubscriptionTable rels = new SubscriptionTable(nodes);
        List<List<String>> roots = new ArrayList<>(Collections.nCopies(nodes.size(), null));
        List<LostLinks> lost = new ArrayList<>(cutDrops);
        List<Partition> result = new ArrayList<>(parts);
        for (int p = 0; p < parts; p++) {
            List<DropSpec> kept = new ArrayList<>(start[p + 1] - start[p]);
            int[] unchanged = new int[start[p + 1] - start[p]]; // the drop each is, if not changed by the cut
            for (int j = start[p]; j < start[p + 1]; j++) {
                int i = order[j];
                DropSpec d = cut(i, rels, lost);
                unchanged[j - start[p]] = d == drops.get(i) ? i : -1;
                kept.add(d);
                if (!fed[i]) {
                    if (roots.get(node[i]) == null) {
                        roots.set(node[i], new ArrayList<>());
                    }
                    roots.get(node[i]).add(drops.get(i).uid());
                }
            }
            result.add(new Partition(partitions.get(p), new ParsedGraph(graph.name(), kept, graph.reproData(),
                    List.of(), graph.bytes().select(unchanged))));
        }
        Map<NodeAddress, List<String>> rootsByNode = new LinkedHashMap<>();
        for (int k = 0; k < roots.size(); k++) {
            if (roots.get(k) != null) {
                rootsByNode.put(nodes.get(k), Collections.unmodifiableList(roots.get(k)));
            }
        }
        return new PartitionedGraph(attribute, List.copyOf(result), rels.byNode(),
                Collections.unmodifiableMap(rootsByNode), Collections.unmodifiableList(lost));
    }

    /** Drop i without its links to other parts (the same instance when it has none). */
    private DropSpec cut(int i, SubscriptionTable rels, List<LostLinks> lost) {
        DropSpec d = drops.get(i);
        int from = linkStart[i];
        int cuts = 0;
        for (int k = 0, count = d.linkCount(); k < count; k++) {
            cuts += part[targets[from + k]] != part[i] ? 1 : 0;
        }
        if (cuts == 0) {
            return d;
        }
        List<Link> links = d.links();
        Link[] kept = new Link[links.size() - cuts];
        Link[] cut = new Link[cuts];
        int kk = 0;
        int kc = 0;
        for (int k = 0; k < links.size(); k++) {
            Link l = links.get(k);
            int t = targets[from + k];
            if (part[t] == part[i]) {
                kept[kk++] = l;
            } else {
                cut[kc++] = l;
                rels.add(node[i], node[t], new DropRel(drops.get(t).uid(), l.type().code(), d.uid()));
            }
        }
        lost.add(new LostLinks(d.oid(), List.of(cut)));
        return new DropSpec(d.oid(), d.uid(), d.category(), d.dropClass(), d.name(), d.node(), d.island(),
                List.of(kept), d.params(), d.appArgs());
    }
}
