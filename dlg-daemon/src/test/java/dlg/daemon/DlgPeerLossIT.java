package dlg.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two NodeManagers as separate processes on loopback, driven as a DataIslandManager drives them
 * (graph parts, {@code /subscriptions}, deploy): node A produces data that an app on node B waits
 * for. A is killed ({@code SIGKILL}) or stopped ({@code SIGSTOP}) while it works; B notices within
 * its {@code --peer-timeout} (plus 2 s), fails what waits for A naming it, and its session ends
 * FAILED. A restarted on the same ports is used again by a new session.
 *
 * <p>{@code -Ddlg.peerloss.rounds=5} repeats each loss and prints the detection times (their
 * median is in the README); {@code -Ddlg.peerloss.timeout=10} measures with the default timeout.
 */
class DlgPeerLossIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START_WAIT = Duration.ofSeconds(90);
    private static final double PEER_TIMEOUT = Double.parseDouble(System.getProperty("dlg.peerloss.timeout", "2"));
    private static final int ROUNDS = Integer.getInteger("dlg.peerloss.rounds", 1);
    /** What the issue allows: the timeout plus 2 s. */
    private static final Duration DETECTION_BOUND = Duration.ofMillis(Math.round(PEER_TIMEOUT * 1000) + 2000);
    private static final Pattern LISTENING = Pattern.compile(
            "listening on [^:]+:(\\d+) \\(events on port (\\d+), data on port (\\d+)\\)");

    @TempDir(cleanup = CleanupMode.ON_SUCCESS) // a failure keeps the processes' logs
    Path tmp;

    @RegisterExtension
    final TestWatcher logsOnFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            try (var files = Files.walk(tmp)) {
                for (Path f : files.filter(f -> f.toString().endsWith(".err") || f.toString().endsWith(".log")).sorted().toList()) {
                    List<String> lines = Files.readAllLines(f);
                    System.err.println("---- " + tmp.relativize(f) + " (last 40 lines)");
                    lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(System.err::println);
                }
            } catch (IOException | RuntimeException e) {
                System.err.println("cannot show the processes' logs: " + e);
            }
        }
    };

    private final List<Process> processes = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private int starts;

    /** A NodeManager process and its node string. */
    private record Node(Process process, String address) {
        int restPort() {
            return Integer.parseInt(address.split(":")[1]);
        }
    }

    @AfterEach
    void stopAll() throws Exception {
        for (Process p : processes) {
            signal(p, "CONT"); // a stopped process is not left behind stopped
            p.destroyForcibly();
        }
    }

    @Test
    void producerNodeKilled_consumerSessionFailsNamingIt_andTheRestartedNodeRunsANewSession() throws Exception {
        Node a = start("a", "0", "0", "0");
        Node b = start("b", "0", "0", "0");
        List<Long> detections = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            String sid = "killed-" + round;
            deployChain(sid, a, b, 600);

            long t0 = System.nanoTime();
            a.process().destroyForcibly().waitFor();

            detections.add(awaitFailedNaming(b, sid, a, t0));
            String[] ports = a.address().split(":");
            Node again = start("a-again-" + round, ports[1], ports[2], ports[3]);
            String after = "after-restart-" + round;
            deployChain(after, again, b, 0);
            await().atMost(START_WAIT).until(() -> status(b, after) == 4 && status(again, after) == 4); // FINISHED
            a = again;
        }
        System.out.println("dlg-peerloss SIGKILL detection ms (timeout " + PEER_TIMEOUT + " s): " + detections
                + ", median " + median(detections));
    }

    @Test
    void producerNodeStopped_consumerSessionFailsNamingIt_andItComesBackWhenContinued() throws Exception {
        Node a = start("a", "0", "0", "0");
        Node b = start("b", "0", "0", "0");
        List<Long> detections = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            String sid = "stopped-" + round;
            deployChain(sid, a, b, 600);

            long t0 = System.nanoTime();
            signal(a.process(), "STOP");

            detections.add(awaitFailedNaming(b, sid, a, t0));
            signal(a.process(), "CONT"); // it answers again: a new session across both nodes runs
            String after = "after-continue-" + round;
            deployChain(after, a, b, 0);
            await().atMost(START_WAIT).until(() -> status(b, after) == 4 && status(a, after) == 4);
        }
        System.out.println("dlg-peerloss SIGSTOP detection ms (timeout " + PEER_TIMEOUT + " s): " + detections
                + ", median " + median(detections));
    }

    /** Waits for B's session to be FAILED, checks its log names A, and returns the milliseconds it took. */
    private long awaitFailedNaming(Node b, String sid, Node a, long t0) throws Exception {
        await().atMost(DETECTION_BOUND).pollInterval(Duration.ofMillis(20)).until(() -> status(b, sid) == 6);
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        JsonNode drops = ok(get(b, "/api/sessions/" + sid + "/graph/status"));
        assertThat(drops.get("consume").get("status").asInt()).as(drops.toString()).isEqualTo(3); // ERROR
        assertThat(drops.get("e").get("status").asInt()).as(drops.toString()).isEqualTo(3);
        HttpResponse<String> log = get(b, "/api/sessions/" + sid + "/logs");
        assertThat(log.body()).contains("node " + a.address() + " stopped answering: no heartbeat on its drop events"
                + " connection tcp://127.0.0.1:" + a.address().split(":")[2]);
        return ms;
    }

    /**
     * Session {@code sid} on both nodes: {@code produce} (a SleepApp of {@code sleep} seconds) on
     * A writes {@code d}; {@code consume} on B reads it and writes {@code e}.
     */
    private void deployChain(String sid, Node a, Node b, int sleep) throws Exception {
        for (Node n : List.of(a, b)) {
            ok(post(n, "/api/sessions", "application/json", "{\"sessionId\": \"" + sid + "\"}"));
        }
        ok(post(a, "/api/sessions/" + sid + "/graph/append", "application/json", """
                [{"oid": "produce", "categoryType": "Application", "dropclass": "dlg.apps.simple.SleepApp",
                  "sleep_time": %d, "outputs": ["d"]},
                 {"oid": "d", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP",
                  "producers": ["produce"]}]""".formatted(sleep)));
        ok(post(b, "/api/sessions/" + sid + "/graph/append", "application/json", """
                [{"oid": "consume", "categoryType": "Application", "dropclass": "dlg.apps.simple.SleepApp",
                  "sleep_time": 0, "outputs": ["e"]},
                 {"oid": "e", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP",
                  "producers": ["consume"]}]"""));
        // as a DataIslandManager sends the cut link from both ends: d is an input (5) of consume
        ok(post(a, "/api/sessions/" + sid + "/subscriptions", "application/json",
                "{\"" + b.address() + "\": [[\"d\", 5, \"consume\"]]}"));
        ok(post(b, "/api/sessions/" + sid + "/subscriptions", "application/json",
                "{\"" + a.address() + "\": [[\"consume\", 0, \"d\"]]}"));
        ok(post(b, "/api/sessions/" + sid + "/deploy", "application/x-www-form-urlencoded", "completed="));
        ok(post(a, "/api/sessions/" + sid + "/deploy", "application/x-www-form-urlencoded", "completed=produce"));
        if (sleep > 0) {
            assertThat(status(b, sid)).isEqualTo(3); // RUNNING: consume waits for d
        }
    }

    private int status(Node n, String sid) throws Exception {
        return ok(get(n, "/api/sessions/" + sid + "/status")).asInt();
    }

    private Node start(String name, String rest, String events, String rpc) throws IOException {
        Path jar = Path.of("target", "dlg.jar").toAbsolutePath();
        String java = ProcessHandle.current().info().command().orElseThrow();
        Path err = tmp.resolve(name + "-" + starts++ + ".err");
        ProcessBuilder pb = new ProcessBuilder(java, "-XX:+UseCompactObjectHeaders", "-jar", jar.toString(), "nm",
                "-P", rest, "--event_port", events, "--rpc_port", rpc, "--peer-timeout", Double.toString(PEER_TIMEOUT),
                "-l", tmp.resolve("logs-" + name).toString())
                .redirectError(err.toFile()).redirectOutput(tmp.resolve(name + ".out").toFile());
        pb.environment().put("DLG_ROOT", tmp.resolve("root-" + name).toString());
        Process p = pb.start();
        processes.add(p);
        Matcher[] found = new Matcher[1];
        await().atMost(START_WAIT).until(() -> {
            String text = Files.exists(err) ? Files.readString(err) : "";
            assertThat(p.isAlive()).as("%s is running: %s", name, text).isTrue();
            Matcher m = LISTENING.matcher(text);
            if (m.find()) {
                found[0] = m;
                return true;
            }
            return false;
        });
        Matcher m = found[0];
        return new Node(p, "127.0.0.1:" + m.group(1) + ":" + m.group(2) + ":" + m.group(3));
    }

    private static void signal(Process p, String signal) throws Exception {
        if (p.isAlive()) {
            new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).inheritIO().start().waitFor();
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    // ---- REST ----

    private HttpResponse<String> get(Node n, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + n.restPort() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(Node n, String path, String contentType, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + n.restPort() + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode ok(HttpResponse<String> r) throws IOException {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body());
    }
}
