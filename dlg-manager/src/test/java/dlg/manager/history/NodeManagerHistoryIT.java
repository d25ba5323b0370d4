package dlg.manager.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dlg.manager.rest.WireClient;
import dlg.manager.service.NodeManagerService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real NodeManager with its embedded history: a session with a failing app, the manager stopped
 * and started again on the same {@code DLG_ROOT} and port, and the session still there.
 */
class NodeManagerHistoryIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GRAPH = """
            [{"oid": "fail", "categoryType": "Application", "dropclass": "dlg.apps.bash_shell_app.BashShellApp",
              "name": "calibrate", "lg_key": -5, "command": "echo broken-on-purpose >&2; exit 3", "outputs": ["never"]},
             {"oid": "never", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP"},
             {"oid": "img1", "categoryType": "Application", "dropclass": "dlg.apps.simple.SleepApp", "name": "image",
              "lg_key": -3, "sleep_time": 0, "outputs": ["out1"]},
             {"oid": "out1", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP"},
             {"oid": "img2", "categoryType": "Application", "dropclass": "dlg.apps.simple.SleepApp", "name": "image",
              "lg_key": -3, "sleep_time": 0, "outputs": ["out2"]},
             {"oid": "out2", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP"}]
            """;

    @TempDir
    Path dlgRoot;

    private NodeManagerService start(int port) {
        var local = NodeManagerService.Config.local(dlgRoot);
        return NodeManagerService.start(new NodeManagerService.Config(local.host(), port, 0, 0, dlgRoot, 10L << 20, 2,
                local.options(), local.apps(), Map.of()).withHistory(HistorySettings.EMBEDDED));
    }

    @Test
    void restart_sameRootAndPort_listsThePastSessionWithItsFailureAndConstructs() throws Exception {
        int port;
        try (var nm = start(0)) {
            port = nm.restPort();
            var client = new WireClient(port);
            assertThat(client.postJson("/api/sessions", "{\"sessionId\": \"h1\"}").status()).isEqualTo(200);
            assertThat(client.postGraph("/api/sessions/h1/graph/append", GRAPH).status()).isEqualTo(200);
            assertThat(client.postForm("/api/sessions/h1/deploy", Map.of("completed", "fail,img1,img2")).status())
                    .isEqualTo(200);
            await().atMost(Duration.ofSeconds(20)).until(() -> json(client, "/api/history?state=FAILED").get("total").asInt() == 1);
            assertThat(json(client, "/api/past_sessions")).isEmpty(); // still a current session
        }
        assertThat(dlgRoot.resolve("history").resolve("dlg-nm-" + HistorySettings.machine() + "-" + port + ".mv.db")).exists();

        try (var nm = start(port)) {
            var client = new WireClient(port);

            assertThat(json(client, "/api/past_sessions")).isEqualTo(JSON.readTree("[{\"sessionId\": \"h1\"}]"));
            JsonNode page = json(client, "/api/history?state=failed&since=2000-01-01&name=H&limit=10&offset=0");
            assertThat(page.get("total").asInt()).isEqualTo(1);
            JsonNode line = page.get("sessions").get(0);
            assertThat(line.get("sessionId").asText()).isEqualTo("h1");
            assertThat(line.get("owner").asText()).isEqualTo(HistorySettings.machine() + ":" + port);
            assertThat(line.get("size").asInt()).isEqualTo(6);
            assertThat(line.get("failedDrops").asInt()).isEqualTo(2); // the app and the output it never wrote
            assertThat(json(client, "/api/history?state=FINISHED").get("total").asInt()).isZero();

            JsonNode s = json(client, "/api/history/sessions/h1");
            assertThat(s.get("history").asBoolean()).isTrue();
            assertThat(s.get("state").asText()).isEqualTo("FAILED");
            assertThat(s.get("terminal").asBoolean()).isTrue();
            assertThat(s.get("states").findValuesAsText("state")).contains("PRISTINE", "BUILDING", "DEPLOYING", "RUNNING", "FAILED");
            assertThat(s.get("dropCounts").get("ERROR").asInt()).isEqualTo(2);
            assertThat(s.get("dropCounts").get("COMPLETED").asInt()).isEqualTo(4);
            assertThat(s.get("failures").findValuesAsText("oid")).contains("fail");
            JsonNode fail = s.get("failures").get(0).get("oid").asText().equals("fail") ? s.get("failures").get(0)
                    : s.get("failures").get(1);
            assertThat(fail.get("cause").asText()).contains("code 3");
            assertThat(fail.get("name").asText()).isEqualTo("calibrate");
            assertThat(fail.get("node").asText()).isEqualTo(HistorySettings.machine() + ":" + port);
            assertThat(Path.of(s.get("logFile").asText())).exists();
            assertThat(Files.readString(Path.of(s.get("logFile").asText()))).contains("broken-on-purpose");

            JsonNode constructs = json(client, "/api/history/constructs?session=h1").get("constructs");
            assertThat(constructs.findValuesAsText("key")).containsExactlyInAnyOrder("-5", "-3");
            for (JsonNode c : constructs) {
                if (c.get("key").asText().equals("-3")) {
                    assertThat(c.get("name").asText()).isEqualTo("image");
                    assertThat(c.get("count").asInt()).isEqualTo(2);
                    assertThat(c.get("failed").asInt()).isZero();
                    assertThat(c.get("ran").asInt()).isEqualTo(2);
                    assertThat(c.get("medianMs").asLong()).isGreaterThanOrEqualTo(0);
                    assertThat(c.get("p95Ms").asLong()).isGreaterThanOrEqualTo(c.get("medianMs").asLong());
                } else {
                    assertThat(c.get("count").asInt()).isEqualTo(1);
                    assertThat(c.get("failed").asInt()).isEqualTo(1);
                }
            }
        }
    }

    @Test
    void history_badParameters_answer400NamingTheParameter() throws Exception {
        try (var nm = start(0)) {
            var client = new WireClient(nm.restPort());
            assertBad(client, "/api/history?since=yesterday", "since");
            assertBad(client, "/api/history?limit=0", "limit");
            assertBad(client, "/api/history?limit=ten", "limit");
            assertBad(client, "/api/history?offset=-1", "offset");
            assertBad(client, "/api/history?state=DONE", "state");
            assertBad(client, "/api/history/constructs?since=2026-13-01", "since");
            var missing = client.get("/api/history/sessions/nope");
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.text()).contains("NoSessionException");
        }
    }

    private static void assertBad(WireClient client, String path, String parameter) throws IOException {
        var reply = client.get(path);
        assertThat(reply.status()).as(path).isEqualTo(400);
        assertThat(JSON.readTree(reply.body()).get("args").get(0).asText()).as(path).startsWith(parameter + ": ");
    }

    private static JsonNode json(WireClient client, String path) throws IOException {
        var reply = client.get(path);
        assertThat(reply.status()).as(path + ": " + reply.text()).isEqualTo(200);
        return JSON.readTree(reply.body());
    }
}
