package dlg.manager.composite;
import dlg.manager.service.CompositeManagerService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dlg.manager.NodeAddress;
import dlg.manager.service.NodeManagerService;
import dlg.manager.rest.WireClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A MasterManager over two DataIslandManagers over two NodeManagers each, all real servers. */
class MasterManagerIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration END = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    private final List<AutoCloseable> open = new ArrayList<>();
    private final List<String> nms = new ArrayList<>();
    private final List<String> dims = new ArrayList<>();
    private WireClient mm;

    @BeforeEach
    void start() {
        for (int island = 0; island < 2; island++) {
            List<NodeAddress> nodes = new ArrayList<>();
            for (int n = 0; n < 2; n++) {
                NodeManagerService nm = NodeManagerService.start(NodeManagerService.Config.local(tmp.resolve("nm" + island + n)));
                open.add(nm);
                String node = nm.nodeAddress().toString();
                nms.add(node);
                nodes.add(NodeAddress.parse(node));
            }
            CompositeManagerService dim = CompositeManagerService.start(
                    CompositeManagerService.Config.local(CompositeManager.Kind.DATA_ISLAND, nodes));
            open.add(dim);
            dims.add("127.0.0.1:" + dim.restPort());
        }
        CompositeManagerService master = CompositeManagerService.start(CompositeManagerService.Config.local(
                CompositeManager.Kind.MASTER, dims.stream().map(d -> NodeAddress.parse(d, NodeAddress.DIM_PORT)).toList()));
        open.add(master);
        mm = new WireClient(master.restPort());
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    /** A chain that crosses every node and both islands: d0 (nm0) -> a1 (nm1) -> d1 (nm2) -> a2 (nm3) -> d2 (nm0). */
    private String chain() {
        String[][] drops = {
                {"d0", "Data", null, "a1", "0"}, {"a1", "Application", "d0", "d1", "1"},
                {"d1", "Data", "a1", "a2", "2"}, {"a2", "Application", "d1", "d2", "3"}, {"d2", "Data", "a2", null, "0"}};
        StringBuilder g = new StringBuilder("[");
        for (String[] d : drops) {
            int nm = Integer.parseInt(d[4]);
            boolean app = d[1].equals("Application");
            g.append(g.length() > 1 ? "," : "").append("{\"oid\": \"").append(d[0]).append("\", \"categoryType\": \"")
                    .append(d[1]).append("\", \"dropclass\": \"")
                    .append(app ? "dlg.apps.simple.SleepApp" : "dlg.data.drops.memory.InMemoryDROP").append('"');
            if (d[2] != null) {
                g.append(", \"").append(app ? "inputs" : "producers").append("\": [\"").append(d[2]).append("\"]");
            }
            if (d[3] != null) {
                g.append(", \"").append(app ? "outputs" : "consumers").append("\": [\"").append(d[3]).append("\"]");
            }
            g.append(", \"node\": \"").append(nms.get(nm)).append("\", \"island\": \"").append(dims.get(nm / 2)).append("\"}");
        }
        return g.append("]").toString();
    }

    @Test
    void session_chainAcrossIslands_finishesEverywhere() throws Exception {
        assertThat(mm.postJson("/api/sessions", "{\"sessionId\": \"m\"}").status()).isEqualTo(200);
        WireClient.Reply appended = mm.postGraph("/api/sessions/m/graph/append", chain());
        assertThat(appended.status()).as(appended.text()).isEqualTo(200);

        WireClient.Reply deployed = mm.postForm("/api/sessions/m/deploy", Map.of("completed", "d0"));
        assertThat(deployed.status()).as(deployed.text()).isEqualTo(200);

        await().atMost(END).untilAsserted(() -> {
            JsonNode status = json(mm.get("/api/sessions/m/status"));
            assertThat(status.size()).isEqualTo(2);
            status.forEach(island -> island.forEach(nm -> assertThat(nm.asInt()).isEqualTo(4)));
        });
        JsonNode graphStatus = json(mm.get("/api/sessions/m/graph/status"));
        assertThat(graphStatus.fieldNames()).toIterable().containsExactlyInAnyOrder("d0", "a1", "d1", "a2", "d2");
        assertThat(json(mm.get("/api/islands")).get("islands").size()).isEqualTo(2);
        assertThat(json(mm.get("/api/nodes")).get("nodes").size()).isEqualTo(4);
        assertThat(mm.post("/api/node/extra-host").status()).isEqualTo(200); // the MasterManager's own list
        assertThat(json(mm.get("/api/nodes")).get("nodes").get(0).asText()).isEqualTo("extra-host:8000:5555:6666");
        assertThat(json(mm.get("/api/islands")).get("islands").size()).isEqualTo(2);
        assertThat(mm.delete("/api/node/extra-host").status()).isEqualTo(200);
        assertThat(mm.delete("/api/node/extra-host").status()).isEqualTo(400);
        assertThat(json(mm.get("/api/sessions/m/graph")).get("d1").get("consumers").get(0).asText()).isEqualTo("a2");
    }

    private static JsonNode json(WireClient.Reply r) throws Exception {
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return JSON.readTree(r.body());
    }
}
