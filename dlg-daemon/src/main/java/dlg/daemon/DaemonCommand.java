package dlg.daemon;

import ch.qos.logback.classic.Level;
import dlg.daemon.proc.DaemonServer;
import dlg.daemon.proc.JvmLauncher;
import dlg.daemon.proc.ManagerKind;
import dlg.daemon.proc.ProcessDaemon;
import dlg.daemon.zeroconf.JmdnsDiscovery;
import dlg.daemon.zeroconf.Zeroconf;
import dlg.manager.auth.Access;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dlg daemon}: DALiuGE's process daemon (spec section 7). */
@Command(name = "daemon", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Starts the DALiuGE daemon: a REST API on --port that starts and stops",
                "this host's managers as its own processes (POST /managers/<node|island|master>/",
                "start|stop, GET /managers); a MasterManager's /api/managers/<host>/... routes",
                "call it. With zeroconf (on unless --no-zeroconf) the NodeManager and",
                "DataIslandManager it starts are announced (_NodeManager._tcp.local.,",
                "_DIM._tcp.local.), and the MasterManager it starts is given every NodeManager",
                "and island found. SIGINT or SIGTERM (dlg daemon -s) stops its managers, each",
                "within --timeout seconds (then it is killed), then the daemon. With the",
                "cluster's secret (--auth-token-file or $DLG_AUTH_TOKEN) its REST API demands",
                "it, and the managers it starts are given it (the file's name, never the",
                "token, on their command line) and demand it too."})
final class DaemonCommand implements Callable<Integer> {

    @Option(names = "--nm", description = "start a NodeManager at launch")
    boolean nm;

    @Option(names = "--dim", description = "start a DataIslandManager at launch (over the NodeManager of --nm, if given)")
    boolean dim;

    @Option(names = "--mm", description = "start a MasterManager at launch (with --dim: zeroconf off, as DALiuGE)")
    boolean mm;

    @Option(names = {"-H", "--host"}, defaultValue = "0.0.0.0", paramLabel = "HOST",
            description = "interface the daemon and its managers listen on (default: ${DEFAULT-VALUE}; DALiuGE"
                    + " ignores this option and always uses 0.0.0.0)")
    String host;

    @Option(names = {"-P", "--port"}, defaultValue = "9000", paramLabel = "PORT",
            description = "the daemon's REST port; 0: one the system picks (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--no-zeroconf", description = "announce nothing and discover nothing")
    boolean noZeroconf;

    @Option(names = "--zeroconf-address", paramLabel = "IP",
            description = "the interface address zeroconf announces on (default: --host, or for 0.0.0.0 this host's"
                    + " first IPv4 address that is not a loopback one)")
    String zeroconfAddress;

    @Option(names = "--ephemeral-ports",
            description = "managers listen on ports the system picks (reported by GET /managers/<kind> and"
                    + " announced), not on DALiuGE's 8000 (events 5555, data 6666), 8001 and 8002: for several"
                    + " daemons on one host")
    boolean ephemeralPorts;

    @Option(names = {"-l", "--log-dir"}, paramLabel = "DIR",
            description = "the managers' log directory, where their output goes too (default: $DLG_ROOT/logs)")
    Path logDir;

    @Option(names = {"-v", "--verbose"}, description = "more log output (repeat for more), passed on to the managers")
    boolean[] verbose = {};

    @Option(names = {"-q", "--quiet"}, description = "less log output, passed on to the managers")
    boolean[] quiet = {};

    @CommandLine.Mixin
    LifecycleOptions lifecycle = new LifecycleOptions();

    @CommandLine.Mixin
    AccessOptions access = new AccessOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        CommandLine cl = spec.commandLine();
        if (verbose.length > 0 && quiet.length > 0) {
            throw new CommandLine.ParameterException(cl, "-v and -q cannot be specified together");
        }
        if (port < 0 || port > 65535) {
            throw new CommandLine.ParameterException(cl, "--port out of range: " + port);
        }
        if (access.tlsCert != null || access.tlsKey != null || access.tlsCa != null) {
            throw new CommandLine.ParameterException(cl, "--tls-cert, --tls-key and --tls-ca: dlg daemon serves plain"
                    + " HTTP only (give them to the managers' own command lines)");
        }
        Access gate = access.access(cl);
        Path logs = (logDir != null ? logDir : RunCommand.dlgRoot().resolve("logs")).toAbsolutePath();
        var done = lifecycle.act(cl, "Daemon", host, port, logs);
        if (done.isPresent()) {
            return done.getAsInt();
        }
        Logging.configure(verbose.length, quiet.length, Level.INFO);
        PrintWriter err = cl.getErr();
        boolean zeroconf = !noZeroconf && !(mm && dim);

