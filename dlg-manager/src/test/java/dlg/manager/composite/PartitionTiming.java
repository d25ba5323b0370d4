package dlg.manager.composite;

import dlg.core.graph.Category;
import dlg.core.graph.DropSpec;
import dlg.core.graph.Link;
import dlg.core.graph.LinkType;
import dlg.core.graph.ParsedGraph;
import dlg.manager.NodeAddress;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Measures how long a big graph takes to split, not a test: run its {@code main} with the test
 * classpath and a big heap ({@code -Xmx6g}). The graph is a chain data -> app -> data ...,
 * every link declared on both sides as the translator does, oids as long as the translator's.
 * Figures depend on the machine; nothing asserts them.
 */
final class PartitionTiming {

    private PartitionTiming() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 3_000_000;
        List<NodeAddress> nodes = List.of(NodeAddress.parse("10.0.0.1"), NodeAddress.parse("10.0.0.2"),
                NodeAddress.parse("10.0.0.3"), NodeAddress.parse("10.0.0.4"));
        String only = args.length > 1 ? args[1] : "";
        if (!only.equals("robin")) {
            measure("blocks of 1000 drops per node", chain(n, nodes, 1000), nodes);
        }
        if (!only.equals("blocks")) {
            measure("round robin (every link cut)", chain(n, nodes, 1), nodes);
        }
    }

    private static void measure(String what, ParsedGraph graph, List<NodeAddress> nodes) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] wall = new long[7];
        long[] cpu = new long[wall.length];
        long[] gc = new long[wall.length];
        PartitionedGraph g = null;
        for (int round = 0; round < wall.length; round++) { // the first rounds warm the JIT up
            g = null;
            System.gc(); // the previous round's result is garbage: not this round's to collect
            long gc0 = gcMillis();
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            g = GraphPartitioner.partition(graph, PartitionAttribute.NODE, nodes);
            wall[round] = (System.nanoTime() - t0) / 1_000_000;
            cpu[round] = (threads.getCurrentThreadCpuTime() - c0) / 1_000_000;
            gc[round] = gcMillis() - gc0;
        }
        long rels = g.subscriptions().values().stream().flatMap(m -> m.values().stream()).mapToLong(List::size).sum() / 2;
        long roots = g.roots().values().stream().mapToLong(List::size).sum();
        System.out.printf("%,d drops over %d nodes, %s: %,d rels, %,d drops cut, %,d roots%n"
                        + "  wall ms %s (median %d)%n  cpu ms of the partitioning thread %s (median %d)%n"
                        + "  gc ms %s%n", graph.drops().size(), nodes.size(), what, rels, g.lostLinks().size(), roots,
                Arrays.toString(wall), median(wall), Arrays.toString(cpu), median(cpu), Arrays.toString(gc));
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }

    /** Drop i sits on node (i / block) % nodes; even drops are data, odd ones apps. */
    private static ParsedGraph chain(int n, List<NodeAddress> nodes, int block) {
        String[] nodeStrings = nodes.stream().map(NodeAddress::toString).toArray(String[]::new);
        String[] oids = new String[n];
        for (int i = 0; i < n; i++) {
            oids[i] = "2024-10-30T12:01:57_0140555b-8c23-4b1e-a7c1-" + i + "_0/" + (i % 7);
        }
        List<DropSpec> drops = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            boolean data = i % 2 == 0;
            List<Link> links = new ArrayList<>(2);
            if (i > 0) {
                links.add(new Link(data ? LinkType.PRODUCER : LinkType.INPUT, oids[i - 1], null));
            }
            if (i < n - 1) {
                links.add(new Link(data ? LinkType.CONSUMER : LinkType.OUTPUT, oids[i + 1], null));
            }
            drops.add(new DropSpec(oids[i], oids[i], data ? Category.DATA : Category.APPLICATION,
                    data ? "dlg.data.drops.memory.InMemoryDROP" : "dlg.apps.simple.SleepApp", null,
                    nodeStrings[(i / block) % nodeStrings.length], null, List.copyOf(links), Map.of(), Map.of()));
        }
        return ParsedGraph.of(drops);
    }
}
