package dlg.daemon;

import static dlg.daemon.SyntheticGraphs.SLEEP_APP;
import static dlg.daemon.SyntheticGraphs.chain;
import static dlg.daemon.SyntheticGraphs.roots;
import static dlg.daemon.SyntheticGraphs.wide;

import ch.qos.logback.classic.Level;
import dlg.manager.auth.Access;
import dlg.manager.auth.ClusterSecret;
import dlg.manager.history.HistorySettings;
import dlg.manager.service.NodeManagerService;
import dlg.manager.composite.CompositeManager;
import dlg.manager.service.CompositeManagerService;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine.Command;

/**
 * {@code dlg train}: a short, representative workload that the launcher runs once under
 * {@code -XX:AOTCacheOutput} (JDK 25's ahead-of-time cache, JEPs 483, 514, 515). The cache keeps
 * the classes loaded and linked and the methods' profiles, so that every later {@code dlg}
 * process starts fast and compiles its hot code at once: a NodeManager's first graph is then
 * handled about as fast as its hundredth. Hidden: it is the launcher's, not the users'.
 */
@Command(name = "train", hidden = true, description = "runs a training workload for the JVM's ahead-of-time cache")
final class TrainCommand implements Callable<Integer> {

    private static final Duration WAIT = Duration.ofMinutes(2);