        Zeroconf zc = null;
        if (zeroconf) {
            try {
                zc = Zeroconf.overRest(JmdnsDiscovery.on(zeroconfAddress()), hostName(), Duration.ofSeconds(10),
                        gate.secret());
            } catch (IOException e) {
                err.println("dlg daemon: cannot start zeroconf: " + e.getMessage() + " (--zeroconf-address chooses the"
                        + " interface, --no-zeroconf turns it off)");
                return 1;
            }
        }
        AtomicInteger servedOn = new AtomicInteger(port);
        var config = new ProcessDaemon.Config(host, ephemeralPorts, verbosity(), logs, servedOn::get, ProcessDaemon.START_LIMIT,
                Duration.ofMillis(Math.round(lifecycle.timeout * 1000)), access.secret.tokenFile);
        ProcessDaemon daemon = new ProcessDaemon(config, JvmLauncher.ofThisProcess(),
                zc != null ? zc : ProcessDaemon.Listener.NONE);
        final Zeroconf announcer = zc;
        DaemonServer server;
        try {
            server = DaemonServer.start(daemon, host, port, gate);
        } catch (RuntimeException e) {
            err.println("dlg daemon: cannot listen on " + host + ":" + port + ": " + e.getMessage());
            if (announcer != null) {
                announcer.close();
            }
            return 1;
        }
        servedOn.set(server.port());
        CountDownLatch stopped = new CountDownLatch(1);
        Runnable stop = () -> {
            server.close();
            if (announcer != null) {
                announcer.close();
            }
            daemon.close();
            stopped.countDown();
        };
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "dlg-daemon-signal"));
        err.println("dlg daemon: listening on " + host + ":" + server.port() + (zeroconf ? ", zeroconf on" : ", zeroconf off")
                + (gate.guarded() ? ", demanding the cluster's secret" : ""));
        err.flush();
        try {
            startAtLaunch(daemon);
        } catch (RuntimeException e) {
            err.println("dlg daemon: " + e.getMessage());
            err.flush();
            System.exit(1); // the shutdown hook stops what did start
        }
        stopped.await();
        return 0;
    }

    /** DALiuGE's order: MasterManager, NodeManager, then the island over that NodeManager. */
    private void startAtLaunch(ProcessDaemon daemon) {
        if (mm) {
            daemon.start(ManagerKind.MASTER, List.of());
        }
        String node = null;
        if (nm) {
            node = daemon.start(ManagerKind.NODE, List.of()).address().toString();
        }
        if (dim) {
            daemon.start(ManagerKind.ISLAND, node == null ? List.of() : List.of(node));
        }
    }

    private List<String> verbosity() {
        List<String> flags = new ArrayList<>();
        if (verbose.length > 0) {
            flags.add("-" + "v".repeat(verbose.length));
        } else if (quiet.length > 0) {
            flags.add("-" + "q".repeat(quiet.length));
        }
        return flags;
    }

    private InetAddress zeroconfAddress() throws IOException {
        if (zeroconfAddress != null) {
            return InetAddress.getByName(zeroconfAddress);
        }
        if (!"0.0.0.0".equals(host)) {
            return InetAddress.getByName("localhost".equals(host) ? "127.0.0.1" : host);
        }
        return firstNonLoopbackIpv4();
    }

    /** DALiuGE's choice: the first IPv4 address not in 127/8; loopback if there is none. */
    static InetAddress firstNonLoopbackIpv4() throws SocketException {
        for (NetworkInterface i : NetworkInterface.networkInterfaces().toList()) {
            if (!i.isUp()) {
                continue;
            }
            for (InetAddress a : i.inetAddresses().toList()) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress()) {
                    return a;
                }
            }
        }
        return InetAddress.getLoopbackAddress();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
