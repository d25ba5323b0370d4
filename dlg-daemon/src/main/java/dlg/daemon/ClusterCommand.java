package dlg.daemon;

import ch.qos.logback.classic.Level;
import dlg.core.graph.ParsedGraph;
import dlg.manager.NodeAddress;
import dlg.manager.SessionIds;
import dlg.manager.auth.Access;
import dlg.manager.auth.ClusterSecret;
import dlg.manager.client.RestDropManagerClient;
import dlg.manager.composite.CompositeManager;
import dlg.manager.service.CompositeManagerService;
import dlg.manager.service.NodeManagerService;
import dlg.web.WebUi;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code dlg cluster -n N [GRAPH]}: N NodeManagers and a DataIslandManager over them, in this one
 * process, each on free ports of this machine. One JVM rather than N + 1: the cluster answers in
 * about a second (one JVM start, one class loading, one JIT warm-up instead of five), and Ctrl-C
 * stops all of it; the managers still talk to each other only through their REST, event and data
 * ports, exactly as separate processes on separate hosts do.
 */
@Command(name = "cluster", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Starts a local cluster: NodeManagers and a DataIslandManager over them, on free ports of"
                + " this machine, in this process. Without GRAPH it prints the UI's address and the node strings and"
                + " runs until Ctrl-C. With GRAPH it runs the graph across the nodes (split by the drops' 'node', or,"
                + " when no drop has one, in blocks of neighbouring drops, each app with the data it writes), then"
                + " stops.",
            "Exit status with GRAPH: 0 if the session FINISHED, 1 if it FAILED (or was cancelled), 2 if the graph"
                + " is invalid."})
final class ClusterCommand implements Callable<Integer> {

    /** Where the cluster's fresh secret is written, in its work directory. */
    static final String TOKEN_FILE = "auth-token";

    @Option(names = {"-n", "--nodes"}, defaultValue = "4", paramLabel = "N",
            description = "NodeManagers to start (default: ${DEFAULT-VALUE})")
    int nodes;

    @Parameters(index = "0", arity = "0..1", paramLabel = "GRAPH",
            description = "physical graph to run across the nodes; - reads stdin")
    String graphFile;

    @Option(names = {"-H", "--host"}, defaultValue = "localhost", paramLabel = "HOST",
            description = "interface every manager listens on (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = {"-P", "--port"}, defaultValue = "0", paramLabel = "PORT",
            description = "the DataIslandManager's REST (and UI) port, 0 for a free one (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--workdir", paramLabel = "DIR",
            description = "where node i keeps its sessions (DIR/nm<i>/workspace/<session id>) and all managers"
                    + " their logs (DIR/logs); default: $DLG_ROOT/cluster (DLG_ROOT defaults to ~/dlg)")
    Path workdir;

    @Option(names = "--session-id", paramLabel = "ID", description = "with GRAPH; default: <graph name>-<date and time>")
    String sessionId;

    @CommandLine.Mixin
    EngineOptions engine = new EngineOptions();

    @CommandLine.Mixin
    StringLimitOption strings = new StringLimitOption();

    @CommandLine.Mixin
    SecretOption secretOption = new SecretOption();

