package dlg.manager;

import dlg.core.graph.GraphReader;
import dlg.core.state.SessionState;
import dlg.manager.auth.Access;
import dlg.manager.auth.ClusterSecret;
import dlg.manager.service.NodeManagerService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Measures a chain whose every link crosses nodes, not a test: run its {@code main} with the test
 * classpath. Two NodeManagers in this JVM; data drop {@code D(k)} and app {@code A(k)} (a
 * {@code SleepApp} of 0 s that consumes {@code D(k-1)} and produces {@code D(k)}) live on node
 * {@code k % 2}, so every app waits for a drop event from the other node. Runs the NULL mechanism
 * (no secret) and CURVE (a secret) alternately, a warm-up and then three runs each, and prints the
 * time from the trigger to both sessions FINISHED. Arguments: apps in the chain (2000); {@code wide}
 * to run instead, on the first node, a graph of that many apps with no link to the other node
 * while the other node subscribes to its events (an open node sends it every drop's event, a
 * guarded one only the events other nodes wait for: none here).
 */
final class CrossNodeChainBench {

    private CrossNodeChainBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        Path root = Files.createTempDirectory("dlg-chain-bench");
        ClusterSecret secret = ClusterSecret.generate();
        try (NodeManagerService o1 = start(root.resolve("open1"), null);
                NodeManagerService o2 = start(root.resolve("open2"), null);
                NodeManagerService c1 = start(root.resolve("curve1"), secret);
                NodeManagerService c2 = start(root.resolve("curve2"), secret)) {
            boolean wide = args.length > 1 && args[1].equals("wide");
            if (wide) { // the second node subscribes to the first, which then runs a graph of its own
                run("NULL, subscribe", o1, o2, 1, "sub-null");
                run("CURVE, subscribe", c1, c2, 1, "sub-curve");
            }
            for (int round = -1; round < 3; round++) { // round -1 warms the JIT up
                String warm = round < 0 ? ", warm-up" : "";
                if (wide) {
                    runLocal("NULL" + warm, o1, n, "null" + round);
                    runLocal("CURVE" + warm, c1, n, "curve" + round);
                } else {
                    run("NULL" + warm, o1, o2, n, "null" + round);
                    run("CURVE" + warm, c1, c2, n, "curve" + round);
                }
            }
        }
    }

    private static NodeManagerService start(Path dir, ClusterSecret secret) {
        return NodeManagerService.start(NodeManagerService.Config.local(dir).withAccess(Access.OPEN.withSecret(secret)));
    }

    private static void run(String label, NodeManagerService s0, NodeManagerService s1, int n, String sid)
            throws InterruptedException {
        NodeManager[] nm = {s0.nodeManager(), s1.nodeManager()};
        String[] node = {s0.nodeAddress().toString(), s1.nodeAddress().toString()};
        List<StringBuilder> specs = List.of(new StringBuilder("["), new StringBuilder("["));
        List<DropRel> rels = new ArrayList<>();
        specs.get(0).append(data(0));
        for (int k = 1; k <= n; k++) {
            StringBuilder spec = specs.get(k % 2);
            if (spec.length() > 1) {
                spec.append(',');
            }
            spec.append("{\"oid\": \"A").append(k).append("\", \"categoryType\": \"Application\",")
                    .append(" \"dropclass\": \"dlg.apps.simple.SleepApp\", \"outputs\": [\"D").append(k).append("\"]},")
                    .append(data(k));
            rels.add(new DropRel("A" + k, 0, "D" + (k - 1))); // as the DIM hands a cross-node link to both nodes
            rels.add(new DropRel("D" + (k - 1), 5, "A" + k));
        }
        for (int i = 0; i < 2; i++) {
            nm[i].createSession(sid);
            nm[i].addGraphSpec(sid, GraphReader.read(specs.get(i).append(']').toString()));
        }
        nm[0].addNodeSubscriptions(sid, Map.of(node[1], rels), Duration.ofSeconds(10));
        nm[1].addNodeSubscriptions(sid, Map.of(node[0], rels), Duration.ofSeconds(10));
        nm[0].deploySession(sid, List.of());
        nm[1].deploySession(sid, List.of());
        long t0 = System.nanoTime();
        nm[0].trigger(sid, List.of("D0"));
        while (nm[0].sessionStatus(sid) != SessionState.FINISHED || nm[1].sessionStatus(sid) != SessionState.FINISHED) {
            if (System.nanoTime() - t0 > Duration.ofMinutes(5).toNanos()) {
                throw new IllegalStateException(label + ": not finished after 5 minutes");
            }
            Thread.sleep(1); // a measurement, not a test
        }
        long nanos = System.nanoTime() - t0;
        System.out.printf("CHAIN %-15s %,6d cross-node links: %,9.1f ms, %,7.1f us per link%n", label, n, nanos / 1e6,
                nanos / 1e3 / n);
    }

    /**
     * A graph on one node only (a root drop and {@code n} apps each writing a drop of its own)
     * while another node subscribes to its events.
     */
    private static void runLocal(String label, NodeManagerService s0, int n, String sid) throws InterruptedException {
        NodeManager nm = s0.nodeManager();
        StringBuilder spec = new StringBuilder("[{\"oid\": \"R\", \"categoryType\": \"Data\",")
                .append(" \"dropclass\": \"dlg.data.drops.memory.InMemoryDROP\", \"consumers\": [");
        for (int k = 1; k <= n; k++) {
            spec.append(k > 1 ? "," : "").append("\"A").append(k).append('"');
        }
        spec.append("]}");
        for (int k = 1; k <= n; k++) {
            spec.append(",{\"oid\": \"A").append(k).append("\", \"categoryType\": \"Application\",")
                    .append(" \"dropclass\": \"dlg.apps.simple.SleepApp\", \"outputs\": [\"D").append(k).append("\"]},")
                    .append(data(k));
        }
        nm.createSession(sid);
        nm.addGraphSpec(sid, GraphReader.read(spec.append(']').toString()));
        nm.deploySession(sid, List.of());
        long t0 = System.nanoTime();
        nm.trigger(sid, List.of("R"));
        while (nm.sessionStatus(sid) != SessionState.FINISHED) {
            if (System.nanoTime() - t0 > Duration.ofMinutes(5).toNanos()) {
                throw new IllegalStateException(label + ": not finished after 5 minutes");
            }
            Thread.sleep(1); // a measurement, not a test
        }
        long nanos = System.nanoTime() - t0;
        System.out.printf("WIDE %-16s %,8d drops, a subscriber listening: %,9.1f ms, %,10.0f drops/s%n", label,
                2 * n + 1, nanos / 1e6, (2 * n + 1) / (nanos / 1e9));
    }

    private static String data(int k) {
        return "{\"oid\": \"D" + k + "\", \"categoryType\": \"Data\", \"dropclass\": \"dlg.data.drops.memory.InMemoryDROP\"}";
    }
}
