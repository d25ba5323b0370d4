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
 * time from the trigger to both sessions FINISHED. Argument: apps in the chain (2000).
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
            run("NULL, warm-up", o1, o2, n, "warm-null");
            run("CURVE, warm-up", c1, c2, n, "warm-curve");
            for (int round = 0; round < 3; round++) {
                run("NULL", o1, o2, n, "null-" + round);
                run("CURVE", c1, c2, n, "curve-" + round);
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

    private static String data(int k) {
        return "{\"oid\": \"D" + k + "\", \"categoryType\": \"Data\", \"dropclass\": \"dlg.data.drops.memory.InMemoryDROP\"}";
    }
}
