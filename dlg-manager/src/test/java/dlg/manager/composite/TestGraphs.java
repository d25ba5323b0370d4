package dlg.manager.composite;

import dlg.core.graph.DropSpec;
import dlg.core.graph.GraphReader;
import dlg.core.graph.ParsedGraph;
import dlg.manager.NodeAddress;
import java.util.Arrays;
import java.util.List;

/** Small graphs for the partitioning tests, written with single quotes. */
final class TestGraphs {

    static final NodeAddress N1 = NodeAddress.parse("n1");
    static final NodeAddress N2 = NodeAddress.parse("n2");
    static final NodeAddress N3 = NodeAddress.parse("n3");

    private TestGraphs() {
    }

    static ParsedGraph graph(String... drops) {
        return GraphReader.read(("[" + String.join(",", drops) + "]").replace('\'', '"'));
    }

    static String data(String oid, String node, String... extra) {
        return drop(oid, "Data", "dlg.data.drops.memory.InMemoryDROP", node, extra);
    }

    static String app(String oid, String node, String... extra) {
        return drop(oid, "Application", "dlg.apps.simple.NullBarrierApp", node, extra);
    }

    static String drop(String oid, String category, String dropClass, String node, String... extra) {
        StringBuilder b = new StringBuilder("{'oid': '" + oid + "', 'categoryType': '" + category
                + "', 'dropclass': '" + dropClass + "'");
        if (node != null) {
            b.append(", 'node': '").append(node).append('\'');
        }
        Arrays.stream(extra).forEach(e -> b.append(", ").append(e));
        return b.append('}').toString();
    }

    /** The DIM example of the protocol reference (6.4): A(n1) -> B(n2) -> C(n1), and D(n2). */
    static ParsedGraph daliugeExample() {
        return graph(
                data("A", "n1", "'consumers': ['B']"),
                app("B", "n2", "'inputs': ['A']", "'outputs': ['C']"),
                data("C", "n1", "'producers': ['B']"),
                data("D", "n2", "'uid': 'D-uid'"));
    }

    static DropSpec drop(Partition p, String oid) {
        return p.graph().drops().stream().filter(d -> d.oid().equals(oid)).findFirst()
                .orElseThrow(() -> new AssertionError(p.subManager() + " has no drop " + oid));
    }

    static Partition partitionOf(PartitionedGraph g, NodeAddress subManager) {
        return g.partitions().stream().filter(p -> p.subManager().equals(subManager)).findFirst()
                .orElseThrow(() -> new AssertionError("no partition for " + subManager));
    }

    static List<String> oids(Partition p) {
        return p.graph().drops().stream().map(DropSpec::oid).toList();
    }
}