    @Option(names = "--no-auth", description = "no secret: every port open to whoever reaches it, as DALiuGE is"
            + " (its Python client and EAGLE cannot send a token). Default: a fresh secret for this cluster, written"
            + " to <workdir>/auth-token, in the UI address printed, and demanded by every port")
    boolean noAuth;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        checkOptions();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ParsedGraph graph = null;
        if (graphFile != null) { // read first: a bad file is reported before anything starts
            graph = GraphFiles.readOrReport(graphFile, strings.maxStringLength(spec.commandLine()), err, "dlg cluster");
            if (graph == null) {
                return RunCommand.INVALID;
            }
        }
        Path root = RunCommand.dlgRoot().toAbsolutePath();
        Path dir = (workdir != null ? workdir : root.resolve("cluster")).toAbsolutePath();
        ClusterSecret secret = noAuth ? null : secretOption.secret(spec.commandLine());
        Path tokenFile = dir.resolve(TOKEN_FILE);
        boolean generated = secret == null && !noAuth;
        if (generated) {
            secret = ClusterSecret.generate();
            java.nio.file.Files.createDirectories(dir);
            secret.writeTo(tokenFile);
        }
        Access access = new Access(secret, null);
        engine.configureLogging(graph != null ? Level.WARN : Level.INFO);
        Logging.toFile(dir.resolve("logs").resolve("dlgCluster." + NodeManagerCommand.shortHostName() + ".log"));
        long t0 = System.nanoTime();
        List<NodeManagerService> nms = new ArrayList<>();
        CompositeManagerService dim = null;
        Thread onSignal = new Thread(() -> stop(null, nms), "dlg-cluster-signal");
        try {
            ClassLoader apps = engine.appClassLoader(root);
            for (int i = 0; i < nodes; i++) {
                var config = new NodeManagerService.Config(host, 0, 0, 0, dir.resolve("nm" + i), 10L << 20,
                        engine.maxThreads, engine.executionOptions(true), apps, engine.environment(),
                        strings.maxStringLength(spec.commandLine()), 256L << 20).withAccess(access);
                nms.add(NodeManagerService.start(config, WebUi::forNodeManager));
            }
            List<NodeAddress> addresses = nms.stream().map(nm -> at(nm)).toList();
            dim = CompositeManagerService.start(new CompositeManagerService.Config(CompositeManager.Kind.DATA_ISLAND,
                    host, port, addresses, 10L << 20, Duration.ofSeconds(10),
                    RestDropManagerClient.Options.DEFAULTS.graphTimeout(), CompositeManagerService.DAEMON_PORT, null,
                    strings.maxStringLength(spec.commandLine())).withAccess(access), WebUi::forComposite);
            CompositeManagerService island = dim;
            onSignal = new Thread(() -> { // the JVM may halt before main's finally runs: the hook removes the secret too
                stop(island, nms);
                if (generated) {
                    try {
                        java.nio.file.Files.deleteIfExists(tokenFile);
                    } catch (java.io.IOException e) {
                        System.err.println("dlg cluster: cannot delete " + tokenFile + ": " + e);
                    }
                }
            }, "dlg-cluster-signal");
            Runtime.getRuntime().addShutdownHook(onSignal);
            String ui = "http://" + uiHost() + ":" + dim.restPort() + "/";
            err.printf("dlg cluster: DataIslandManager listening on %s:%d over %d NodeManagers, ready in %.2f s%n",
                    host, dim.restPort(), nodes, (System.nanoTime() - t0) / 1e9);
            err.println("dlg cluster: UI " + ui + (secret == null ? "" : "?token=" + secret.token()));
            if (secret != null) {
                err.println("dlg cluster: every port demands this cluster's secret" + (generated
                        ? "; clients pass --auth-token-file " + tokenFile : "") + " (--no-auth: open to all)");
            }
            err.println("dlg cluster: nodes " + String.join(",", addresses.stream().map(NodeAddress::toString).toList()));
            err.println("dlg cluster: sessions in " + dir + "/nm<i>/workspace, logs in " + dir.resolve("logs"));
            err.flush();
            if (graph == null) {
                err.println("dlg cluster: Ctrl-C stops it");
                err.flush();
                dim.awaitStop(); // POST /api/stop on the island, or a signal
                return 0;
            }
            String id = sessionId != null ? sessionId : GraphFiles.defaultSessionId(graphFile);
            var client = new RestDropManagerClient(RestDropManagerClient.httpClient(Duration.ofSeconds(10)),
                    "localhost".equals(host) || "0.0.0.0".equals(host) ? "127.0.0.1" : host, dim.restPort(),
                    RestDropManagerClient.Options.DEFAULTS, secret);
            int status = new Submission(client, err, Duration.ofSeconds(30), "dlg cluster").run(id, graph);
            out.flush();
            return status;
        } catch (RuntimeException e) {
            err.println("dlg cluster: cannot start: " + e.getMessage());
            return 1;
        } finally {
            stop(dim, nms);
            if (generated) { // the secret dies with its cluster
                java.nio.file.Files.deleteIfExists(tokenFile);
            }
            try {
                Runtime.getRuntime().removeShutdownHook(onSignal);
            } catch (IllegalStateException | IllegalArgumentException e) {
                // shutting down (the hook runs), or never added
            }
        }
    }

    /** The node string other managers reach a NodeManager by. */
    private NodeAddress at(NodeManagerService nm) {
        return new NodeAddress(uiHost(), nm.restPort(), nm.eventPort(), nm.rpcPort());
    }

    private String uiHost() {
        return "localhost".equals(host) || "0.0.0.0".equals(host) ? "127.0.0.1" : host;
    }

    private static void stop(CompositeManagerService dim, List<NodeManagerService> nms) {
        if (dim != null) {
            dim.close();
        }
        nms.forEach(NodeManagerService::close);
    }

    private void checkOptions() {
        engine.check(spec.commandLine());
        strings.maxStringLength(spec.commandLine());
        if (nodes < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "-n must be at least 1: " + nodes);
        }
        if (port < 0 || port > 65535) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--port out of range: " + port);
        }
        if (sessionId != null) {
            try {
                SessionIds.check(sessionId);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--session-id: " + e.getMessage());
            }
        }
    }
}
