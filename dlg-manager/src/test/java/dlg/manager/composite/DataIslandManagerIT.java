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

/** A DataIslandManager over two real NodeManagers, driven as DALiuGE's Python client drives it. */
class DataIslandManagerIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration END = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    private final List<AutoCloseable> open = new ArrayList<>();
    private NodeManagerService nm2;
    private String n1;
    private String n2;
    private WireClient dim;
    private CompositeManagerService service;

    @BeforeEach
    void start() {
        NodeManagerService nm1 = NodeManagerService.start(NodeManagerService.Config.local(tmp.resolve("nm1")));
        open.add(nm1);
        nm2 = NodeManagerService.start(NodeManagerService.Config.local(tmp.resolve("nm2")));
        open.add(nm2);
        n1 = nm1.nodeAddress().toString();
        n2 = nm2.nodeAddress().toString();
        service = CompositeManagerService.start(CompositeManagerService.Config.local(
                CompositeManager.Kind.DATA_ISLAND, List.of(NodeAddress.parse(n1), NodeAddress.parse(n2))));
        open.add(service);
        dim = new WireClient(service.restPort());
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    /** A (node 1) -> B (node 2) -> C (node 2), and D alone on node 1. */
    private String graph() {
        return """
                [{"oid": "A", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP",
                  "consumers": ["B"], "node": "%1$s"},
                 {"oid": "B", "categoryType": "Application", "dropclass": "dlg.apps.simple.SleepApp",
                  "inputs": ["A"], "outputs": ["C"], "node": "%2$s"},
                 {"oid": "C", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP",
                  "producers": ["B"], "node": "%2$s"},
                 {"oid": "D", "uid": "D-uid", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP",
                  "node": "%1$s"}]
                """.formatted(n1, n2);
    }

    @Test
    void session_crossNodeGraph_runsOnBothNodes() throws Exception {
        assertThat(dim.postJson("/api/sessions", "{\"sessionId\": \"s\"}").status()).isEqualTo(200);
        assertThat(dim.postGraph("/api/sessions/s/graph/append", graph()).status()).isEqualTo(200);
        assertThat(json(dim.get("/api/sessions/s/graph/size"))).isEqualTo(JSON.readTree("4"));

        assertThat(dim.postForm("/api/sessions/s/deploy", Map.of("completed", "A,D-uid")).status()).isEqualTo(200);

        await().atMost(END).until(() -> json(dim.get("/api/sessions/s/status")).equals(
                JSON.readTree("{\"" + n1 + "\": 4, \"" + n2 + "\": 4}")));
        JsonNode status = json(dim.get("/api/sessions/s/graph/status"));
        assertThat(status.fieldNames()).toIterable().containsExactlyInAnyOrder("A", "B", "C", "D");
        assertThat(status.get("B").get("execStatus").asInt()).isEqualTo(2);
        JsonNode merged = json(dim.get("/api/sessions/s/graph"));
        assertThat(merged.get("A").get("consumers").get(0).asText()).isEqualTo("B");
        assertThat(merged.get("B").get("inputs").get(0).asText()).isEqualTo("A");
        JsonNode sessions = json(dim.get("/api/sessions"));
        assertThat(sessions.get(0).get("sessionId").asText()).isEqualTo("s");
        assertThat(sessions.get(0).get("size").asInt()).isEqualTo(4);
        assertThat(json(dim.get("/api/nodes"))).isEqualTo(JSON.valueToTree(List.of(n1, n2)));
        assertThat(json(dim.get("/api")).get("sessionIds")).isEqualTo(JSON.valueToTree(List.of("s")));
        assertThat(dim.delete("/api/sessions/s").status()).isEqualTo(200);
        assertThat(dim.get("/api/sessions/s/status").status()).isEqualTo(404);
    }

    @Test
    void session_appLinkedStraightToAnAppOnTheOtherNode_runsAfterIt() throws Exception {
        assertThat(dim.postJson("/api/sessions", "{\"sessionId\": \"aa\"}").status()).isEqualTo(200);
        assertThat(dim.postGraph("/api/sessions/aa/graph/append", """
                [{"oid": "A", "categoryType": "Application", "dropclass": "dlg.apps.simple.SleepApp",
                  "sleep_time": 0, "outputs": [{"B": "event"}], "node": "%1$s"},
                 {"oid": "B", "categoryType": "Application", "dropclass": "dlg.apps.simple.SleepApp",
                  "sleep_time": 0, "producers": [{"A": "event"}], "consumers": ["C"], "node": "%2$s"},
                 {"oid": "C", "categoryType": "Application", "dropclass": "dlg.apps.simple.SleepApp",
                  "sleep_time": 0, "inputs": ["B"], "node": "%1$s"}]
                """.formatted(n1, n2)).status()).isEqualTo(200);

        assertThat(dim.postForm("/api/sessions/aa/deploy", Map.of("completed", "A")).status()).isEqualTo(200);

        await().atMost(END).until(() -> json(dim.get("/api/sessions/aa/status")).equals(
                JSON.readTree("{\"" + n1 + "\": 4, \"" + n2 + "\": 4}")));
        JsonNode status = json(dim.get("/api/sessions/aa/graph/status"));
        for (String app : List.of("A", "B", "C")) {
            assertThat(status.get(app).get("execStatus").asInt()).as(app).isEqualTo(2);
        }
    }

    @Test
    void logsAndPastSessions_throughTheComposite_work() throws Exception {
        service.manager().dumpGraphsTo(tmp.resolve("dim-workspace"));
        dim.postJson("/api/sessions", "{\"sessionId\": \"lg\"}");
        dim.postGraph("/api/sessions/lg/graph/append", graph());
        dim.postForm("/api/sessions/lg/deploy", Map.of("completed", "A,D-uid"));
        await().atMost(END).until(() -> json(dim.get("/api/sessions/lg/status")).equals(
                JSON.readTree("{\"" + n1 + "\": 4, \"" + n2 + "\": 4}")));

        await().atMost(END).untilAsserted(() -> assertThat(dim.get("/api/sessions/lg/logs").text())
                .contains("==== " + n1 + " ====", "==== " + n2 + " ====")
                .contains("session lg switched from RUNNING to FINISHED"));
        assertThat(tmp.resolve("dim-workspace/lg/lg.graph")).isRegularFile();
        assertThat(json(dim.get("/api/past_sessions"))).isEmpty(); // still a current session
        dim.delete("/api/sessions/lg");
        assertThat(json(dim.get("/api/past_sessions"))).isEqualTo(JSON.readTree("[{\"sessionId\": \"lg\"}]"));
    }

    @Test
    void append_dropOnUnknownOrNoNode_is400NamingTheDrop() throws Exception {
        dim.postJson("/api/sessions", "{\"sessionId\": \"bad\"}");
        var r = dim.postGraph("/api/sessions/bad/graph/append", """
                [{"oid": "X", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP"},
                 {"oid": "Y", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP",
                  "node": "elsewhere:8000:5555:6666"}]""");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.text()).contains("InvalidGraphException", "'X'", "'Y'", "elsewhere");
    }

    @Test
    void append_cycleThroughTwoNodes_is400NamingItsDrops() throws Exception {
        dim.postJson("/api/sessions", "{\"sessionId\": \"cyc\"}");
        var r = dim.postGraph("/api/sessions/cyc/graph/append", """
                [{"oid": "A", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP",
                  "consumers": ["B"], "producers": ["B"], "node": "%1$s"},
                 {"oid": "B", "categoryType": "Application", "dropclass": "dlg.apps.simple.CopyApp",
                  "node": "%2$s"}]""".formatted(n1, n2));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.text()).contains("InvalidGraphException", "cycle");
        assertThat(json(dim.get("/api/sessions/cyc/graph/size")).asInt()).isZero(); // nothing was sent
    }

    @Test
    void deploy_gzipBomb_is413NamingTheSessionsLimitAndTheSessionStillDeploys() throws Exception {
        dim.postJson("/api/sessions", "{\"sessionId\": \"b\"}");
        dim.postGraph("/api/sessions/b/graph/append", graph());
        byte[] bomb = gzipOf("completed=", 64 << 20, 'a'); // far over 10 MB plus what 4 uids take
        var r = dim.send("POST", "/api/sessions/b/deploy", Map.of("Content-Type", "application/x-www-form-urlencoded",
                "Content-Encoding", "gzip", "Content-Length", String.valueOf(bomb.length)), bomb, false);
        assertThat(r.status()).as(r.text()).isEqualTo(413);
        assertThat(r.text()).contains("--max-request-size plus", "4 drops of session b");

        assertThat(dim.postForm("/api/sessions/b/deploy", Map.of("completed", "A,D-uid")).status()).isEqualTo(200);
        await().atMost(END).until(() -> json(dim.get("/api/sessions/b/status")).equals(
                JSON.readTree("{\"" + n1 + "\": 4, \"" + n2 + "\": 4}")));
    }

    @Test
    void append_stringOverMaxStringSize_is400AndNothingIsSent() throws Exception {
        var local = CompositeManagerService.Config.local(CompositeManager.Kind.DATA_ISLAND, List.of(NodeAddress.parse(n1)));
        try (var small = CompositeManagerService.start(new CompositeManagerService.Config(local.kind(), local.host(), 0,
                local.subManagers(), local.maxRequestSize(), local.checkTimeout(), local.graphTimeout(), local.daemonPort(),
                null, 1 << 20))) {
            WireClient client = new WireClient(small.restPort());
            client.postJson("/api/sessions", "{\"sessionId\": \"str\"}");
            String graph = "[{\"oid\": \"S\", \"categoryType\": \"Data\", \"node\": \"" + n1 + "\", \"pydata\": \""
                    + "x".repeat((1 << 20) + 1) + "\"}]";
            var r = client.postGraph("/api/sessions/str/graph/append", graph);
            assertThat(r.status()).as(r.text()).isEqualTo(400);
            assertThat(r.text()).contains("InvalidGraphException", "'S'", "'pydata'", "--max-string-size");
            assertThat(json(client.get("/api/sessions/str/graph/size")).asInt()).isZero();
        }
    }

    private static byte[] gzipOf(String prefix, int n, char fill) throws java.io.IOException {
        var out = new java.io.ByteArrayOutputStream();
        try (var z = new java.util.zip.GZIPOutputStream(out, 1 << 16)) {
            z.write(prefix.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            byte[] block = new byte[1 << 16];
            java.util.Arrays.fill(block, (byte) fill);
            for (int left = n; left > 0; left -= block.length) {
                z.write(block, 0, Math.min(block.length, left));
            }
        }
        return out.toByteArray();
    }

    @Test
    void sessionOnEveryNode_appendRefusedByOneNm_is555NamingIt() throws Exception {
        dim.postJson("/api/sessions", "{\"sessionId\": \"u\"}");
        var r = dim.postGraph("/api/sessions/u/graph/append", """
                [{"oid": "X", "categoryType": "Application", "dropclass": "no.such.App", "node": "%s"}]"""
                .formatted(n2));
        assertThat(r.status()).isEqualTo(555);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("type").asText()).isEqualTo("SubManagerException");
        // DALiuGE's type for an error in the NodeManager's session, with the precise one as its cause
        assertThat(body.get("args").get(n2).get("type").asText()).isEqualTo("ErrorManagerCaughtException");
        assertThat(body.get("args").get(n2).get("args").get(0).asText()).contains("no.such.App");
        assertThat(body.get("args").get(n2).get("cause").get("type").asText()).isEqualTo("InvalidGraphException");
    }

    @Test
    void nodeManagerDies_sessionFailsThereNamingIt_otherNodeAndNewSessionsGoOn() throws Exception {
        dim.postJson("/api/sessions", "{\"sessionId\": \"k\"}");
        String sleepy = """
                [{"oid": "S1", "categoryType": "Application", "dropclass": "dlg.apps.simple.SleepApp", "sleep_time": 600,
                  "node": "%1$s"},
                 {"oid": "S2", "categoryType": "Application", "dropclass": "dlg.apps.simple.SleepApp", "sleep_time": 600,
                  "node": "%2$s"}]""".formatted(n1, n2);
        assertThat(dim.postGraph("/api/sessions/k/graph/append", sleepy).status()).isEqualTo(200);
        assertThat(dim.postForm("/api/sessions/k/deploy", Map.of("completed", "S1,S2")).status()).isEqualTo(200);

        nm2.close(); // the NodeManager process is gone

        JsonNode status = json(dim.get("/api/sessions/k/status"));
        assertThat(status.get(n1).asInt()).isEqualTo(3);
        assertThat(status.get(n2).asInt()).isEqualTo(6);
        JsonNode info = json(dim.get("/api/sessions/k"));
        assertThat(info.get("errors").get(n2).asText()).contains(n2.substring(0, n2.indexOf(':', 10)));
        assertThat(json(dim.get("/api/sessions")).get(0).get("status").get(n2).asInt()).isEqualTo(6);

        WireClient.Reply refused = dim.postJson("/api/sessions", "{\"sessionId\": \"after\"}");
        assertThat(refused.status()).isEqualTo(555);
        JsonNode why = JSON.readTree(refused.body()).get("args").get(n2);
        assertThat(why.get("type").asText()).isEqualTo("RestClientException");

        assertThat(dim.post("/api/sessions/k/cancel").status()).isEqualTo(555); // n2 cannot cancel: said, not hidden
        assertThat(json(dim.get("/api/sessions/k/status")).get(n1).asInt()).isEqualTo(5);
    }

    private static JsonNode json(WireClient.Reply r) throws Exception {
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return JSON.readTree(r.body());
    }
}