    @Override
    public Integer call() throws Exception {
        Logging.configure(0, 0, Level.ERROR);
        // each manager's command line, parsed as its start parses it (with its command alone): the
        // commands' and their options' classes go into the cache
        for (String[] args : List.of(new String[] {"nm", "-H", "127.0.0.1", "-P", "8000"},
                new String[] {"dim", "--nodes", "127.0.0.1"}, new String[] {"mm", "--nodes", "127.0.0.1"},
                new String[] {"daemon", "--no-zeroconf"}, new String[] {"run", "graph.json"})) {
            Main.commandLine(args).parseArgs(args);
        }
        Path root = Files.createTempDirectory("dlg-train");
        HttpClient http = HttpClient.newHttpClient();
        try {
            // with its history (the default of dlg nm): H2's and Flyway's classes go into the cache too
            try (NodeManagerService nm = NodeManagerService.start(NodeManagerService.Config.local(root.resolve("nm"))
                         .withHistory(HistorySettings.EMBEDDED));
                 NodeManagerService other = NodeManagerService.start(NodeManagerService.Config.local(root.resolve("other")));
                 CompositeManagerService dim = CompositeManagerService.start(CompositeManagerService.Config.local(
                         CompositeManager.Kind.DATA_ISLAND, List.of(nm.nodeAddress(), other.nodeAddress())))) {
                Manager node = new Manager(http, nm.restPort(), null);
                for (int round = 0; round < 3; round++) {
                    node.run("wide" + round, wide(3000), roots("in", 3000));
                    node.run("chain" + round, chain(3000), "[\"d0\"]");
                    // a chain crossing the two NodeManagers at every step: events and data between nodes
                    String[] nodes = {nm.nodeAddress().toString(), other.nodeAddress().toString()};
                    new Manager(http, dim.restPort(), null).runDeploying("cross" + round, chain(1000, nodes), "d0");
                    // graphs of several MB: parsed in chunks in parallel, forwarded by the composite as they came
                    node.run("big" + round, wide(8000), roots("in", 8000));
                    new Manager(http, dim.restPort(), null).runDeploying("split" + round,
                            wide(8000, SLEEP_APP, nodes), roots("in", 8000).replaceAll("[\\[\\]\"]", ""));
                    if (pythonWorks()) { // the Python components' path, where there is a Python to call
                        node.run("python" + round, wide(1000, PYTHON_APP), roots("in", 1000));
                    }
                }
            }
            for (int round = 0; round < 4; round++) {
                guardedRound(http, root.resolve("guarded" + round), round);
            }
        } finally {
            try (Stream<Path> files = Files.walk(root)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return 0;
    }

    /**
     * A cluster with a secret, new each round: the token at the REST door, the events' CURVE
     * handshakes (JeroMQ's pure-Java cryptography, slow until compiled: a first handshake took
     * seconds in a fresh process without this), the data port's signed reads.
     */
    private static void guardedRound(HttpClient http, Path dir, int round) throws Exception {
        Access guarded = new Access(ClusterSecret.generate(), null);
        try (NodeManagerService a = NodeManagerService.start(NodeManagerService.Config.local(dir.resolve("a"))
                     .withAccess(guarded));
             NodeManagerService b = NodeManagerService.start(NodeManagerService.Config.local(dir.resolve("b"))
                     .withAccess(guarded));
             CompositeManagerService dim = CompositeManagerService.start(CompositeManagerService.Config.local(
                     CompositeManager.Kind.DATA_ISLAND, List.of(a.nodeAddress(), b.nodeAddress())).withAccess(guarded))) {
            String[] nodes = {a.nodeAddress().toString(), b.nodeAddress().toString()};
            new Manager(http, dim.restPort(), guarded.secret()).runDeploying("guarded" + round, chain(200, nodes), "d0");
        }
    }

    /** A manager's REST API on loopback, as DALiuGE's client calls it (with the secret, if any). */
    private record Manager(HttpClient http, int port, ClusterSecret secret) {

        /** One session as DALiuGE's client runs it: create, append, deploy, trigger, poll, status. */
        void run(String sid, String graph, String roots) throws Exception {
            send("/api/sessions", "application/json", "{\"sessionId\": \"" + sid + "\"}");
            send("/api/sessions/" + sid + "/graph/append", "application/json", SyntheticGraphs.mixedLayouts(graph));
            send("/api/sessions/" + sid + "/deploy", "application/x-www-form-urlencoded", "");
            send("/api/sessions/" + sid + "/trigger", "application/json", roots);
            awaitFinished(sid);
            get("/api/sessions/" + sid + "/graph/status");
            get("/api/sessions");
        }

        /** One session through a composite: create, append, deploy with the roots, poll. */
        void runDeploying(String sid, String graph, String roots) throws Exception {
            send("/api/sessions", "application/json", "{\"sessionId\": \"" + sid + "\"}");
            send("/api/sessions/" + sid + "/graph/append", "application/json", SyntheticGraphs.mixedLayouts(graph));
            send("/api/sessions/" + sid + "/deploy", "application/x-www-form-urlencoded", "completed=" + roots);
            awaitFinished(sid);
            get("/api/sessions/" + sid + "/graph/status");
        }

        /** Polls the status until every node says FINISHED (4): {@code 4} from a NodeManager, {@code {..: 4}} from a composite. */
        private void awaitFinished(String sid) throws Exception {
            long end = System.nanoTime() + WAIT.toNanos();
            while (!get("/api/sessions/" + sid + "/status").replaceAll("\"[^\"]*\"", "").replaceAll("[^0-9]", "").matches("4+")) {
                if (System.nanoTime() > end) {
                    throw new IllegalStateException("training session " + sid + " did not finish");
                }
                Thread.sleep(10);
            }
        }

        private HttpRequest.Builder request(String path) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
            return secret == null ? b : b.header("Authorization", "Bearer " + secret.token());
        }

        private void send(String path, String type, String body) throws IOException, InterruptedException {
            HttpResponse<String> r = http.send(request(path).header("Content-Type", type)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(path + ": " + r.statusCode() + " " + r.body());
            }
        }

        private String get(String path) throws IOException, InterruptedException {
            return http.send(request(path).build(), HttpResponse.BodyHandlers.ofString()).body();
        }
    }

    /** A PyFuncApp calling a trivial function, as benchmark G16's. */
    private static final String PYTHON_APP = "\"dlg.apps.pyfunc.PyFuncApp\",\"func_name\":\"trivial\","
            + "\"func_code\":\"def trivial(*args):\\n    return 1\\n\"";

    /** Whether the interpreter Python components would use starts (training goes on without it). */
    private static boolean pythonWorks() {
        String python = System.getenv().getOrDefault("DLG_PYTHON", "python3");
        try {
            Process p = new ProcessBuilder(python.isBlank() ? "python3" : python, "-c", "pass")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
