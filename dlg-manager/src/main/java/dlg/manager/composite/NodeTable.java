package dlg.manager.composite;

import dlg.core.error.GraphProblem;
import dlg.core.graph.DropSpec;
import dlg.manager.NodeAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The distinct addresses that a graph's drops name in one attribute, numbered in the order the
 * graph first names them. Each distinct value is parsed once; a refused value's message is one
 * String shared by every drop naming it, so that a graph of millions of misplaced drops does not
 * make millions of messages.
 */
final class NodeTable {

    private final PartitionAttribute attribute;
    /** The sub-managers, or null when any address will do. */
    private final List<NodeAddress> allowed;
    private final List<NodeAddress> list = new ArrayList<>();
    private final Map<NodeAddress, Integer> indexes = new HashMap<>();
    /** Raw value to its index, or to the message refusing it. */
    private final Map<String, Object> byValue = new HashMap<>();
    private String lastValue;
    private int lastIndex;

    NodeTable(PartitionAttribute attribute, List<NodeAddress> allowed) {
        this.attribute = attribute;
        this.allowed = allowed;
    }

    /** The index of the address {@code value} names, or -1 after reporting why there is none. */
    int indexOf(DropSpec d, String value, List<GraphProblem> problems) {
        if (value != null && value == lastValue) { // drops come in runs of one node, its String shared by the reader
            return lastIndex;
        }
        Object resolved = value == null ? missing() : byValue.get(value);
        if (resolved == null) {
            resolved = resolve(value);
            byValue.put(value, resolved);
        }
        if (resolved instanceof Integer index) {
            lastValue = value;
            lastIndex = index;
            return index;
        }
        problems.add(new GraphProblem(d.oid(), (String) resolved));
        return -1;
    }

    NodeAddress get(int index) {
        return list.get(index);
    }

    int size() {
        return list.size();
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
            return attribute.key() + " " + address + " does not belong to this manager; its " + attribute.key()
                    + "s are " + allowed.stream().map(NodeAddress::toString).collect(Collectors.joining(", "));
        }
        return indexes.computeIfAbsent(address, a -> {
            list.add(a);
            return list.size() - 1;
        });
    }
}
