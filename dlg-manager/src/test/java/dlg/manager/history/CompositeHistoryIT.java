package dlg.manager.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dlg.manager.NodeAddress;
import dlg.manager.composite.CompositeManager;
import dlg.manager.rest.WireClient;
import dlg.manager.service.CompositeManagerService;
import dlg.manager.service.NodeManagerService;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A DataIslandManager with its history over a NodeManager with its own, both embedded under one
 * {@code DLG_ROOT}: the island records the session once it learns that it ended, and lists it
 * after a restart, with its node's record of the session merged in; the node's history has the
 * failed drop.
 */
class CompositeHistoryIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;

    @Test
    void island_restarted_listsItsPastSession_andTheNodeKeepsTheDropFailure() throws Exception {
        try (var nm = NodeManagerService.start(NodeManagerService.Config.local(root).withHistory(HistorySettings.EMBEDDED))) {
            String node = nm.nodeAddress().toString();
            var config = CompositeManagerService.Config.local(CompositeManager.Kind.DATA_ISLAND, List.of(NodeAddress.parse(node)))
                    .withHistory(HistorySettings.EMBEDDED, root);
            int port;
            try (var dim = CompositeManagerService.start(config)) {
                port = dim.restPort();
                var c = new WireClient(port);
                c.postJson("/api/sessions", "{\"sessionId\": \"d1\"}");
                assertThat(c.postGraph("/api/sessions/d1/graph/append", """
                        [{"oid": "fail", "categoryType": "Application", "dropclass": "dlg.apps.bash_shell_app.BashShellApp",
                          "name": "calibrate", "command": "exit 3", "node": "%s"}]
                        """.formatted(node)).status()).isEqualTo(200);
                assertThat(c.postForm("/api/sessions/d1/deploy", Map.of("completed", "fail")).status()).isEqualTo(200);
                await().atMost(Duration.ofSeconds(20)).until(() -> json(c, "/api/sessions/d1/status").get(node).asInt() == 6);
                await().atMost(Duration.ofSeconds(10)).until(() -> json(c, "/api/history?state=FAILED").get("total").asInt() == 1);
            }
            var again = new CompositeManagerService.Config(config.kind(), config.host(), port, config.subManagers(),
                    config.maxRequestSize(), config.checkTimeout(), config.graphTimeout(), config.daemonPort(),
                    config.dumpGraphs(), config.maxStringSize(), config.access(), config.history(), root);
            try (var dim = CompositeManagerService.start(again)) {
                var c = new WireClient(port);
                assertThat(json(c, "/api/past_sessions")).isEqualTo(JSON.readTree("[{\"sessionId\": \"d1\"}]"));
                JsonNode s = json(c, "/api/history/sessions/d1");
                assertThat(s.get("manager").asText()).isEqualTo("DataIslandManager");
                assertThat(s.get("state").asText()).isEqualTo("FAILED");
                assertThat(s.get("size").asInt()).isEqualTo(1);
                assertThat(s.get("failure").asText()).contains(node);
                // its node's record merged in: the page of a past island session shows the drops' failures
                assertThat(s.get("failedDrops").asInt()).isEqualTo(1);
                assertThat(s.get("dropCounts").get("ERROR").asInt()).isEqualTo(1);
                assertThat(s.get("failures").get(0).get("oid").asText()).isEqualTo("fail");
                assertThat(s.get("failures").get(0).get("node").asText()).isEqualTo(HistorySettings.machine() + ":" + nm.restPort());
                assertThat(s.get("constructs").findValuesAsText("name")).containsExactly("calibrate");
                assertThat(s.get("nodes").findValuesAsText("node")).containsExactly(node);
                assertThat(s.get("nodes").get(0).get("state").asText()).isEqualTo("FAILED");
            }
            var n = new WireClient(nm.restPort());
            JsonNode onNode = json(n, "/api/history/sessions/d1");
            assertThat(onNode.get("failures").get(0).get("oid").asText()).isEqualTo("fail");
            assertThat(onNode.get("failures").get(0).get("cause").asText()).contains("code 3");
        }
    }

    private static JsonNode json(WireClient client, String path) throws IOException {
        var reply = client.get(path);
        assertThat(reply.status()).as(path + ": " + reply.text()).isEqualTo(200);
        return JSON.readTree(reply.body());
    }
}
