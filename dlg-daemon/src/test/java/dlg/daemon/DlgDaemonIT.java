package dlg.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dlg.manager.auth.ClusterSecret;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dlg daemon} as a real process starting real managers (ports the system picks): a
 * MasterManager's {@code /api/managers/<host>/...} routes drive it end to end, a manager that dies is
 * reported and started again, and SIGTERM takes its managers down with it.
 */
class DlgDaemonIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LISTENING = "dlg daemon: listening on 127\\.0\\.0\\.1:(\\d+)";

    @TempDir
    Path tmp;

    private DlgProcesses dlg;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void processes() {
        dlg = new DlgProcesses(tmp);
    }

    @AfterEach
    void end() throws Exception {
        Path pid = dlg.dlgRoot().resolve("pid/dlgDaemon.pid"); // a test's background daemon, if it failed early
        if (Files.exists(pid)) {
            ProcessHandle.of(Long.parseLong(Files.readString(pid).strip())).ifPresent(h -> {
                h.descendants().forEach(ProcessHandle::destroyForcibly);
                h.destroyForcibly();
            });
        }
        dlg.close();
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void refused(HttpResponse<String> r, String why) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(401);
        assertThat(r.body()).contains(why);
    }

    private HttpResponse<String> call(int port, String method, String path, String body) throws Exception {
        return call(port, null, method, path, body);
    }

    /** A call with {@code Authorization: Bearer token} (null: none). */
    private HttpResponse<String> call(int port, String token, String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60));
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
        return r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body());
    }

    private static int port(String nodeString) {
        return Integer.parseInt(nodeString.split(":")[1]);
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    @Test
    void masterManagerRoutes_startManagersThroughTheHostsDaemon() throws Exception {
        Process daemon = dlg.start("daemon", "daemon", "-H", "127.0.0.1", "-P", "0", "--ephemeral-ports",
                "--no-zeroconf", "-l", tmp.resolve("logs").toString());
        int d = Integer.parseInt(dlg.awaitOutput("daemon", daemon, LISTENING).group(1));
        JsonNode master = ok(call(d, "POST", "/managers/master/start", ""));
        int mm = port(master.get("address").asText()); // started with --daemon-port: its routes reach this daemon

        JsonNode nm = ok(call(mm, "POST", "/api/managers/127.0.0.1/node/start", ""));
        String nmAddress = nm.get("address").asText();

        assertThat(ok(call(mm, "GET", "/api/managers/127.0.0.1/node", null)).get("pid").asLong())
                .isEqualTo(nm.get("pid").asLong());
        assertThat(ok(call(port(nmAddress), "GET", "/api/sessions", null)).size()).isZero();
        JsonNode islands = ok(call(mm, "POST", "/api/managers/127.0.0.1/island", "{\"nodes\": [\"" + nmAddress + "\"]}"));
        JsonNode dim = ok(call(d, "GET", "/managers/island", null));
        String island = "127.0.0.1:" + port(dim.get("address").asText()) + ":5555:6666";
        assertThat(islands.get("islands")).extracting(JsonNode::asText).containsExactly(island);
        assertThat(ok(call(mm, "GET", "/api/nodes", null)).get("nodes")).extracting(JsonNode::asText).contains(nmAddress);
        JsonNode all = ok(call(d, "GET", "/managers", null));
        assertThat(all.get("node").asLong()).isEqualTo(nm.get("pid").asLong());
        assertThat(all.get("master").asLong()).isEqualTo(master.get("pid").asLong());

        ok(call(mm, "POST", "/api/managers/127.0.0.1/node/stop", null));
        assertThat(alive(nm.get("pid").asLong())).isFalse();
        assertThat(ok(call(mm, "GET", "/api/managers/127.0.0.1/node", null)).get("pid").isNull()).isTrue();
    }

    @Test
    void deadManager_isReported_startedAgain_andSigtermStopsEveryManager() throws Exception {
        Process daemon = dlg.start("daemon", "daemon", "-H", "127.0.0.1", "-P", "0", "--ephemeral-ports",
                "--no-zeroconf", "--nm", "--dim", "-l", tmp.resolve("logs").toString());
        int d = Integer.parseInt(dlg.awaitOutput("daemon", daemon, LISTENING).group(1));
        await().atMost(DlgProcesses.WAIT).until(() -> ok(call(d, "GET", "/managers/island", null)).has("address"));
        JsonNode node = ok(call(d, "GET", "/managers/node", null));
        JsonNode dim = ok(call(d, "GET", "/managers/island", null));
        assertThat(ok(call(port(dim.get("address").asText()), "GET", "/api/nodes", null)))
                .extracting(JsonNode::asText).containsExactly(node.get("address").asText()); // --nm --dim: the island has the node
        long first = node.get("pid").asLong();

        ProcessHandle.of(first).orElseThrow().destroyForcibly();

        await().atMost(DlgProcesses.WAIT).until(() -> ok(call(d, "GET", "/managers", null)).has("exited"));
        JsonNode exited = ok(call(d, "GET", "/managers", null)).get("exited").get("node");
        assertThat(exited.get("pid").asLong()).isEqualTo(first);
        assertThat(exited.get("exitCode").asInt()).isEqualTo(137);
        long second = ok(call(d, "POST", "/managers/node/start", "")).get("pid").asLong();
        assertThat(alive(second)).isTrue();
        long island = dim.get("pid").asLong();

        daemon.destroy(); // SIGTERM

        assertThat(daemon.waitFor(60, TimeUnit.SECONDS)).as("the daemon exited").isTrue();
        assertThat(alive(second)).as("its NodeManager stopped").isFalse();
        assertThat(alive(island)).as("its DataIslandManager stopped").isFalse();
    }

    @Test
    void killedDaemon_itsManagersStopToo() throws Exception {
        Process daemon = dlg.start("daemon", "daemon", "-H", "127.0.0.1", "-P", "0", "--ephemeral-ports",
                "--no-zeroconf", "--nm", "-l", tmp.resolve("logs").toString());
        int d = Integer.parseInt(dlg.awaitOutput("daemon", daemon, LISTENING).group(1));
        await().atMost(DlgProcesses.WAIT).until(() -> ok(call(d, "GET", "/managers/node", null)).has("address"));
        long nm = ok(call(d, "GET", "/managers/node", null)).get("pid").asLong();

        daemon.destroyForcibly(); // SIGKILL: no shutdown hook runs

        await().atMost(Duration.ofSeconds(30)).until(() -> !alive(nm));
    }

    @Test
    void withATokenFile_theDaemonAndTheManagersItStartsDemandTheSecret() throws Exception {
        ClusterSecret secret = ClusterSecret.generate();
        Path tokenFile = tmp.resolve("token");
        secret.writeTo(tokenFile);
        String t = secret.token();
        Process daemon = dlg.start("daemon", "daemon", "-H", "127.0.0.1", "-P", "0", "--ephemeral-ports",
                "--no-zeroconf", "--auth-token-file", tokenFile.toString(), "-l", tmp.resolve("logs").toString());
        int d = Integer.parseInt(dlg.awaitOutput("daemon", daemon, LISTENING).group(1));

        refused(call(d, "GET", "/managers", null), "carries no token");
        refused(call(d, ClusterSecret.generate().token(), "POST", "/managers/node/start", ""), "is not this cluster's");
        JsonNode nm = ok(call(d, t, "POST", "/managers/node/start", ""));

        int nmPort = port(nm.get("address").asText());
        refused(call(nmPort, "GET", "/api/sessions", null), "carries no token");
        assertThat(ok(call(nmPort, t, "GET", "/api/sessions", null)).size()).isZero();
        List<String> nmArgs = List.of(ProcessHandle.of(nm.get("pid").asLong()).orElseThrow().info().arguments().orElseThrow());
        assertThat(nmArgs).containsSequence("--auth-token-file", tokenFile.toString()).noneMatch(a -> a.contains(t));
        // the MasterManager it starts demands the secret, and shows it to this daemon when it calls it
        int mm = port(ok(call(d, t, "POST", "/managers/master/start", "")).get("address").asText());
        refused(call(mm, "GET", "/api/managers/127.0.0.1/node", null), "carries no token");
        assertThat(ok(call(mm, t, "GET", "/api/managers/127.0.0.1/node", null)).get("pid").asLong())
                .isEqualTo(nm.get("pid").asLong());
    }

    @Test
    void daemonStatusStop_runsInTheBackgroundWithTheSecretOfItsEnvironment_andStopsWithItsManagers() throws Exception {
        String port = Integer.toString(freePort());
        ClusterSecret secret = ClusterSecret.generate();
        String t = secret.token();
        Path pidFile = dlg.dlgRoot().resolve("pid/dlgDaemon.pid");

        DlgProcesses.Result started = dlg.run(Map.of(ClusterSecret.ENV, t), "daemon", "-d", "-H", "127.0.0.1", "-P", port,
                "--ephemeral-ports", "--no-zeroconf", "--nm", "-l", tmp.resolve("logs").toString());

        assertThat(started.status()).as(started.output()).isZero();
        assertThat(started.output()).contains("dlg daemon: running in the background with pid");
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        assertThat(alive(pid)).isTrue();
        int d = Integer.parseInt(port);
        await().atMost(DlgProcesses.WAIT).until(() -> ok(call(d, t, "GET", "/managers/node", null)).has("address"));
        refused(call(d, "GET", "/managers", null), "carries no token");
        JsonNode nm = ok(call(d, t, "GET", "/managers/node", null));
        long nmPid = nm.get("pid").asLong();
        int nmPort = port(nm.get("address").asText());
        refused(call(nmPort, "GET", "/api/sessions", null), "carries no token"); // $DLG_AUTH_TOKEN inherited twice
        ok(call(nmPort, t, "GET", "/api/sessions", null));
        DlgProcesses.Result status = dlg.run("daemon", "-H", "127.0.0.1", "-P", port, "--status", "-T", "5");
        assertThat(status.status()).as(status.output()).isZero();
        assertThat(status.output()).contains("dlg daemon: listening on 127.0.0.1:" + port);
        DlgProcesses.Result twice = dlg.run("daemon", "-d", "-H", "127.0.0.1", "-P", port);
        assertThat(twice.status()).isEqualTo(1);
        assertThat(twice.output()).contains("already running with pid " + pid);

        DlgProcesses.Result stopped = dlg.run("daemon", "-s", "-T", "20");

        assertThat(stopped.status()).as(stopped.output()).isZero();
        assertThat(stopped.output()).contains("dlg daemon: stopped process " + pid);
        assertThat(alive(pid)).as("the daemon").isFalse();
        assertThat(alive(nmPid)).as("its NodeManager").isFalse();
        assertThat(pidFile).doesNotExist();
        DlgProcesses.Result after = dlg.run("daemon", "-H", "127.0.0.1", "-P", port, "--status", "-T", "0.5");
        assertThat(after.status()).isEqualTo(1);
        assertThat(after.output()).contains("dlg daemon: not listening on 127.0.0.1:" + port);
    }

    @Test
    void tlsOptions_areAUsageError() throws Exception {
        DlgProcesses.Result r = dlg.run("daemon", "--tls-cert", "c.pem", "--tls-key", "k.pem");

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.output()).contains("dlg daemon serves plain HTTP only");
    }
}
