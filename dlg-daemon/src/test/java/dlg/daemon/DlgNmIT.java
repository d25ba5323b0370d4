package dlg.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dlg nm} as a real process: it serves, and SIGTERM or {@code /api/stop} stop it cleanly. */
class DlgNmIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Pattern LISTENING = Pattern.compile("listening on [^:]+:(\\d+)");

    private static Path jar;
    private static String java;

    @TempDir
    Path tmp;

    private Process nm;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void findJarAndJava() {
        jar = Path.of("target", "dlg.jar").toAbsolutePath();
        assertThat(jar).as("the packaged jar (failsafe runs after 'package')").isRegularFile();
        java = ProcessHandle.current().info().command()
                .orElseThrow(() -> new AssertionError("cannot tell which java runs this test"));
    }

    @AfterEach
    void kill() {
        if (nm != null && nm.isAlive()) {
            nm.destroyForcibly();
        }
    }

    /** Starts {@code dlg nm} on an ephemeral port; returns that port. */
    private int startNm() throws IOException {
        return startNm(0);
    }

    /** Starts {@code dlg nm} on {@code restPort} (0: ephemeral), a new stderr file each time; returns the port. */
    private int startNm(int restPort) throws IOException {
        Path err = tmp.resolve("nm.err");
        if (Files.exists(err)) { // started again: what the last one said is kept
            Files.move(err, tmp.resolve("nm.err." + System.nanoTime()));
        }
        // as the launcher does: every compiler thread from the start (a C2 thread may start C1 threads later)
        ProcessBuilder pb = new ProcessBuilder(java, "-XX:-UseDynamicNumberOfCompilerThreads", "-jar", jar.toString(),
                "nm", "-P", Integer.toString(restPort), "--event_port", "0", "--rpc_port", "0", "-l", tmp.resolve("logs").toString())
                .directory(tmp.toFile()).redirectOutput(tmp.resolve("nm.out").toFile()).redirectError(err.toFile());
        pb.environment().put("DLG_ROOT", tmp.resolve("dlg-root").toString());
        nm = pb.start();
        int[] port = new int[1];
        await().atMost(WAIT).until(() -> {
            Matcher m = LISTENING.matcher(Files.exists(err) ? Files.readString(err) : "");
            if (m.find()) {
                port[0] = Integer.parseInt(m.group(1));
                return true;
            }
            assertThat(nm.isAlive()).as("dlg nm is running: %s", Files.exists(err) ? Files.readString(err) : "").isTrue();
            return false;
        });
        return port[0];
    }

    private HttpResponse<String> post(int port, String path, String contentType, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void sigterm_runningShellApp_killsItAndExits() throws Exception {
        int port = startNm();
        assertThat(post(port, "/api/sessions", "application/json", "{\"sessionId\": \"s\"}").statusCode()).isEqualTo(200);
        String graph = """
                [{"oid": "sh", "categoryType": "Application", "dropclass": "dlg.apps.bash_shell_app.BashShellApp",
                  "command": "echo $$ > shell.pid; sleep 600", "outputs": ["o"]},
                 {"oid": "o", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP"}]""";
        assertThat(post(port, "/api/sessions/s/graph/append", "application/json", graph).statusCode()).isEqualTo(200);
        assertThat(post(port, "/api/sessions/s/deploy", "application/x-www-form-urlencoded", "completed=sh")
                .statusCode()).isEqualTo(200);
        Path pidFile = tmp.resolve("dlg-root/workspace/s/shell.pid");
        await().atMost(WAIT).until(() -> Files.exists(pidFile) && !Files.readString(pidFile).isBlank());
        long shell = Long.parseLong(Files.readString(pidFile).trim());
        assertThat(ProcessHandle.of(shell)).isPresent();

        nm.destroy(); // SIGTERM

        assertThat(nm.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as("dlg nm exited").isTrue();
        await().atMost(WAIT).until(() -> ProcessHandle.of(shell).map(h -> !h.isAlive()).orElse(true));
        List<Path> logs;
        try (var files = Files.list(tmp.resolve("logs"))) {
            logs = files.toList();
        }
        assertThat(logs).singleElement().satisfies(f -> {
            assertThat(f.getFileName().toString()).startsWith("dlgNM.").endsWith(".log");
            assertThat(Files.readString(f)).contains("NodeManager ready").contains("session s switched from RUNNING to CANCELLED");
        });
    }

    @Test
    void sigterm_atOnceAfterADeploy_recordsTheCancelledSessionInItsHistory() throws Exception {
        int port = startNm();
        // at once: the history may still be making its schema; stopping cancels the session, which
        // the manager records as it closes, while the JVM's shutdown hooks run
        assertThat(post(port, "/api/sessions", "application/json", "{\"sessionId\": \"early\"}").statusCode())
                .isEqualTo(200);
        String graph = """
                [{"oid": "nap", "categoryType": "Application", "dropclass": "dlg.apps.simple.SleepApp", "sleep_time": 600}]""";
        assertThat(post(port, "/api/sessions/early/graph/append", "application/json", graph).statusCode()).isEqualTo(200);
        assertThat(post(port, "/api/sessions/early/deploy", "application/x-www-form-urlencoded", "completed=nap")
                .statusCode()).isEqualTo(200);
        nm.destroy(); // SIGTERM
        assertThat(nm.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as("dlg nm exited").isTrue();
        String firstErr;
        try (var files = Files.list(tmp)) {
            Path saved = files.filter(f -> f.getFileName().toString().startsWith("nm.err")).findFirst().orElseThrow();
            firstErr = Files.readString(saved);
        }
        assertThat(firstErr).as("what the stopped manager printed").doesNotContain("ERROR");

        startNm(port); // the same port: the same history file
        await().atMost(WAIT).untilAsserted(() -> {
            HttpResponse<String> history = get(port, "/api/history");
            assertThat(history.statusCode()).as(history.body()).isEqualTo(200);
            assertThat(history.body()).contains("\"sessionId\":\"early\"").contains("\"state\":\"CANCELLED\"");
        });
    }

    @Test
    void apiStop_exitsWithStatus0() throws Exception {
        int port = startNm();
        assertThat(get(port, "/api/sessions").body()).isEqualTo("[]");
        assertThat(post(port, "/api/stop", "application/json", "").statusCode()).isEqualTo(200);
        assertThat(nm.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as("dlg nm exited").isTrue();
        assertThat(nm.exitValue()).isZero();
    }

    @Test
    void rpcPort_ephemeral_servesDropDataOnThePortItPrints() throws Exception {
        startNm();
        Matcher m = Pattern.compile("data on port (\\d+)").matcher(Files.readString(tmp.resolve("nm.err")));
        assertThat(m.find()).as("the data port is printed").isTrue();

        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(m.group(1)))) {
            s.getOutputStream().write("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(s.getInputStream().readNBytes(4), StandardCharsets.US_ASCII))
                    .as("dlg's data protocol answers").isEqualTo("DLGD");
        }
    }

    @Test
    void c2CompilerThreads_runAtTheLowestPriority_andTheOthersDoNot() throws Exception {
        startNm();
        Path tasks = Path.of("/proc", Long.toString(nm.pid()), "task");
        Assumptions.assumeTrue(Files.isDirectory(tasks), "thread priorities are lowered on Linux only");

        List<Integer> compilers = CompilerThreads.c2Threads(tasks);
        assertThat(compilers).as("the JVM's C2 compiler threads").isNotEmpty();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> { // lowered in the background as the manager starts
            for (int tid : compilers) {
                assertThat(CompilerThreads.niceOf(tasks.resolve(Integer.toString(tid)))).hasValue(CompilerThreads.NICE);
            }
        });
        try (var all = Files.list(tasks)) {
            assertThat(all.filter(t -> !CompilerThreads.isC2(t)).map(CompilerThreads::niceOf))
                    .as("every other thread, C1 compilers included, keeps its priority").isNotEmpty().allSatisfy(n -> assertThat(n).hasValue(0));
        }
    }
}
