package dlg.daemon;

import ch.qos.logback.classic.Level;
import dlg.manager.service.NodeManagerService;
import dlg.web.WebUi;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dlg nm}: a NodeManager with DALiuGE's options (spec section 8). */
@Command(name = "nm", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Starts a NodeManager: DALiuGE's REST API on --port, drop events on --event_port,",
                "drop data for other NodeManagers on --rpc_port.",
                "Sessions run in $DLG_ROOT/workspace/<session id> (DLG_ROOT defaults to ~/dlg).",
                "SIGINT or SIGTERM (or POST /api/stop) cancels running sessions and stops."})
final class NodeManagerCommand implements Callable<Integer> {

    @Option(names = {"-H", "--host"}, defaultValue = "localhost", paramLabel = "HOST", description = "interface to listen on (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = {"-P", "--port"}, defaultValue = "8000", paramLabel = "PORT", description = "REST port (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--event_port", defaultValue = "5555", paramLabel = "PORT", description = "ZeroMQ drop-event port (default: ${DEFAULT-VALUE})")
    int eventPort;

    @Option(names = "--rpc_port", defaultValue = "6666", paramLabel = "PORT",
            description = "port other NodeManagers read this node's drops from (default: ${DEFAULT-VALUE})")
    int rpcPort;

    @Option(names = {"-m", "--max-request-size"}, defaultValue = "10", paramLabel = "MB",
            description = "largest JSON or form request in MB, once decompressed; graph/append has no limit, and lists"
                    + " of a session's drops may also hold each of its uids (default: ${DEFAULT-VALUE})")
    int maxRequestMb;

    @Option(names = "--max-subscriptions-size", defaultValue = "256", paramLabel = "MB",
            description = "largest /subscriptions request in MB: a DataIslandManager sends there every link it cut"
                    + " between this node's drops and other nodes' (default: ${DEFAULT-VALUE})")
    int maxSubscriptionsMb;

    @CommandLine.Mixin
    StringLimitOption strings = new StringLimitOption();

    @Option(names = "--no-dlm", description = "keep every drop's data until its session is destroyed")
    boolean noDlm;

    @Option(names = "--dlm-check-period", defaultValue = "10", paramLabel = "S",
            description = "accepted for compatibility: dlg releases a drop's data as soon as its last consumer finished")
    double dlmCheckPeriod;

    @Option(names = "--dlm-cleanup-period", defaultValue = "30", paramLabel = "S",
            description = "accepted for compatibility (see --dlm-check-period)")
    double dlmCleanupPeriod;

    @Option(names = "--peer-timeout", defaultValue = "10", paramLabel = "S",
            description = "seconds another NodeManager this one takes drop events from may be silent (its heartbeats"
                    + " unanswered, or its connection down) before it is declared lost: what waits for its drops fails"
                    + " naming it and the session ends FAILED (default: ${DEFAULT-VALUE})")
    double peerTimeout;

    @Option(names = {"-l", "--log-dir"}, paramLabel = "DIR", description = "log directory (default: $DLG_ROOT/logs)")
    Path logDir;

    @CommandLine.Mixin
    EngineOptions engine = new EngineOptions();

    @CommandLine.Mixin
    LifecycleOptions lifecycle = new LifecycleOptions();

    @CommandLine.Mixin
    AccessOptions access = new AccessOptions();

    @CommandLine.Mixin
    HistoryOptions history = new HistoryOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        checkOptions();
        var reach = access.access(spec.commandLine());
        var past = history.settings(spec.commandLine());
        CompilerThreads.lowerPriorityInBackground();
        Path root = RunCommand.dlgRoot().toAbsolutePath();
        Path logs = logDir != null ? logDir : root.resolve("logs");
        var done = lifecycle.act(spec.commandLine(), "NM", host, port, logs);
        if (done.isPresent()) {
            return done.getAsInt();
        }
        engine.configureLogging(Level.INFO);
        Logging.toFile(logs.resolve("dlgNM." + shortHostName() + ".log"));
        ClassLoader apps = engine.appClassLoader(root);
        var config = new NodeManagerService.Config(host, port, eventPort, rpcPort, root, (long) maxRequestMb << 20, engine.maxThreads,
                engine.executionOptions(!noDlm), apps, engine.environment(), strings.maxStringLength(spec.commandLine()),
                (long) maxSubscriptionsMb << 20, Duration.ofMillis(Math.round(peerTimeout * 1000)), reach)
                .withHistory(past);
        PrintWriter err = spec.commandLine().getErr();
        NodeManagerService nm;
        try {
            nm = NodeManagerService.start(config, WebUi::forNodeManager);
        } catch (RuntimeException e) {
            err.println("dlg nm: cannot start: " + e.getMessage());
            return 1;
        }
        WarmUp.start(nm.nodeManager(), config.access().secret(), SelfRequests.Target.of(host, nm.restPort(), config.access()));
        Thread onSignal = new Thread(nm::close, "dlg-nm-signal");
        Runtime.getRuntime().addShutdownHook(onSignal);
        LifecycleOptions.stopWithDaemon(nm::close, err);
        err.println("dlg nm: NodeManager listening on " + host + ":" + nm.restPort() + " (events on port "
                + nm.eventPort() + ", data on port " + nm.rpcPort() + "), sessions in " + nm.nodeManager().workspace());
        err.flush();
        nm.awaitStop();
        return 0;
    }

    private void checkOptions() {
        engine.check(spec.commandLine());
        if (maxRequestMb <= 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--max-request-size must be at least 1 (MB): " + maxRequestMb);
        }
        if (maxSubscriptionsMb <= 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--max-subscriptions-size must be at least 1 (MB): " + maxSubscriptionsMb);
        }
        strings.maxStringLength(spec.commandLine());
        if (!(peerTimeout >= 0.1 && peerTimeout <= 86_400)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--peer-timeout must be between 0.1 and 86400 (seconds): " + peerTimeout);
        }
        for (int p : new int[] {port, eventPort, rpcPort}) {
            if (p < 0 || p > 65535) {
                throw new CommandLine.ParameterException(spec.commandLine(), "port out of range: " + p);
            }
        }
    }

    static String shortHostName() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            int dot = name.indexOf('.');
            return dot > 0 ? name.substring(0, dot) : name;
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }
}
