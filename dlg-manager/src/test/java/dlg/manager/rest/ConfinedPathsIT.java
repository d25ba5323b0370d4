package dlg.manager.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dlg.core.runtime.ExecutionOptions;
import dlg.manager.service.NodeManagerService;
import dlg.manager.rest.WireClient.Reply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A NodeManager started with file paths confined to session directories ({@code dlg nm
 * --confine-paths}) refuses, at {@code graph/append}, a graph writing outside; one started
 * without accepts and runs the same graph, as DALiuGE does.
 */
class ConfinedPathsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration END = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    private NodeManagerService nm;
    private WireClient client;

    @AfterEach
    void stop() {
        if (nm != null) {
            nm.close();
        }
    }

    private void start(boolean confinePaths) {
        nm = NodeManagerService.start(NodeManagerService.Config.local(tmp.resolve("dlg"))
                .withOptions(new ExecutionOptions(true, confinePaths)));
        client = new WireClient(nm.restPort());
    }

    /** HelloWorldApp "hello" writes into FileDROP "escaping" at {@code target}, and into "staying" in the session. */
    private static String helloTo(Path target) {
        return """
                [{"oid": "hello", "categoryType": "Application", "dropclass": "dlg.apps.simple.HelloWorldApp",
                  "outputs": ["escaping", "staying"]},
                 {"oid": "escaping", "categoryType": "Data", "dropclass": "dlg.data.drops.file.FileDROP",
                  "filepath": "%s"},
                 {"oid": "staying", "categoryType": "Data", "dropclass": "dlg.data.drops.file.FileDROP",
                  "filepath": "hello.txt"}]
                """.formatted(target);
    }

    private Path outsideFile() {
        return tmp.resolve("outside").resolve("hello.txt");
    }

    @Test
    void append_fileOutsideTheSessionDir_returns400NamingDropAndPathAndRunsNothing() throws IOException {
        start(true);
        assertThat(client.postJson("/api/sessions", "{\"sessionId\": \"s1\"}").status()).isEqualTo(200);

        Reply r = client.postGraph("/api/sessions/s1/graph/append", helloTo(outsideFile()));

        JsonNode body = json(r, 400);
        assertThat(body.get("type").asText()).isEqualTo("ErrorManagerCaughtException"); // as DALiuGE's append
        assertThat(body.get("cause").get("type").asText()).isEqualTo("InvalidGraphException");
        assertThat(body.get("args").get(0).asText()).contains("drop 'escaping'").contains(outsideFile().toString())
                .contains("outside the session directory").doesNotContain("staying");
        assertThat(json(client.get("/api/sessions/s1/status"), 200).asInt()).as("still PRISTINE").isZero();
        assertThat(json(client.get("/api/sessions/s1/graph/size"), 200).asInt()).isZero();
        assertThat(outsideFile().getParent()).doesNotExist();
        assertThat(tmp.resolve("dlg/workspace/s1/hello.txt")).doesNotExist();
    }

    @Test
    void append_notConfined_acceptsAndRunsTheSameGraph() throws IOException {
        start(false);
        assertThat(client.postJson("/api/sessions", "{\"sessionId\": \"s1\"}").status()).isEqualTo(200);

        assertThat(json(client.postGraph("/api/sessions/s1/graph/append", helloTo(outsideFile())), 200)
                .get("Status").asText()).isEqualTo("Success");
        assertThat(client.postForm("/api/sessions/s1/deploy", Map.of("completed", "hello")).status()).isEqualTo(200);

        await().atMost(END).until(() -> json(client.get("/api/sessions/s1/status"), 200).asInt() == 4);
        assertThat(Files.readString(outsideFile())).isEqualTo("Hello World");
    }

    private static JsonNode json(Reply r, int status) throws IOException {
        assertThat(r.status()).as("status of a reply with body %s", r.text()).isEqualTo(status);
        return JSON.readTree(r.body());
    }
}
