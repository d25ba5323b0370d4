package dlg.daemon;

import ch.qos.logback.classic.Level;
import dlg.manager.NodeAddress;
import dlg.manager.composite.CompositeManager;
import dlg.manager.client.RestDropManagerClient;
import dlg.manager.service.CompositeManagerService;
import dlg.web.WebUi;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code dlg dim} and {@code dlg mm}: a DataIslandManager over NodeManagers, a MasterManager over
 * DataIslandManagers, with DALiuGE's options (spec section 8).
 */
abstract class CompositeCommand implements Callable<Integer> {

    @Option(names = {"-N", "--nodes"}, split = ",", paramLabel = "NODE",
            description = "the sub-managers, comma-separated host[:port[:events:rpc]] node strings")
    List<String> nodes = new ArrayList<>();

    @Option(names = {"-H", "--host"}, defaultValue = "localhost", paramLabel = "HOST",
            description = "interface to listen on (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = {"-m", "--max-request-size"}, defaultValue = "10", paramLabel = "MB",
            description = "largest JSON or form request in MB, once decompressed; graph/append has no limit, and"
                    + " deploy's list of drops may also hold each of the session's uids (default: ${DEFAULT-VALUE})")
    int maxRequestMb;

    @CommandLine.Mixin
    StringLimitOption strings = new StringLimitOption();

    @Option(names = "--dmCheckTimeout", defaultValue = "10", paramLabel = "S",
            description = "seconds a sub-manager may take to accept a connection, and to answer a call whose work"
                    + " does not grow with the graph (create, status, list...; a MasterManager waits twice as long);"
                    + " a node that does not answer in time is named in the reply; every node is asked its sessions"
                    + " every third of it, and one silent for it is down: a session running on it FAILS naming it"
                    + " (default: ${DEFAULT-VALUE})")
    int checkTimeout;

    @Option(names = "--dump_graphs", description = "save each appended graph as $DLG_ROOT/workspace/<id>/<id>.graph"
            + " (listed by GET /api/past_sessions)")
    boolean dumpGraphs;

    @Option(names = {"-k", "--ssh-pkey-path"}, paramLabel = "FILE",
            description = "accepted for compatibility: dlg starts no remote process over SSH")
    Path sshKey;

    @Option(names = {"-l", "--log-dir"}, paramLabel = "DIR", description = "log directory (default: $DLG_ROOT/logs)")
    Path logDir;

    @Option(names = {"-v", "--verbose"}, description = "more log output (repeat for more)")
    boolean[] verbose = {};

    @Option(names = {"-q", "--quiet"}, description = "less log output")
    boolean[] quiet = {};

    @CommandLine.Mixin
    LifecycleOptions lifecycle = new LifecycleOptions();

    @CommandLine.Mixin
    AccessOptions access = new AccessOptions();

    @CommandLine.Mixin
    HistoryOptions history = new HistoryOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    abstract CompositeManager.Kind kind();

    abstract int port();

    /** Where the sub-managers' hosts run {@code dlg daemon}: a MasterManager's {@code /api/managers/<host>/...}. */
    int daemonPort() {
        return CompositeManagerService.DAEMON_PORT;
    }

    /** DALiuGE's acronym in pid and log file names: DIM, MM. */
    String acronym() {
        return logName().substring("dlg".length());
    }

    /** DALiuGE's log file name: {@code dlgDIM.<host>.log}, {@code dlgMM.<host>.log}. */
    abstract String logName();

    @Override
    public Integer call() throws Exception {
        List<NodeAddress> subManagers = parseNodes();
        if (maxRequestMb <= 0 || checkTimeout <= 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--max-request-size and --dmCheckTimeout must be positive");
        }
        int maxStringLength = strings.maxStringLength(spec.commandLine());
        var reach = access.access(spec.commandLine());
        var past = history.settings(spec.commandLine());
        CompilerThreads.lowerPriorityInBackground();
        Path root = RunCommand.dlgRoot().toAbsolutePath();
        var done = lifecycle.act(spec.commandLine(), acronym(), host, port(),
                logDir != null ? logDir : root.resolve("logs"));
        if (done.isPresent()) {
            return done.getAsInt();
        }
        Logging.configure(verbose.length, quiet.length, Level.INFO);
        Logging.toFile((logDir != null ? logDir : root.resolve("logs")).resolve(logName() + "."
                + NodeManagerCommand.shortHostName() + ".log"));
        var config = new CompositeManagerService.Config(kind(), host, port(), subManagers, (long) maxRequestMb << 20,
                Duration.ofSeconds(checkTimeout), RestDropManagerClient.Options.DEFAULTS.graphTimeout(),
                daemonPort(),
                dumpGraphs ? root.resolve("workspace") : null, maxStringLength, reach).withHistory(past, root);
        PrintWriter err = spec.commandLine().getErr();
        CompositeManagerService service;
        try {
            service = CompositeManagerService.start(config, WebUi::forComposite);
        } catch (RuntimeException e) {
            err.println("dlg " + spec.name() + ": cannot start: " + e.getMessage());
            return 1;
        }
        WarmUp.start(service.manager(), SelfRequests.Target.of(host, service.restPort(), config.access()));
        Runtime.getRuntime().addShutdownHook(new Thread(service::close, "dlg-" + spec.name() + "-signal"));
        LifecycleOptions.stopWithDaemon(service::close, err);
        err.println("dlg " + spec.name() + ": " + kind().managerName() + " listening on " + host + ":"
                + service.restPort() + " over " + subManagers);
        err.flush();
        service.awaitStop();
        return 0;
    }

    private List<NodeAddress> parseNodes() {
        List<NodeAddress> parsed = new ArrayList<>();
        for (String n : nodes) {
            if (n.isBlank()) {
                continue;
            }
            try {
                parsed.add(NodeAddress.parse(n, kind().subManagerPort()));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--nodes: " + e.getMessage());
            }
        }
        return parsed;
    }

    @CommandLine.Command(name = "dim", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
            description = {"Starts a DataIslandManager over the NodeManagers of --nodes: DALiuGE's REST API on --port.",
                    "Graphs are split by each drop's 'node' and run across the NodeManagers."})
    static final class DataIsland extends CompositeCommand {
        @Option(names = {"-P", "--port"}, defaultValue = "8001", paramLabel = "PORT",
                description = "REST port (default: ${DEFAULT-VALUE})")
        int port;

        @Override
        CompositeManager.Kind kind() {
            return CompositeManager.Kind.DATA_ISLAND;
        }

        @Override
        int port() {
            return port;
        }

        @Override
        String logName() {
            return "dlgDIM";
        }
    }

    @CommandLine.Command(name = "mm", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
            description = {"Starts a MasterManager over the DataIslandManagers of --nodes: DALiuGE's REST API on --port.",
                    "Graphs are split by each drop's 'island' (and 'node' for cross-island links)."})
    static final class Master extends CompositeCommand {
        @Option(names = {"-P", "--port"}, defaultValue = "8002", paramLabel = "PORT",
                description = "REST port (default: ${DEFAULT-VALUE})")
        int port;

        @Override
        CompositeManager.Kind kind() {
            return CompositeManager.Kind.MASTER;
        }

        @Override
        int port() {
            return port;
        }

        @Option(names = "--daemon-port", defaultValue = "9000", paramLabel = "PORT",
                description = "the port of the hosts' dlg daemon, which /api/managers/<host>/... calls (default: ${DEFAULT-VALUE})")
        int daemonPort;

        @Override
        int daemonPort() {
            return daemonPort;
        }

        @Override
        String logName() {
            return "dlgMM";
        }
    }
}
