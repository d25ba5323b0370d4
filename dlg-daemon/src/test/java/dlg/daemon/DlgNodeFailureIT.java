package dlg.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A DataIslandManager ({@code --dmCheckTimeout 1}) over two NodeManagers, all processes: a
 * NodeManager killed (SIGKILL) or stopped (SIGSTOP) in the middle of a chain that crosses
 * nodes is found within the check timeout plus 2 s; the session is FAILED naming it; every view
 * answers 200 with every drop; a session that had finished keeps its final states; the node,
 * restarted on its ports (or continued), runs a new session. {@code -Ddlg.it.failureRuns=5}
 * repeats each failure and prints the detection times.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DlgNodeFailureIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final int CHECK_TIMEOUT_S = 1;
    /** The bound: the check timeout plus 2 s. */
    private static final Duration DETECTED_WITHIN = Duration.ofSeconds(CHECK_TIMEOUT_S + 2);
    private static final int RUNS = Integer.getInteger("dlg.it.failureRuns", 1);
    private static final Pattern LISTENING = Pattern.compile(
            "listening on [^:]+:(\\d+)(?: \\(events on port (\\d+), data on port (\\d+)\\))?");

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path tmp;

    private static final List<Process> processes = new ArrayList<>();
    private static final Process[] nmProcesses = new Process[2];
    private static final List<String> nms = new ArrayList<>();
    private static int dimPort;
    private static int started;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startCluster() throws Exception {
        for (int i = 0; i < 2; i++) {
            Matcher m = start("nm" + i, "nm", "-P", "0", "--event_port", "0", "--rpc_port", "0");
            nms.add("127.0.0.1:" + m.group(1) + ":" + m.group(2) + ":" + m.group(3));
            nmProcesses[i] = processes.getLast();
        }
        dimPort = Integer.parseInt(start("dim", "dim", "-P", "0", "-N", String.join(",", nms),
                "--dmCheckTimeout", Integer.toString(CHECK_TIMEOUT_S)).group(1));
    }

    @AfterAll
    static void stopCluster() {
        processes.forEach(Process::destroyForcibly);
    }

    private static Matcher start(String name, String... args) throws IOException {
        Path jar = Path.of("target", "dlg.jar").toAbsolutePath();
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> command = new ArrayList<>(List.of(java, "-XX:+UseCompactObjectHeaders", "-jar", jar.toString()));
        command.addAll(List.of(args));
        String unique = name + "-" + started++;
        command.addAll(List.of("-l", tmp.resolve("logs-" + unique).toString()));
        Path err = tmp.resolve(unique + ".err");
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(err.toFile())
                .redirectOutput(tmp.resolve(unique + ".out").toFile());
        pb.environment().put("DLG_ROOT", tmp.resolve("root-" + unique).toString());
        Process p = pb.start();
        processes.add(p);
        Matcher[] found = new Matcher[1];
        await().atMost(WAIT).until(() -> {
            String text = Files.exists(err) ? Files.readString(err) : "";
            Matcher m = LISTENING.matcher(text);
            assertThat(p.isAlive()).as("%s is running: %s", name, text).isTrue();
            if (m.find()) {
                found[0] = m;
                return true;
            }
            return false;
        });
        return found[0];
    }

    // ---- REST helpers ----

    private static HttpResponse<String> call(String method, String path, String contentType, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + dimPort + path))
                .timeout(Duration.ofSeconds(60));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode get(String path) throws Exception {
        return ok(call("GET", path, null, null));
    }

    private static JsonNode ok(HttpResponse<String> r) throws IOException {
        assertThat(r.statusCode()).as(r.request().uri() + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static void submit(String sid, ArrayNode graph, String completed) throws Exception {
        ok(call("POST", "/api/sessions", "application/json", "{\"sessionId\": \"" + sid + "\"}"));
        ok(call("POST", "/api/sessions/" + sid + "/graph/append", "application/json", graph.toString()));
        ok(call("POST", "/api/sessions/" + sid + "/deploy", "application/x-www-form-urlencoded",
                "completed=" + URLEncoder.encode(completed, StandardCharsets.UTF_8)));
    }

    private static ObjectNode data(ArrayNode graph, String oid, int nm) {
        return graph.addObject().put("oid", oid).put("categoryType", "Data")
                .put("dropclass", "dlg.data.drops.memory.InMemoryDROP").put("node", nms.get(nm));
    }

    private static ObjectNode sleep(ArrayNode graph, String oid, int nm, int seconds) {
        return graph.addObject().put("oid", oid).put("categoryType", "Application")
                .put("dropclass", "dlg.apps.simple.SleepApp").put("sleep_time", seconds).put("node", nms.get(nm));
    }

    /** r(nm0) -> s1(nm1, sleeping) -> d1(nm1) -> s2(nm0) -> d2(nm0): crosses nodes twice. */
    private static ArrayNode crossNodeChain() {
        ArrayNode g = JSON.createArrayNode();
        data(g, "r", 0).putArray("consumers").add("s1");
        sleep(g, "s1", 1, 600).putArray("outputs").add("d1");
        ObjectNode d1 = data(g, "d1", 1);
        d1.putArray("producers").add("s1");
        d1.putArray("consumers").add("s2");
        sleep(g, "s2", 0, 0).putArray("outputs").add("d2");
        data(g, "d2", 0).putArray("producers").add("s2");
        return g;
    }

    private static int status(String sid, int nm) throws Exception {
        return get("/api/sessions/" + sid + "/status").get(nms.get(nm)).asInt();
    }

    /** Submits the chain and waits until it runs on both nodes. */
    private static void runChain(String sid) throws Exception {
        submit(sid, crossNodeChain(), "r");
        await().atMost(WAIT).until(() -> status(sid, 0) == 3 && status(sid, 1) == 3);
        get("/api/ui/sessions/" + sid); // seen once by the UI while it runs
    }

    /** Waits until the session names the node as lost; returns how long that took, in ms. */
    private static long awaitLost(String sid, String node, long since) throws Exception {
        await().atMost(DETECTED_WITHIN).pollInterval(Duration.ofMillis(20)).until(() -> {
            JsonNode errors = get("/api/sessions/" + sid).path("errors");
            return errors.path(node).asText().contains("lost");
        });
        return (System.nanoTime() - since) / 1_000_000;
    }

    /** Every view of the session answers, with its five drops, the lost node's two as ERROR naming it. */
    private static void assertHonestViews(String sid, int victim) throws Exception {
        String node = nms.get(victim);
        assertThat(status(sid, victim)).isEqualTo(6);
        JsonNode line = null;
        for (JsonNode l : get("/api/sessions")) {
            if (l.path("sessionId").asText().equals(sid)) {
                line = l;
            }
        }
        assertThat(line).isNotNull();
        assertThat(line.path("status").path(node).asInt()).isEqualTo(6);

        JsonNode drops = get("/api/sessions/" + sid + "/graph/status");
        assertThat(drops.size()).as(drops.toString()).isEqualTo(5);
        for (String lost : List.of("s1", "d1")) {
            assertThat(drops.get(lost).get("status").asInt()).as(drops.toString()).isEqualTo(3); // ERROR
            assertThat(drops.get(lost).get("error").asText()).contains(node);
        }
        assertThat(get("/api/sessions/" + sid + "/graph/size").asInt()).isEqualTo(5);
        assertThat(get("/api/sessions/" + sid + "/graph").size()).isEqualTo(5);

        JsonNode ui = get("/api/ui/sessions/" + sid).get("session");
        long counted = 0;
        for (JsonNode c : ui.get("counts")) {
            counted += c.asLong();
        }
        assertThat(counted).as(ui.toString()).isEqualTo(5);
        assertThat(ui.path("nodes").path(node).path("state").asText()).isEqualTo("failed");
        assertThat(ui.path("error").asText()).contains(node);
        get("/api/ui/sessions");
        JsonNode table = get("/api/ui/sessions/" + sid + "/drops?offset=0&limit=50");
        assertThat(table.get("matched").asInt()).as(table.toString()).isEqualTo(5);
        assertThat(table.get("drops").size()).isEqualTo(5);
        for (JsonNode l : table.get("drops")) {
            if (List.of("s1", "d1").contains(l.get("oid").asText())) {
                assertThat(l.get("state").asText()).isEqualTo("error");
                assertThat(l.get("error").asText()).contains(node);
            }
        }
        JsonNode graph = get("/api/ui/sessions/" + sid + "/graph?mode=drops");
        assertThat(graph.get("nodes").size()).as(graph.toString()).isEqualTo(5);
        for (JsonNode n : graph.get("nodes")) {
            if (List.of("s1", "d1").contains(n.get("id").asText())) {
                assertThat(n.get("state").asText()).as(graph.toString()).isEqualTo("error");
            }
        }
        JsonNode around = get("/api/ui/sessions/" + sid + "/graph?mode=neighbourhood&focus=d1");
        assertThat(around.get("nodes").size()).as(around.toString()).isPositive();
        get("/api/ui/sessions/" + sid + "/timeline");
    }

    /** A new session with a drop on the node runs to the end. */
    private static void newSessionRunsOn(int nm, String sid) throws Exception {
        await().atMost(WAIT).ignoreExceptions().until(() -> {
            ok(call("POST", "/api/sessions", "application/json", "{\"sessionId\": \"" + sid + "\"}"));
            return true;
        });
        ArrayNode g = JSON.createArrayNode();
        data(g, "x", nm).putArray("consumers").add("y");
        sleep(g, "y", nm, 0).putArray("outputs").add("z");
        data(g, "z", nm).putArray("producers").add("y");
        ok(call("POST", "/api/sessions/" + sid + "/graph/append", "application/json", g.toString()));
        ok(call("POST", "/api/sessions/" + sid + "/deploy", "application/x-www-form-urlencoded", "completed=x"));
        await().atMost(WAIT).until(() -> status(sid, nm) == 4);
    }

    private static void signal(Process p, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).inheritIO().start();
        assertThat(kill.waitFor()).isZero();
    }

    private static void report(String what, List<Long> millis) {
        List<Long> sorted = millis.stream().sorted().toList();
        System.err.println("DETECTION " + what + ": " + millis + " ms, median " + sorted.get(sorted.size() / 2) + " ms");
    }

    // ---- Tests ----

    @Test
    @Order(1)
    void killedNodeManager_inACrossNodeChain_isFoundWithinTheTimeout_andTheSessionFailsNamingIt() throws Exception {
        List<Long> detections = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            String done = "done-" + run; // finished before the node dies: its final states are kept
            ArrayNode small = JSON.createArrayNode();
            data(small, "a", 0);
            data(small, "b", 1);
            submit(done, small, "a,b");
            await().atMost(WAIT).until(() -> status(done, 0) == 4 && status(done, 1) == 4);
            // having seen it finished, the manager keeps its final answers (while the chain starts)

            String sid = "killed-" + run;
            runChain(sid);
            long t0 = System.nanoTime();
            nmProcesses[1].destroyForcibly().waitFor(); // SIGKILL
            detections.add(awaitLost(sid, nms.get(1), t0));

            assertHonestViews(sid, 1);
            assertThat(get("/api/sessions/" + done + "/status").get(nms.get(1)).asInt()).isEqualTo(4);
            JsonNode kept = get("/api/sessions/" + done + "/graph/status");
            assertThat(kept.get("b").get("status").asInt()).as(kept.toString()).isEqualTo(2); // COMPLETED, as it ended
            assertThat(get("/api/sessions/" + done).path("errors").has(nms.get(1))).isFalse();

            String[] ports = nms.get(1).split(":"); // back on its ports: new sessions run on it
            start("nm1-again", "nm", "-P", ports[1], "--event_port", ports[2], "--rpc_port", ports[3]);
            nmProcesses[1] = processes.getLast();
            newSessionRunsOn(1, "after-restart-" + run);
            assertThat(status(sid, 1)).isEqualTo(6); // the session that lost it stays failed
        }
        report("SIGKILL", detections);
    }

    @Test
    @Order(2)
    void stoppedNodeManager_isFoundWithinTheTimeout_andNewSessionsRunOnItOnceItContinues() throws Exception {
        List<Long> detections = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            String sid = "stopped-" + run;
            runChain(sid);
            long t0 = System.nanoTime();
            signal(nmProcesses[1], "STOP");
            try {
                detections.add(awaitLost(sid, nms.get(1), t0));
                long before = System.nanoTime();
                assertHonestViews(sid, 1);
                assertThat(Duration.ofNanos(System.nanoTime() - before)) // a down node is not waited for
                        .isLessThan(Duration.ofSeconds(CHECK_TIMEOUT_S));
            } finally {
                signal(nmProcesses[1], "CONT");
            }
            newSessionRunsOn(1, "after-continue-" + run);
            assertThat(status(sid, 1)).isEqualTo(6);
            ok(call("POST", "/api/sessions/" + sid + "/cancel", null, null));
        }
        report("SIGSTOP", detections);
    }
}
