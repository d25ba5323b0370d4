package dlg.daemon;

import ch.qos.logback.classic.Level;
import dlg.core.catalog.DropCatalog;
import dlg.core.error.GraphProblem;
import dlg.core.error.InvalidGraphException;
import dlg.core.graph.ParsedGraph;
import dlg.core.runtime.DropListener;
import dlg.core.runtime.Engine;
import dlg.core.runtime.ExecutionOptions;
import dlg.core.runtime.Workers;
import dlg.core.state.SessionState;
import dlg.manager.Session;
import dlg.manager.SessionIds;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dlg run GRAPH}: loads a physical graph, runs it in this process, reports how it went. */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Runs a physical graph in this process.",
            "Exit status: 0 if the session FINISHED, 1 if it FAILED (or was cancelled), 2 if the graph is invalid."})
final class RunCommand implements Callable<Integer> {

    static final int FINISHED = 0;
    static final int FAILED = 1;
    static final int INVALID = 2;

    @Parameters(index = "0", paramLabel = "GRAPH", description = "physical graph (JSON list of drop specs); - reads stdin")
    String graphFile;

    @Option(names = "--roots", defaultValue = "auto", paramLabel = "auto|UID[,UID...]",
            description = "drops to complete or run first: 'auto' (drops nothing feeds) or a list of uids; default ${DEFAULT-VALUE}")
    String roots;

    @Option(names = "--workdir", paramLabel = "DIR",
            description = "session directory (default: $DLG_ROOT/workspace/<session id>, DLG_ROOT defaults to ~/dlg)")
    Path workdir;

    @Option(names = "--session-id", paramLabel = "ID", description = "default: <graph name>-<date and time>")
    String sessionId;

    @Option(names = "--no-progress", description = "no live progress line, even on a terminal")
    boolean noProgress;

    @Option(names = "--report-memory",
            description = "after deploying, collect garbage and report the heap used per drop (slows the run)")
    boolean reportMemory;

    @CommandLine.Mixin
    EngineOptions engine = new EngineOptions();

    @CommandLine.Mixin
    StringLimitOption strings = new StringLimitOption();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        engine.configureLogging(Level.WARN);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        checkOptions();
        long t0 = System.nanoTime();
        ParsedGraph parsed = GraphFiles.readOrReport(graphFile, strings.maxStringLength(spec.commandLine()), err, "dlg run");
        if (parsed == null) {
            return INVALID;
        }
        String id = sessionId != null ? sessionId : GraphFiles.defaultSessionId(graphFile);
        Path dir;
        try {
            dir = workdir != null ? workdir : dlgRoot().resolve("workspace").resolve(id);
            Files.createDirectories(dir);
        } catch (IOException | IllegalArgumentException e) {
            err.println("dlg run: cannot create the session directory: " + e.getMessage());
            return FAILED;
        }
        ClassLoader apps = this.engine.appClassLoader(dlgRoot());
        try (Engine engine = new Engine(DropCatalog.standard(apps), Workers.create(this.engine.maxThreads), Clock.systemUTC(),
                this.engine.executionOptions(ExecutionOptions.DEFAULT.releaseData()), this.engine.environment())) {
            Session session = new Session(id, dir.toAbsolutePath(), engine, DropListener.NONE);
            try {
                session.addGraphSpec(parsed);
            } catch (InvalidGraphException e) {
                return invalid(err, e);
            }
            boolean auto = "auto".equals(roots);
            List<String> rootUids = auto ? session.graph().roots() : explicitRoots();
            List<GraphProblem> unknownRoots = auto ? List.of() // the graph's own: no need to look each up
                    : rootUids.stream().filter(uid -> session.graph().indexOfUid(uid) < 0)
                    .map(uid -> new GraphProblem(uid, "is in --roots but no drop of the graph has this uid")).toList();
            if (!unknownRoots.isEmpty()) { // before deploying: --report-memory deploys without roots
                return invalid(err, new InvalidGraphException(unknownRoots));
            }
            long t1 = System.nanoTime();
            Thread cancelOnExit = new Thread(() -> cancelQuietly(session), "dlg-run-interrupted");
            Runtime.getRuntime().addShutdownHook(cancelOnExit);
            try (Progress progress = new Progress(session, err, !noProgress && Progress.isTerminal())) {
                progress.start();
                long t2;
                try {
                    if (reportMemory) {
                        session.deploy(List.of());
                        reportHeap(out, session.graph().size());
                        session.trigger(rootUids);
                    } else {
                        session.deploy(rootUids);
                    }
                    t2 = System.nanoTime();
                } catch (InvalidGraphException e) {
                    progress.close();
                    if (session.state() == SessionState.FAILED) {
                        err.println("dlg run: session " + id + " FAILED while deploying:");
                        GraphFiles.problems(err, e);
                        return FAILED;
                    }
                    return invalid(err, e);
                }
                SessionState end = awaitEnd(session);
                long t3 = System.nanoTime();
                progress.close();
                new Summary(out, session).print(end, t0, t1, t2, t3);
                return end == SessionState.FINISHED ? FINISHED : FAILED;
            } finally {
                removeHook(cancelOnExit);
            }
        }
    }

    /** Option values picocli cannot check by their type alone: usage errors, exit status 2. */
    private void checkOptions() {
        engine.check(spec.commandLine());
        strings.maxStringLength(spec.commandLine());
        if (!"auto".equals(roots) && explicitRoots().isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--roots needs 'auto' or at least one uid: '" + roots + "'");
        }
        if (sessionId != null) {
            try {
                SessionIds.check(sessionId); // before any directory is made from it
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--session-id: " + e.getMessage());
            }
        }
    }

    private List<String> explicitRoots() {
        return Arrays.stream(roots.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    static Path dlgRoot() {
        String root = System.getenv("DLG_ROOT");
        return root != null && !root.isBlank() ? Path.of(root) : Path.of(System.getProperty("user.home"), "dlg");
    }

    private int invalid(PrintWriter err, InvalidGraphException e) {
        err.println("dlg run: invalid graph " + graphFile + ":");
        GraphFiles.problems(err, e);
        return INVALID;
    }

    private static SessionState awaitEnd(Session session) throws InterruptedException {
        try {
            return session.ended().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("session ended abnormally", e.getCause());
        }
    }

    private static void reportHeap(PrintWriter out, int drops) {
        var memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        long used = memory.getHeapMemoryUsage().getUsed();
        out.printf("heap after deploy: %.1f MB for %d drops, %d bytes per drop%n",
                used / 1e6, drops, drops == 0 ? 0 : used / drops);
        out.flush();
    }

    private static void cancelQuietly(Session session) {
        if (session.state() == SessionState.RUNNING || session.state() == SessionState.DEPLOYING) {
            try {
                session.cancel();
            } catch (RuntimeException e) {
                // exiting anyway
            }
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down (Ctrl-C): the hook is running
        }
    }
}
