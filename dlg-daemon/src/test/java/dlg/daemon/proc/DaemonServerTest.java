package dlg.daemon.proc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dlg.manager.auth.Access;
import dlg.manager.auth.ClusterSecret;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon's routes over HTTP, with shell scripts for managers. */
class DaemonServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private final ShellLauncher launcher = ShellLauncher.serving();
    private ProcessDaemon daemon;
    private DaemonServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        daemon = new ProcessDaemon(new ProcessDaemon.Config("127.0.0.1", true, List.of(), tmp, () -> 9000,
                Duration.ofSeconds(20), Duration.ofSeconds(5)), launcher, ProcessDaemon.Listener.NONE);
        server = DaemonServer.start(daemon, "127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        server.close();
        daemon.close();
    }

    private HttpResponse<String> call(String method, String path, String body) throws Exception {
        return call(server, null, method, path, body);
    }

    private HttpResponse<String> call(DaemonServer on, String token, String method, String path, String body)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + on.port() + path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode ok(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    @Test
    void managers_nothingStarted_areAllNull() throws Exception {
        assertThat(ok(call("GET", "/managers", null)).toString()).isEqualTo("{\"master\":null,\"island\":null,\"node\":null}");
        assertThat(ok(call("GET", "/", null)).toString()).isEqualTo("{\"master\":null,\"island\":null,\"node\":null}");
        assertThat(ok(call("GET", "/managers/island", null)).toString()).isEqualTo("{\"pid\":null}");
    }

    @Test
    void metrics_servesTheJvmsAndTheRequestsInPrometheusText() throws Exception {
        call("GET", "/metrics", null); // requests are timed from the first scrape on
        ok(call("GET", "/managers", null));

        HttpResponse<String> r = call("GET", "/metrics", null);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
        assertThat(r.body()).contains("# TYPE jvm_memory_used_bytes gauge")
                .contains("http_server_requests_seconds_count{method=\"GET\",route=\"/managers\",status=\"200\"} 1");
    }

    @Test
    void startNode_repliesItsPidAndAddress_andIsListed() throws Exception {
        JsonNode started = ok(call("POST", "/managers/node/start", ""));

        long pid = started.get("pid").asLong();
        assertThat(started.get("address").asText()).isEqualTo("127.0.0.1:1234:5:6");
        assertThat(ok(call("GET", "/managers", null)).get("node").asLong()).isEqualTo(pid);
        assertThat(ok(call("GET", "/managers/node", null)).get("pid").asLong()).isEqualTo(pid);
        HttpResponse<String> again = call("POST", "/managers/node/start", "");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("already running");
    }

    @Test
    void startIsland_passesItsNodes() throws Exception {
        ok(call("POST", "/managers/island/start", "{\"nodes\": [\"10.0.0.1\", \"10.0.0.2:8000\"]}"));

        assertThat(launcher.started.getFirst()).containsSequence("--nodes", "10.0.0.1,10.0.0.2:8000");
    }

    @Test
    void startIsland_badNodes_is400NamingThem() throws Exception {
        HttpResponse<String> r = call("POST", "/managers/island/start", "{\"nodes\": \"a,b\"}");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("\"nodes\" must be a list");
        assertThat(launcher.started).isEmpty();
    }

    @Test
    void stop_repliesAnEmptyBody_andAgainIs409() throws Exception {
        long pid = ok(call("POST", "/managers/master/start", "")).get("pid").asLong();

        HttpResponse<String> stopped = call("POST", "/managers/master/stop", "");

        assertThat(stopped.statusCode()).isEqualTo(200);
        assertThat(stopped.body()).isEmpty();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(ok(call("GET", "/managers/master", null)).toString()).isEqualTo("{\"pid\":null}");
        assertThat(call("POST", "/managers/master/stop", "").statusCode()).isEqualTo(409);
    }

    @Test
    void deadManager_isReportedWithItsExitCode_untilStartedAgain() throws Exception {
        long pid = ok(call("POST", "/managers/node/start", "")).get("pid").asLong();
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();

        await().atMost(Duration.ofSeconds(10)).until(() -> ok(call("GET", "/managers", null)).has("exited"));
        JsonNode all = ok(call("GET", "/managers", null));
        assertThat(all.get("node").isNull()).isTrue();
        assertThat(all.get("exited").get("node").get("pid").asLong()).isEqualTo(pid);
        assertThat(all.get("exited").get("node").get("exitCode").asInt()).isEqualTo(137);
        assertThat(ok(call("GET", "/managers/node", null)).get("exited").get("exitCode").asInt()).isEqualTo(137);

        long again = ok(call("POST", "/managers/node/start", "")).get("pid").asLong();
        assertThat(again).isNotEqualTo(pid);
        assertThat(ok(call("GET", "/managers", null)).has("exited")).isFalse();
    }

    @Test
    void unknownKind_is400() throws Exception {
        HttpResponse<String> r = call("POST", "/managers/translator/start", "");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("no such manager: translator");
    }

    @Test
    void nodes_noBody_isNoNodes() {
        assertThat(DaemonServer.nodes("")).isEmpty();
        assertThat(DaemonServer.nodes("{}")).isEmpty();
        assertThatThrownBy(() -> DaemonServer.nodes("{nodes")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not JSON");
    }

    // ---- With the cluster's secret ----

    /** Every route of the daemon, and a path it does not have. */
    private static final List<List<String>> ROUTES = List.of(List.of("GET", "/"), List.of("GET", "/managers"),
            List.of("GET", "/managers/node"), List.of("POST", "/managers/node/start"),
            List.of("POST", "/managers/island/start"), List.of("POST", "/managers/master/stop"),
            List.of("GET", "/nowhere"));

    @Test
    void guarded_everyRoute_withoutTheToken_is401NamingWhatIsMissing_andStartsNothing() throws Exception {
        ClusterSecret secret = ClusterSecret.generate();
        try (DaemonServer guarded = DaemonServer.start(daemon, "127.0.0.1", 0, new Access(secret, null))) {
            for (List<String> route : ROUTES) {
                HttpResponse<String> none = call(guarded, null, route.get(0), route.get(1), "");
                HttpResponse<String> wrong = call(guarded, ClusterSecret.generate().token(), route.get(0), route.get(1), "");

                assertThat(none.statusCode()).as("%s without a token", route).isEqualTo(401);
                assertThat(none.body()).as("%s", route).contains("carries no token").contains("Authorization: Bearer");
                assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"dlg\"");
                assertThat(wrong.statusCode()).as("%s with another token", route).isEqualTo(401);
                assertThat(wrong.body()).as("%s", route).contains("is not this cluster's");
            }
            assertThat(launcher.started).isEmpty();
        }
    }

    @Test
    void guarded_withTheToken_servesEveryRoute() throws Exception {
        ClusterSecret secret = ClusterSecret.generate();
        try (DaemonServer guarded = DaemonServer.start(daemon, "127.0.0.1", 0, new Access(secret, null))) {
            String t = secret.token();

            long pid = ok(call(guarded, t, "POST", "/managers/node/start", "")).get("pid").asLong();

            assertThat(ok(call(guarded, t, "GET", "/", null)).get("node").asLong()).isEqualTo(pid);
            assertThat(ok(call(guarded, t, "GET", "/managers", null)).get("node").asLong()).isEqualTo(pid);
            assertThat(ok(call(guarded, t, "GET", "/managers/node", null)).get("pid").asLong()).isEqualTo(pid);
            assertThat(call(guarded, t, "POST", "/managers/node/stop", "").statusCode()).isEqualTo(200);
            assertThat(call(guarded, t, "POST", "/managers/node/stop", "").statusCode()).isEqualTo(409);
            assertThat(call(guarded, t, "GET", "/nowhere", null).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void open_servesWithoutAToken_asDaliuge() throws Exception {
        assertThat(call("GET", "/managers", null).statusCode()).isEqualTo(200);
        assertThat(call(server, ClusterSecret.generate().token(), "GET", "/managers", null).statusCode()).isEqualTo(200);
    }

    @Test
    void beyondLoopback_withoutASecret_warnsAtStart_andWithOneDoesNot() {
        var log = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(DaemonServer.class);
        var warnings = new ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
        warnings.start();
        log.addAppender(warnings);
        try {
            try (DaemonServer open = DaemonServer.start(daemon, "0.0.0.0", 0)) {
                assertThat(warnings.list).anySatisfy(e -> assertThat(e.getFormattedMessage())
                        .contains("listening on 0.0.0.0:" + open.port() + " without a secret"));
            }
            warnings.list.clear();
            try (DaemonServer guarded = DaemonServer.start(daemon, "0.0.0.0", 0, new Access(ClusterSecret.generate(), null))) {
                assertThat(warnings.list).noneSatisfy(e -> assertThat(e.getFormattedMessage()).contains("without a secret"));
            }
        } finally {
            log.detachAppender(warnings);
        }
    }
}
