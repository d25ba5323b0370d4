package dlg.daemon.proc;

import dlg.manager.NodeAddress;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DALiuGE's process daemon without its REST face: it starts at most one NodeManager, one
 * DataIslandManager and one MasterManager as its own child processes, tells where each listens
 * (read from the line the child prints when it serves), stops them (SIGTERM, then SIGKILL after the
 * stop timeout) on request and when it closes, and keeps a child that died by itself, with its exit
 * code, until it is started again. A {@link Listener} hears of each manager that serves and ends
 * (zeroconf announces them).
 *
 * <p>Thread-safe: the table of children is guarded by {@code this}; starting waits for the child
 * outside the lock, so the daemon answers status calls meanwhile.
 */
public final class ProcessDaemon implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProcessDaemon.class);

    /** How long {@code dlg daemon} gives a manager it starts to serve (a cold JVM on a busy node). */
    public static final Duration START_LIMIT = Duration.ofSeconds(90);

    /**
     * @param host the interface the managers listen on (DALiuGE's daemon: 0.0.0.0)
     * @param ephemeralPorts managers listen on ports the system picks instead of DALiuGE's defaults
     * @param verbosity {@code -v}/{@code -q} flags passed on to the managers
     * @param logDir where the managers log, and where their output goes ({@code dlgNM.out}...)
     * @param daemonPort this daemon's port, given to the MasterManager it starts ({@code --daemon-port}); asked
     *     when one starts, as the daemon may serve on an ephemeral port
     * @param startTimeout how long a manager may take to serve
     * @param stopTimeout how long a manager may take to exit after SIGTERM before it is killed
     * @param authTokenFile the cluster's secret, given to each manager ({@code --auth-token-file}: the
     *     file's name, never the token, goes on a command line, which {@code ps} shows to all); null for
     *     none (a secret in {@code $DLG_AUTH_TOKEN} reaches them with the environment they inherit)
     */
    public record Config(String host, boolean ephemeralPorts, List<String> verbosity, Path logDir, java.util.function.IntSupplier daemonPort,
                         Duration startTimeout, Duration stopTimeout, Path authTokenFile) {
        public Config {
            Objects.requireNonNull(host, "host");
            verbosity = List.copyOf(verbosity);
            Objects.requireNonNull(logDir, "logDir");
            Objects.requireNonNull(daemonPort, "daemonPort");
            Objects.requireNonNull(startTimeout, "startTimeout");
            Objects.requireNonNull(stopTimeout, "stopTimeout");
            authTokenFile = authTokenFile == null ? null : authTokenFile.toAbsolutePath();
        }

        /** Managers started without a token file. */
        public Config(String host, boolean ephemeralPorts, List<String> verbosity, Path logDir,
                      java.util.function.IntSupplier daemonPort, Duration startTimeout, Duration stopTimeout) {
            this(host, ephemeralPorts, verbosity, logDir, daemonPort, startTimeout, stopTimeout, null);
        }
    }

    /** A manager as the daemon knows it: where it listens while RUNNING, its exit code once it exited. */
    public record ManagerStatus(ManagerKind kind, ChildState state, long pid, NodeAddress address, Integer exitCode) {
        public boolean running() {
            return !state.isTerminal();
        }
    }

    /** Hears of managers that serve and end; called outside the daemon's lock, failures are logged. */
    public interface Listener {
        void started(ManagerKind kind, NodeAddress address);

        void ended(ManagerKind kind, NodeAddress address);

        Listener NONE = new Listener() {
            @Override
            public void started(ManagerKind kind, NodeAddress address) {
            }

            @Override
            public void ended(ManagerKind kind, NodeAddress address) {
            }
        };
    }

    private final Config config;
    private final ManagerLauncher launcher;
    private final Listener listener;
    private final Map<ManagerKind, Child> children = new EnumMap<>(ManagerKind.class); // guarded by this

    public ProcessDaemon(Config config, ManagerLauncher launcher, Listener listener) {
        this.config = Objects.requireNonNull(config, "config");
        this.launcher = Objects.requireNonNull(launcher, "launcher");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    // ---- Lifecycle of one manager ----

    /**
     * Starts a manager and waits until it serves.
     *
     * @param nodes a DataIslandManager's NodeManagers ({@code --nodes}), ignored for the others
     * @throws IllegalStateException if that manager already runs
     * @throws ManagerStartException if it exits or does not serve within the start timeout (it is then stopped)
     */
    public ManagerStatus start(ManagerKind kind, List<String> nodes) {
        Path output = config.logDir().resolve("dlg" + kind.acronym() + ".out");
        Child child;
        long offset;
        synchronized (this) {
            Child current = children.get(kind);
            if (current != null && !current.state().isTerminal()) {
                throw new IllegalStateException("The Drop Manager is already running: " + kind.managerName() + " (pid "
                        + current.pid() + ")");
            }
            List<String> args = arguments(kind, nodes);
            try {
                offset = Files.exists(output) ? Files.size(output) : 0;
                child = new Child(kind, launcher.start(args, output));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start dlg " + String.join(" ", args), e);
            }
            log.info("started {} (pid {}): dlg {}", kind.managerName(), child.pid(), String.join(" ", args));
            children.put(kind, child);
        }
        child.process().onExit().thenRun(() -> exited(child));
        NodeAddress address = awaitListening(child, output, offset);
        if (child.ready(address)) {
            notify(() -> listener.started(kind, address));
        }
        return status(child);
    }

    /**
     * Stops a manager: SIGTERM, then SIGKILL (it and what it started) after the stop timeout.
     *
     * @throws IllegalStateException if it does not run
     */
    public void stop(ManagerKind kind) {
        Child child;
        synchronized (this) {
            child = children.get(kind);
            if (child == null || !child.transitionTo(ChildState.STOPPING)) {
                throw new IllegalStateException("The Drop Manager is not running: " + kind.managerName());
            }
        }
        terminate(List.of(child));
    }

    /** Each manager the daemon started, by kind, as it is now (a dead one with its exit code). */
    public synchronized Map<ManagerKind, ManagerStatus> statuses() {
        Map<ManagerKind, ManagerStatus> all = new EnumMap<>(ManagerKind.class);
        children.forEach((kind, child) -> all.put(kind, status(child)));
        return all;
    }

    public Optional<ManagerStatus> status(ManagerKind kind) {
        return Optional.ofNullable(statuses().get(kind));
    }

    /** Stops every manager still running, all at once. */
    @Override
    public void close() {
        List<Child> running = new ArrayList<>();
        synchronized (this) {
            for (Child c : children.values()) {
                if (c.transitionTo(ChildState.STOPPING)) {
                    running.add(c);
                }
            }
        }
        terminate(running);
    }

    // ---- Internals ----

    private List<String> arguments(ManagerKind kind, List<String> nodes) {
        List<String> args = new ArrayList<>(List.of(kind.command(), "--host", config.host()));
        args.addAll(config.verbosity());
        args.addAll(List.of("-l", config.logDir().toString()));
        if (config.authTokenFile() != null) {
            args.addAll(List.of("--auth-token-file", config.authTokenFile().toString()));
        }
        if (config.ephemeralPorts()) {
            args.addAll(List.of("-P", "0"));
            if (kind == ManagerKind.NODE) {
                args.addAll(List.of("--event_port", "0", "--rpc_port", "0"));
            }
        }
        if (kind == ManagerKind.ISLAND && !nodes.isEmpty()) {
            args.addAll(List.of("--nodes", String.join(",", nodes)));
        }
        if (kind == ManagerKind.MASTER) {
            args.addAll(List.of("--daemon-port", Integer.toString(config.daemonPort().getAsInt())));
        }
        return args;
    }

    /** Reads the child's output from {@code offset} until it says where it listens. */
    private NodeAddress awaitListening(Child child, Path output, long offset) {
        long deadline = System.nanoTime() + config.startTimeout().toNanos();
        while (true) {
            String text = readFrom(output, offset);
            Optional<NodeAddress> address = Listening.find(text);
            if (address.isPresent()) {
                return address.get();
            }
            if (!child.process().isAlive()) {
                throw new ManagerStartException(child.kind().managerName() + " (pid " + child.pid() + ") exited with code "
                        + child.process().exitValue() + " before serving: " + tail(text));
            }
            if (System.nanoTime() > deadline) {
                log.warn("{} (pid {}) did not serve within {} s: stopping it", child.kind().managerName(), child.pid(),
                        config.startTimeout().toMillis() / 1000.0);
                if (child.transitionTo(ChildState.STOPPING)) {
                    terminate(List.of(child));
                }
                throw new ManagerStartException(child.kind().managerName() + " (pid " + child.pid()
                        + ") did not serve within " + config.startTimeout().toMillis() / 1000.0 + " s: " + tail(text));
            }
            try {
                child.process().onExit().get(50, TimeUnit.MILLISECONDS); // a pause that ends early if it exits
            } catch (TimeoutException | ExecutionException e) {
                // still running: read again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ManagerStartException("interrupted while " + child.kind().managerName() + " started");
            }
        }
    }

    private static String readFrom(Path output, long offset) {
        if (!Files.exists(output)) {
            return "";
        }
        try (RandomAccessFile f = new RandomAccessFile(output.toFile(), "r")) {
            long length = f.length() - offset;
            if (length <= 0) {
                return "";
            }
            byte[] bytes = new byte[(int) Math.min(length, 1 << 20)];
            f.seek(offset);
            f.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + output, e);
        }
    }

    private static String tail(String text) {
        String t = text.strip();
        return t.isEmpty() ? "(no output)" : t.substring(Math.max(0, t.length() - 2000));
    }

    private void exited(Child child) {
        ChildState end = child.exited();
        if (end == null) {
            return; // told already: by stop() or by the process's exit, whichever came first
        }
        if (end == ChildState.DIED) {
            log.warn("{} (pid {}) died with exit code {}; POST /managers/{}/start starts it again",
                    child.kind().managerName(), child.pid(), child.exitCode(), child.kind().routeName());
        }
        NodeAddress address = child.address();
        if (address != null) {
            notify(() -> listener.ended(child.kind(), address));
        }
    }

    private void terminate(List<Child> stopping) {
        stopping.forEach(c -> c.process().destroy());
        for (Child c : stopping) {
            try {
                if (!c.process().waitFor(config.stopTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                    log.warn("{} (pid {}) still runs {} s after SIGTERM: killing it", c.kind().managerName(), c.pid(),
                            config.stopTimeout().toMillis() / 1000.0);
                    c.process().descendants().forEach(ProcessHandle::destroyForcibly);
                    c.process().destroyForcibly().waitFor();
                }
                exited(c); // STOPPED before stop() returns
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                c.process().destroyForcibly();
            }
        }
    }

    private static void notify(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            log.warn("a listener of the daemon's managers failed", e);
        }
    }

    private static ManagerStatus status(Child child) {
        return new ManagerStatus(child.kind(), child.state(), child.pid(), child.address(), child.exitCode());
    }
}
