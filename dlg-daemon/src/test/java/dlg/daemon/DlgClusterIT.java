package dlg.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole cluster as separate processes on loopback: one MasterManager over two
 * DataIslandManagers over two NodeManagers each, all {@code dlg.jar}. Runs DALiuGE's
 * {@code complex.js} spread over the four nodes, a chain that crosses nodes at every step with its
 * data checked at the end, and a NodeManager killed in the middle of a session.
 */
class DlgClusterIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Pattern LISTENING = Pattern.compile(
            "listening on [^:]+:(\\d+)(?: \\(events on port (\\d+), data on port (\\d+)\\))?");

    @TempDir(cleanup = CleanupMode.ON_SUCCESS) // a failure keeps the processes' logs
    static Path tmp;

    /** CI shows only the test output: a failure prints the end of every process's logs. */
    @RegisterExtension
    static final TestWatcher LOGS_ON_FAILURE = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            try (var files = Files.walk(tmp)) {
                for (Path f : files.filter(f -> f.toString().endsWith(".log") || f.toString().endsWith(".err")).sorted().toList()) {
                    List<String> lines = Files.readAllLines(f);
                    System.err.println("---- " + tmp.relativize(f) + " (last 40 lines)");
                    lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(System.err::println);
                }
            } catch (IOException | RuntimeException e) {
                System.err.println("cannot show the processes' logs: " + e);
            }
        }
    };

    private static final List<Process> processes = new ArrayList<>();
    private static final List<String> nms = new ArrayList<>();
    private static final List<String> dims = new ArrayList<>();
    private static int mmPort;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startCluster() throws Exception {
        for (int i = 0; i < 4; i++) {
            Matcher m = start("nm" + i, "nm", "-P", "0", "--event_port", "0", "--rpc_port", "0");
            nms.add("127.0.0.1:" + m.group(1) + ":" + m.group(2) + ":" + m.group(3));
        }
        for (int i = 0; i < 2; i++) {
            Matcher m = start("dim" + i, "dim", "-P", "0", "-N", nms.get(2 * i) + "," + nms.get(2 * i + 1));
            dims.add("127.0.0.1:" + m.group(1));
        }
        mmPort = Integer.parseInt(start("mm", "mm", "-P", "0", "-N", String.join(",", dims)).group(1));
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
        command.addAll(List.of("-l", tmp.resolve("logs-" + name).toString()));
        Path err = tmp.resolve(name + ".err");
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(err.toFile())
                .redirectOutput(tmp.resolve(name + ".out").toFile());
        pb.environment().put("DLG_ROOT", tmp.resolve("root-" + name).toString());
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
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + mmPort + path))
                .timeout(Duration.ofSeconds(60));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode ok(HttpResponse<String> r) throws IOException {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static void submit(String sid, ArrayNode graph, String completed) throws Exception {
        ok(call("POST", "/api/sessions", "application/json", "{\"sessionId\": \"" + sid + "\"}"));
        ok(call("POST", "/api/sessions/" + sid + "/graph/append", "application/json", graph.toString()));
        ok(call("POST", "/api/sessions/" + sid + "/deploy", "application/x-www-form-urlencoded",
                "completed=" + URLEncoder.encode(completed, StandardCharsets.UTF_8)));
    }

    /** Every NodeManager of the session, through the MasterManager: {dim: {nm: status}}. */
    private static List<Integer> statuses(String sid) throws Exception {
        List<Integer> all = new ArrayList<>();
        ok(call("GET", "/api/sessions/" + sid + "/status", null, null)).forEach(island -> island.forEach(
                nm -> all.add(nm.asInt())));
        return all;
    }

    private static ObjectNode place(ObjectNode drop, int nm) {
        drop.put("node", nms.get(nm));
        drop.put("island", dims.get(nm / 2));
        return drop;
    }

    /**
     * Ports free right now, all different: each is held until all are chosen (taking one, closing
     * it and taking the next can give the same port twice).
     */
    private static List<Integer> freePorts(int n) throws IOException {
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                held.add(new ServerSocket(0));
            }
            return held.stream().map(ServerSocket::getLocalPort).toList();
        } finally {
            for (ServerSocket s : held) {
                s.close();
            }
        }
    }

    // ---- Tests ----

    @Test
    void complexJs_spreadOverFourNodes_finishes() throws Exception {
        Path file = Path.of(System.getProperty("dlg.daliuge.graphs", "../../shared/graphs/daliuge"), "complex.js");
        assumeTrue(Files.isRegularFile(file), "DALiuGE's graphs are not next to this repository (" + file + ")");
        ArrayNode graph = (ArrayNode) JSON.readTree(file.toFile());
        List<Integer> ports = new ArrayList<>();
        List<Integer> free = freePorts((int) graph.valueStream().filter(d -> d.has("port")).count());
        int i = 0;
        for (JsonNode d : graph) {
            ObjectNode drop = (ObjectNode) d;
            place(drop, i++ % 4);
            if (drop.has("port")) { // the graph's fixed ports 1111-1115 may be taken: free ones instead
                int port = free.get(ports.size());
                drop.put("port", port);
                ports.add(port);
            }
        }

        submit("complex", graph, "SL_A,SL_B,SL_C,SL_D,SL_K");
        for (int port : ports) {
            await().atMost(WAIT).ignoreExceptions().until(() -> {
                try (Socket s = new Socket("127.0.0.1", port); OutputStream out = s.getOutputStream()) {
                    out.write("0123456789".getBytes(StandardCharsets.US_ASCII));
                }
                return true;
            });
        }

        await().atMost(WAIT).until(() -> statuses("complex").stream().allMatch(s -> s == 4));
        JsonNode drops = ok(call("GET", "/api/sessions/complex/graph/status", null, null));
        assertThat(drops.size()).isEqualTo(25);
        drops.forEach(d -> assertThat(d.get("status").asInt()).as(d.toString()).isIn(2, 4)); // COMPLETED (or EXPIRED)
    }

    @Test
    void chain_crossingNodesAtEveryStep_carriesItsData() throws Exception {
        ArrayNode graph = JSON.createArrayNode();
        int steps = 12;
        place(graph.addObject().put("oid", "hello").put("categoryType", "Application")
                .put("dropclass", "dlg.apps.simple.HelloWorldApp").put("greet", "cluster"), 0)
                .putArray("outputs").add("d0");
        for (int s = 0; s <= steps; s++) {
            ObjectNode data = place(graph.addObject().put("oid", "d" + s).put("categoryType", "Data")
                    .put("dropclass", "dlg.data.drops.memory.InMemoryDROP").put("expireAfterUse", false), s % 4);
            data.putArray("producers").add(s == 0 ? "hello" : "copy" + s);
            if (s < steps) {
                data.putArray("consumers").add("copy" + (s + 1));
                place(graph.addObject().put("oid", "copy" + (s + 1)).put("categoryType", "Application")
                        .put("dropclass", "dlg.apps.simple.CopyApp"), (s + 1) % 4).putArray("outputs").add("d" + (s + 1));
            }
        }

        submit("chain", graph, "hello");

        await().atMost(WAIT).until(() -> statuses("chain").stream().allMatch(s -> s == 4));
        HttpResponse<String> last = call("GET", "/sessions/chain/graph/drop/data/d" + steps, null, null);
        assertThat(last.statusCode()).as(last.body()).isEqualTo(200);
        assertThat(last.body()).isEqualTo("Hello cluster");
    }

    @Test
    void killedNodeManager_isReportedByName_andTheRestGoesOn() throws Exception {
        ArrayNode graph = JSON.createArrayNode();
        for (int n = 0; n < 4; n++) {
            place(graph.addObject().put("oid", "sleep" + n).put("categoryType", "Application")
                    .put("dropclass", "dlg.apps.simple.SleepApp").put("sleep_time", 600), n);
        }
        submit("doomed", graph, "sleep0,sleep1,sleep2,sleep3");
        await().atMost(WAIT).until(() -> statuses("doomed").stream().allMatch(s -> s == 3));
        String victim = nms.get(3);

        processes.get(3).destroyForcibly().waitFor();

        JsonNode status = ok(call("GET", "/api/sessions/doomed/status", null, null));
        assertThat(status.get(dims.get(1) + ":5555:6666").get(victim).asInt()).isEqualTo(6);
        assertThat(status.get(dims.get(0) + ":5555:6666").get(nms.get(0)).asInt()).isEqualTo(3);
        HttpResponse<String> refused = call("POST", "/api/sessions", "application/json", "{\"sessionId\": \"later\"}");
        assertThat(refused.statusCode()).isEqualTo(555);
        assertThat(refused.body()).contains("SubManagerException").contains(victim.substring(0, victim.indexOf(':', 10)));

        String[] ports = victim.split(":"); // the NodeManager comes back on its ports: new sessions go on
        start("nm3-again", "nm", "-P", ports[1], "--event_port", ports[2], "--rpc_port", ports[3]);
        ok(call("POST", "/api/sessions", "application/json", "{\"sessionId\": \"after-restart\"}"));
        ArrayNode small = JSON.createArrayNode();
        place(small.addObject().put("oid", "x").put("categoryType", "Data")
                .put("dropclass", "dlg.data.drops.memory.InMemoryDROP"), 3);
        ok(call("POST", "/api/sessions/after-restart/graph/append", "application/json", small.toString()));
        ok(call("POST", "/api/sessions/after-restart/deploy", "application/x-www-form-urlencoded", "completed=x"));
        await().atMost(WAIT).until(() -> statuses("after-restart").stream().allMatch(s -> s == 4));
    }
}
