package dlg.manager;

import dlg.core.graph.GraphReader;
import dlg.core.state.SessionState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScratchIT {
    @TempDir Path tmp;

    @Test
    void repeat() throws Exception {
        for (int i = 0; i < 4; i++) {
            try (NodeManagerService s1 = NodeManagerService.start(NodeManagerService.Config.local(tmp.resolve("a" + i)));
                 NodeManagerService s2 = NodeManagerService.start(NodeManagerService.Config.local(tmp.resolve("b" + i)))) {
                NodeManager nm1 = s1.nodeManager();
                NodeManager nm2 = s2.nodeManager();
                String node1 = "127.0.0.1:" + s1.restPort() + ":" + s1.eventPort() + ":6666";
                String node2 = "127.0.0.1:" + s2.restPort() + ":" + s2.eventPort() + ":6666";
                nm1.createSession("x");
                nm2.createSession("x");
                nm1.addGraphSpec("x", GraphReader.read("[{\"oid\": \"A\", \"categoryType\": \"Data\", \"dropclass\": \"dlg.data.drops.memory.InMemoryDROP\"}]"));
                nm2.addGraphSpec("x", GraphReader.read("[{\"oid\": \"B\", \"categoryType\": \"Application\", \"dropclass\": \"dlg.apps.simple.SleepApp\", \"outputs\": [\"C\"]}, {\"oid\": \"C\", \"categoryType\": \"Data\", \"dropclass\": \"dlg.data.drops.memory.InMemoryDROP\"}]"));
                List<DropRel> rels = List.of(new DropRel("B", 0, "A"), new DropRel("A", 5, "B"));
                long t0 = System.nanoTime();
                String r1, r2;
                try { nm1.addNodeSubscriptions("x", Map.of(node2, rels), Duration.ofSeconds(5)); r1 = "ok"; } catch (RuntimeException e) { r1 = e.getMessage(); }
                try { nm2.addNodeSubscriptions("x", Map.of(node1, rels), Duration.ofSeconds(5)); r2 = "ok"; } catch (RuntimeException e) { r2 = e.getMessage(); }
                nm1.deploySession("x", List.of());
                nm2.deploySession("x", List.of());
                nm1.trigger("x", List.of("A"));
                long end = System.nanoTime() + 5_000_000_000L;
                while (nm2.sessionStatus("x") != SessionState.FINISHED && System.nanoTime() < end) { Thread.onSpinWait(); }
                System.out.println("ITERATION " + i + " sub1=" + r1 + " sub2=" + r2 + " nm2=" + nm2.sessionStatus("x") + " in " + (System.nanoTime() - t0) / 1e6 + " ms");
            }
        }
    }
}
