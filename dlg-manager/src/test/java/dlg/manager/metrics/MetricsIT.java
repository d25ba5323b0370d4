package dlg.manager.metrics;

import static dlg.manager.metrics.PrometheusText.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dlg.core.graph.GraphReader;
import dlg.core.state.SessionState;
import dlg.manager.DropRel;
import dlg.manager.NodeManager;
import dlg.manager.auth.Access;
import dlg.manager.auth.ClusterSecret;
import dlg.manager.metrics.PrometheusText.Sample;
import dlg.manager.service.NodeManagerService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real NodeManager's {@code /metrics} after a graph ran, read by Prometheus's own parser. */
class MetricsIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** A -> copy1 -> B -> copy2 -> C: five drops, two apps. */
    private static final String CHAIN = """
            [{"oid": "A", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP",
              "pydata": "some data", "consumers": ["copy1"]},
             {"oid": "copy1", "categoryType": "Application", "dropclass": "dlg.apps.simple.CopyApp", "outputs": ["B"]},
             {"oid": "B", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP",
              "consumers": ["copy2"]},
             {"oid": "copy2", "categoryType": "Application", "dropclass": "dlg.apps.simple.CopyApp", "outputs": ["C"]},
             {"oid": "C", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP"}]""";

    @TempDir
    Path tmp;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    private NodeManagerService start(String name) {
        NodeManagerService s = NodeManagerService.start(NodeManagerService.Config.local(tmp.resolve(name)));
        open.add(s);
        return s;
    }

    private static HttpResponse<String> get(NodeManagerService s, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.restPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static List<Sample> scrape(NodeManagerService s) throws Exception {
        HttpResponse<String> r = get(s, "/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        return PrometheusText.parse(r.body());
    }

    private static void run(NodeManager nm, String sid, String graph, List<String> completed) {
        nm.createSession(sid);
        nm.addGraphSpec(sid, GraphReader.read(graph));
        nm.deploySession(sid, completed);
        await().atMost(WAIT).until(() -> nm.sessionStatus(sid).isTerminal());
    }

    @Test
    void metrics_afterAGraphRan_countItsDropsAppsSessionAndRequests() throws Exception {
        NodeManagerService s = start("nm");
        scrape(s); // the histograms count from the first scrape on
        run(s.nodeManager(), "s1", CHAIN, List.of("A"));
        assertThat(s.nodeManager().sessionStatus("s1")).isEqualTo(SessionState.FINISHED);
        assertThat(get(s, "/api/sessions/s1/status").statusCode()).isEqualTo(200);
        assertThat(get(s, "/no/such/route-s1").statusCode()).isEqualTo(404);

        List<Sample> m = scrape(s);

        assertThat(value(m, "dlg_sessions", Map.of("state", "FINISHED"))).isEqualTo(1);
        assertThat(value(m, "dlg_sessions", Map.of("state", "RUNNING"))).isZero();
        // data no longer needed is released (EXPIRED) once its consumers are done
        assertThat(value(m, "dlg_drops", Map.of("state", "COMPLETED")) + value(m, "dlg_drops", Map.of("state", "EXPIRED")))
                .isEqualTo(5);
        assertThat(value(m, "dlg_drops", Map.of("state", "INITIALIZED"))).isZero();
        assertThat(value(m, "dlg_drops_settled_total", Map.of("state", "COMPLETED"))).isEqualTo(5);
        assertThat(value(m, "dlg_drops_settled_total", Map.of("state", "ERROR"))).isZero();
        assertThat(value(m, "dlg_apps_ended_total", Map.of("state", "FINISHED"))).isEqualTo(2);
        assertThat(value(m, "dlg_apps", Map.of("state", "RUNNING"))).isZero();
        Map<String, String> copyApp = Map.of("class", "dlg.apps.simple.CopyApp", "outcome", "FINISHED");
        assertThat(value(m, "dlg_app_duration_seconds_count", copyApp)).isEqualTo(2);
        assertThat(value(m, "dlg_app_duration_seconds_bucket", with(copyApp, "le", "3600.0"))).isEqualTo(2);
        assertThat(m).filteredOn(x -> x.name().equals("dlg_app_duration_seconds_bucket")).extracting(x -> x.labels().get("le"))
                .contains("0.001", "1.0", "+Inf");
        assertThat(value(m, "dlg_events_queued", Map.of())).isGreaterThanOrEqualTo(0);
        assertThat(value(m, "dlg_data_served_bytes_total", Map.of())).isZero();
        // requests: by route template, never the session id
        assertThat(value(m, "http_server_requests_seconds_count",
                Map.of("route", "/api/sessions/{sid}/status", "method", "GET", "status", "200"))).isEqualTo(1);
        assertThat(value(m, "http_server_requests_seconds_count",
                Map.of("route", "none", "method", "GET", "status", "404"))).isEqualTo(1);
        assertThat(m).filteredOn(x -> x.labels().containsKey("route"))
                .allSatisfy(x -> assertThat(x.labels().get("route")).doesNotContain("s1"));
        // the JVM's own (jvm_gc_pause_seconds too, once a collection has run)
        assertThat(m).extracting(Sample::family).contains("jvm_memory_used_bytes", "jvm_gc_memory_allocated_bytes",
                "jvm_threads_live_threads", "process_cpu_usage", "process_uptime_seconds", "process_files_open_files");
    }

    @Test
    void metrics_afterTheSessionIsDestroyed_countersKeepItsDrops_gaugesForgetThem() throws Exception {
        NodeManagerService s = start("nm");
        run(s.nodeManager(), "s1", CHAIN, List.of("A"));

        s.nodeManager().destroySession("s1");
        List<Sample> m = scrape(s);

        assertThat(value(m, "dlg_drops", Map.of("state", "COMPLETED"))).isZero();
        assertThat(value(m, "dlg_drops", Map.of("state", "EXPIRED"))).isZero();
        assertThat(value(m, "dlg_sessions", Map.of("state", "FINISHED"))).isZero();
        assertThat(value(m, "dlg_drops_settled_total", Map.of("state", "COMPLETED"))).isEqualTo(5);
        assertThat(value(m, "dlg_apps_ended_total", Map.of("state", "FINISHED"))).isEqualTo(2);
    }

    @Test
    void metrics_dataReadAcrossNodes_countedOnBothSides() throws Exception {
        NodeManagerService s1 = start("nm1");
        NodeManagerService s2 = start("nm2");
        String payload = "held by node 1, read by node 2 ".repeat(40); // too big to come with its event
        List<DropRel> rels = List.of(new DropRel("copy", 0, "A"), new DropRel("A", 5, "copy"));
        NodeManager nm1 = s1.nodeManager();
        NodeManager nm2 = s2.nodeManager();
        nm1.createSession("x");
        nm2.createSession("x");
        nm1.addGraphSpec("x", GraphReader.read("""
                [{"oid": "A", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP",
                  "pydata": "%s"}]""".formatted(payload)));
        nm2.addGraphSpec("x", GraphReader.read("""
                [{"oid": "copy", "categoryType": "Application", "dropclass": "dlg.apps.simple.CopyApp", "outputs": ["C"]},
                 {"oid": "C", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP"}]"""));
        nm1.addNodeSubscriptions("x", Map.of(s2.nodeAddress().toString(), rels), Duration.ofSeconds(5));
        nm2.addNodeSubscriptions("x", Map.of(s1.nodeAddress().toString(), rels), Duration.ofSeconds(5));
        nm2.deploySession("x", List.of());
        nm1.deploySession("x", List.of("A"));
        await().atMost(WAIT).until(() -> nm2.sessionStatus("x") == SessionState.FINISHED);

        assertThat(value(scrape(s1), "dlg_data_served_bytes_total", Map.of())).isEqualTo(payload.length());
        assertThat(value(scrape(s2), "dlg_data_read_bytes_total", Map.of())).isEqualTo(payload.length());
        assertThat(value(scrape(s1), "dlg_events_published_total", Map.of())).isPositive();
        assertThat(value(scrape(s1), "dlg_events_joins_total", Map.of())).isEqualTo(1); // node 2's subscription
    }

    @Test
    void metrics_withTheClusterSecret_onlyToItsHolders() throws Exception {
        ClusterSecret secret = ClusterSecret.generate();
        NodeManagerService s = NodeManagerService.start(NodeManagerService.Config.local(tmp.resolve("guarded"))
                .withAccess(new Access(secret, null)));
        open.add(s);
        URI metrics = URI.create("http://127.0.0.1:" + s.restPort() + "/metrics");

        HttpResponse<String> refused = HTTP.send(HttpRequest.newBuilder(metrics).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> served = HTTP.send(HttpRequest.newBuilder(metrics)
                .header("Authorization", "Bearer " + secret.token()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).doesNotContain("jvm_");
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(PrometheusText.parse(served.body())).extracting(Sample::family).contains("dlg_drops");
    }

    @Test
    void nodeStats_answersCpuMemoryAndRunningApps() throws Exception {
        NodeManagerService s = start("nm");

        HttpResponse<String> r = get(s, "/api/ui/node-stats");

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode j = new ObjectMapper().readTree(r.body());
        assertThat(j.get("cpu").asDouble()).isBetween(-1.0, 1.0);
        assertThat(j.get("cores").asInt()).isPositive();
        assertThat(j.get("heapUsed").asLong()).isPositive();
        assertThat(j.get("rss").asLong()).isGreaterThan(j.get("heapUsed").asLong() / 2);
        assertThat(j.get("runningApps").asLong()).isZero();
    }

    private static Map<String, String> with(Map<String, String> m, String k, String v) {
        Map<String, String> out = new java.util.HashMap<>(m);
        out.put(k, v);
        return out;
    }
}
