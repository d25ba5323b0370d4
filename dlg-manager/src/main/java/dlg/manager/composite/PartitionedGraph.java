package dlg.manager.composite;

import dlg.core.error.GraphProblem;
import dlg.core.error.InvalidGraphException;
import dlg.core.graph.DropSpec;
import dlg.manager.DropRel;
import dlg.manager.NodeAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A graph split by {@link GraphPartitioner}: what a composite manager appends to each
 * sub-manager, then sends to each NodeManager at deploy time. Unmodifiable.
 *
 * <p>Subscriptions and triggers go to NodeManagers, also from a MasterManager (as in DALiuGE,
 * which keys both by each drop's {@code node}, not its {@code island}): only an NM publishes
 * events, so only an NM's events port may be subscribed to. For a DataIslandManager the NM of
 * a drop is its partition.
 *
 * @param attribute what the graph was split by
 * @param partitions the parts, in the order the graph first names their sub-managers; a
 *     sub-manager with no drop has none
 * @param subscriptions per NodeManager, its {@code /subscriptions} body: for each other
 *     NodeManager (its canonical 4-part string), the links between the two that were cut, one
 *     {@link DropRel} of uids per declared link ("the linked drop is a rel of the declaring
 *     one"), in DALiuGE's order (part by part, drop by drop); both NMs of a link get the same list
 * @param roots per NodeManager, the uids of its drops that nothing feeds in the whole graph
 * @param lostLinks the links cut from each drop's spec, part by part: what
 *     {@code GET .../graph} on a composite adds back (see {@link CrossLinks#restore})
 */
public record PartitionedGraph(PartitionAttribute attribute, List<Partition> partitions,
                               Map<NodeAddress, Map<String, List<DropRel>>> subscriptions,
                               Map<NodeAddress, List<String>> roots, List<LostLinks> lostLinks) {

    public PartitionedGraph {
        Objects.requireNonNull(attribute, "attribute");
        Objects.requireNonNull(partitions, "partitions");
        Objects.requireNonNull(subscriptions, "subscriptions");
        Objects.requireNonNull(roots, "roots");
        Objects.requireNonNull(lostLinks, "lostLinks");
    }

    /** This split without the bytes of its drops: what a session keeps once its parts are sent. */
    public PartitionedGraph withoutBytes() {
        List<Partition> specs = partitions.stream()
                .map(p -> new Partition(p.subManager(), p.graph().withoutBytes())).toList();
        return new PartitionedGraph(attribute, specs, subscriptions, roots, lostLinks);
    }

    /**
     * Groups uids (a deploy's {@code completed}) by the NodeManager of each drop, keeping their
     * order: what the composite sends to each NM's {@code /trigger}. Scans the graph once and
     * keeps no index between calls.
     *
     * @throws InvalidGraphException naming each uid that is no drop of this graph
     */
    public Map<NodeAddress, List<String>> groupByNode(List<String> uids) {
        Map<String, NodeAddress> found = locate(new HashSet<>(uids));
        Map<NodeAddress, List<String>> byNode = new LinkedHashMap<>();
        List<GraphProblem> unknown = new ArrayList<>();
        for (String uid : uids) {
            NodeAddress node = found.get(uid);
            if (node == null) {
                unknown.add(new GraphProblem(uid, "is no drop of this graph (completed drops are named by uid)"));
            } else {
                byNode.computeIfAbsent(node, n -> new ArrayList<>()).add(uid);
            }
        }
        if (!unknown.isEmpty()) {
            throw new InvalidGraphException(unknown);
        }
        return byNode;
    }

    /** The NodeManager of each of {@code uids} that is a drop of this graph (the others are left out). */
    public Map<String, NodeAddress> locate(Set<String> uids) {
        Map<String, NodeAddress> found = HashMap.newHashMap(uids.size());
        Map<String, NodeAddress> parsed = new HashMap<>();
        if (uids.isEmpty()) {
            return found;
        }
        scan:
        for (Partition p : partitions) {
            for (DropSpec d : p.graph().drops()) {
                if (uids.contains(d.uid())) {
                    found.put(d.uid(), nodeOf(p, d, parsed));
                    if (found.size() == uids.size()) {
                        break scan;
                    }
                }
            }
        }
        return found;
    }

    private NodeAddress nodeOf(Partition p, DropSpec d, Map<String, NodeAddress> parsed) {
        if (attribute == PartitionAttribute.NODE) {
            return p.subManager();
        }
        return parsed.computeIfAbsent(d.node(), s -> NodeAddress.parse(s, PartitionAttribute.NODE.defaultRestPort()));
    }
}
