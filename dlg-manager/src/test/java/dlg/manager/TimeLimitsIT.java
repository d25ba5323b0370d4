package dlg.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dlg.core.runtime.ExecutionOptions;
import dlg.manager.rest.WireClient;
import dlg.manager.service.NodeManagerService;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * App timeouts, dependency timeouts and retries on a real NodeManager, over REST as DALiuGE's
 * client drives it: the drop's state in {@code graph/status} and each attempt in its log
 * ({@code graph/drop/<oid>}, what the UI's drop panel shows).
 */
class TimeLimitsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration END = Duration.ofSeconds(20);
    private static final int FINISHED = 4;
    private static final int FAILED = 6;
    private static final int APP_ERROR = 3;
    private static final int DROP_ERROR = 3;

    @TempDir
    Path dlgRoot;

    private NodeManagerService nm;
    private WireClient client;

    private void start(ExecutionOptions options) {
        nm = NodeManagerService.start(NodeManagerService.Config.local(dlgRoot).withOptions(options));
        client = new WireClient(nm.restPort());
    }

    @AfterEach
    void stop() {
        if (nm != null) {
            nm.close();
        }
    }

    @Test
    void timeout_bashAppSleepingPastIt_isKilledAndTheSessionFails() throws Exception {
        start(ExecutionOptions.DEFAULT);
        deploy("to", """
                [{"oid": "sleepy", "categoryType": "Application", "dropclass": "dlg.apps.bash_shell_app.BashShellApp",
                  "command": "sleep 60", "timeout": 0.5, "outputs": ["out"]},
                 {"oid": "out", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP"}]
                """, "sleepy");

        awaitStatus("to", FAILED);

        JsonNode status = json(client.get("/api/sessions/to/graph/status"));
        assertThat(status.get("sleepy").get("execStatus").asInt()).isEqualTo(APP_ERROR);
        assertThat(status.get("out").get("status").asInt()).isEqualTo(DROP_ERROR);
        assertThat(messages("to", "sleepy")).anyMatch(m -> m.contains("failed: timed out after 0.5 s"));
    }

    @Test
    void retry_bashAppFailingTwice_succeedsOnItsThirdTryAndTheSessionFinishes() throws Exception {
        start(ExecutionOptions.DEFAULT);
        deploy("rt", """
                [{"oid": "flaky", "categoryType": "Application", "dropclass": "dlg.apps.bash_shell_app.BashShellApp",
                  "command": "n=$(cat tries 2>/dev/null || echo 0); n=$((n+1)); echo $n > tries; echo try $n >&2; [ $n -ge 3 ]",
                  "n_tries": 3, "retry_delay": 0.05, "outputs": ["out"]},
                 {"oid": "out", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP"}]
                """, "flaky");

        awaitStatus("rt", FINISHED);

        JsonNode status = json(client.get("/api/sessions/rt/graph/status"));
        assertThat(status.get("flaky").get("execStatus").asInt()).isEqualTo(2); // FINISHED
        assertThat(messages("rt", "flaky"))
                .anyMatch(m -> m.startsWith("app flaky: attempt 1 of 3 failed: command exited with code 1: try 1")
                        && m.endsWith("trying again in 0.05 s"))
                .anyMatch(m -> m.startsWith("app flaky: attempt 2 of 3 failed: command exited with code 1: try 2")
                        && m.endsWith("trying again in 0.1 s"));
    }

    @Test
    void dependencyTimeout_sessionDefault_failsAnAppWhoseInputNeverComes() throws Exception {
        start(ExecutionOptions.DEFAULT.withTimeouts(null, Duration.ofMillis(300)));
        deploy("dt", """
                [{"oid": "in", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP",
                  "consumers": ["copy"]},
                 {"oid": "copy", "categoryType": "Application", "dropclass": "dlg.apps.simple.CopyApp", "outputs": ["out"]},
                 {"oid": "out", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP"}]
                """); // "in" is never completed

        await().atMost(END).until(() -> json(client.get("/api/sessions/dt/graph/status")).get("out")
                .get("status").asInt() == DROP_ERROR);

        JsonNode status = json(client.get("/api/sessions/dt/graph/status"));
        assertThat(status.get("copy").get("execStatus").asInt()).isEqualTo(APP_ERROR);
        assertThat(messages("dt", "copy")).contains(
                "app copy failed: waited more than 0.3 s (dependency_timeout) for its inputs: 1 of 1 not settled (in)");
        assertThat(client.post("/api/sessions/dt/cancel").status()).isEqualTo(200);
    }

    // ---- Helpers ----

    private void deploy(String sid, String graph, String... completed) throws IOException {
        assertThat(client.postJson("/api/sessions", "{\"sessionId\": \"" + sid + "\"}").status()).isEqualTo(200);
        assertThat(client.postGraph("/api/sessions/" + sid + "/graph/append", graph).status()).isEqualTo(200);
        assertThat(client.postForm("/api/sessions/" + sid + "/deploy",
                completed.length == 0 ? Map.of() : Map.of("completed", String.join(",", completed)))
                .status()).isEqualTo(200);
    }

    private void awaitStatus(String sid, int status) {
        await().atMost(END).until(() -> json(client.get("/api/sessions/" + sid + "/status")).asInt() == status);
    }

    private java.util.List<String> messages(String sid, String oid) throws IOException {
        JsonNode logs = json(client.get("/api/sessions/" + sid + "/graph/drop/" + oid)).get("logs");
        java.util.List<String> out = new java.util.ArrayList<>();
        logs.forEach(e -> out.add(e.get("Message").asText()));
        return out;
    }

    private static JsonNode json(WireClient.Reply r) throws IOException {
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return JSON.readTree(r.body());
    }
}
