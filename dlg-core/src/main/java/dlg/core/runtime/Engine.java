package dlg.core.runtime;

import dlg.core.catalog.DropCatalog;
import dlg.core.graph.GraphReader;
import dlg.core.graph.GraphSpec;
import dlg.core.graph.ParsedGraph;
import dlg.core.graph.SpecChecker;
import dlg.core.python.PythonWorkers;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntPredicate;

/**
 * What executions share in one process: the drop classes, the worker threads, the clock. A
 * NodeManager has one engine for all its sessions; {@code dlg run} makes one for its graph.
 */
public final class Engine implements AutoCloseable {

    private final DropCatalog catalog;
    private final Workers workers;
    private final Clock clock;
    private final ExecutionOptions options;
    private final Map<String, String> environment;
    private final RemoteData remoteData;
    private final AppTimings appTimings;
    private PythonWorkers python;
    private boolean closed;

    /** An engine that runs whole graphs: the data of drops on other nodes is not readable. */
    public Engine(DropCatalog catalog, Workers workers, Clock clock, ExecutionOptions options,
                  Map<String, String> environment) {
        this(catalog, workers, clock, options, environment, RemoteData.REFUSING);
    }

    /**
     * @param remoteData reads, for every execution of this engine, the inputs that local apps
     *     have on other nodes (a NodeManager's data client)
     */
    public Engine(DropCatalog catalog, Workers workers, Clock clock, ExecutionOptions options,
                  Map<String, String> environment, RemoteData remoteData) {
        this(catalog, workers, clock, options, environment, remoteData, AppTimings.NONE);
    }

    /** @param appTimings told how long each app ran (a NodeManager's metrics) */
    public Engine(DropCatalog catalog, Workers workers, Clock clock, ExecutionOptions options,
                  Map<String, String> environment, RemoteData remoteData, AppTimings appTimings) {
        this.appTimings = Objects.requireNonNull(appTimings, "appTimings");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.workers = Objects.requireNonNull(workers, "workers");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.options = Objects.requireNonNull(options, "options");
        this.environment = Map.copyOf(environment);
        this.remoteData = Objects.requireNonNull(remoteData, "remoteData");
    }

    /**
     * An engine like this one (its drop classes, clock, options and environment) on other workers,
     * reading remote inputs through {@code remoteData} and telling {@code appTimings}: what a
     * rehearsal runs its made-up graphs in, so that the code it compiles has seen the objects of
     * the real engine's kinds, and is not thrown away at the first real session (a call the JIT
     * found to reach only one class is compiled for that class alone).
     */
    public Engine twin(Workers workers, RemoteData remoteData, AppTimings appTimings) {
        return new Engine(catalog, workers, clock, options, environment, remoteData, appTimings);
    }

    /** The standard catalog, {@code maxThreads} CPU workers (0: one per core), the system clock. */
    public static Engine create(int maxThreads) {
        return new Engine(DropCatalog.standard(), Workers.create(maxThreads), Clock.systemUTC(),
                ExecutionOptions.DEFAULT, System.getenv());
    }

    /**
     * Creates the drops of {@code graph} and wires them; nothing runs until {@link Execution#trigger}.
     *
     * @throws dlg.core.error.InvalidGraphException naming every drop that could not be created
     *     (a missing file that must exist, a bad {@code filepath}, ...)
     */
    public Execution deploy(String sessionId, Path sessionDir, GraphSpec graph, DropListener listener) {
        return deploy(sessionId, sessionDir, graph, listener, List.of());
    }

    /**
     * Deploys this node's part of a graph whose other parts run on other nodes: {@code remoteLinks}
     * are the links the part lost when the graph was split (duplicates are ignored). The events of
     * the remote drops then come in through {@link Execution#deliverRemote}.
     *
     * @throws dlg.core.error.InvalidGraphException also naming every link whose local uid is not
     *     in {@code graph} or is the wrong kind of drop, and every remote uid that is in it
     */
    public Execution deploy(String sessionId, Path sessionDir, GraphSpec graph, DropListener listener,
                            List<RemoteLink> remoteLinks) {
        Objects.requireNonNull(remoteLinks, "remoteLinks");
        return new Execution(this, sessionId, sessionDir, graph, listener, remoteLinks, null);
    }

    /**
     * As {@link #deploy(String, Path, GraphSpec, DropListener, List)}, with the data drops (by
     * index in {@code graph}) whose content is hashed when they settle, for reproducibility
     * ({@link Execution#contentHash}).
     */
    public Execution deploy(String sessionId, Path sessionDir, GraphSpec graph, DropListener listener,
                            List<RemoteLink> remoteLinks, IntPredicate hashContent) {
        Objects.requireNonNull(remoteLinks, "remoteLinks");
        Objects.requireNonNull(hashContent, "hashContent");
        return new Execution(this, sessionId, sessionDir, graph, listener, remoteLinks, hashContent);
    }

    public DropCatalog catalog() {
        return catalog;
    }

    /**
     * What to check of each drop of a graph part appended to a session in {@code sessionDir}: the
     * catalog's checks and, with {@link ExecutionOptions#confinePaths()}, that every file drop's
     * path is inside {@code sessionDir}, so that a graph is refused before anything runs. One
     * checker per append (it remembers directories it resolved).
     */
    public SpecChecker checker(Path sessionDir) {
        return options.confinePaths() ? ConfinedPaths.checker(catalog, sessionDir, environment)
                : catalog.forOneAppend();
    }

    Workers workers() {
        return workers;
    }

    /**
     * Reads a graph document (see {@link GraphReader}), a large one parsed in chunks by this
     * engine's compute workers while the caller reads the next chunk; does not close {@code in}.
     * On every core. A manager's JIT compiler runs at the lowest priority, and before managers
     * rehearsed their append path at start, parsing on every core of a fresh process kept it from
     * compiling the parser ({@code wide 1000000} took 5.8 s to append on both of 2 cores, 2.4 to
     * 2.9 s on one); the rehearsal now compiles it first, and both cores append that graph in 2.3
     * to 3.2 s against 2.9 to 4.0 s on one (2026-12-07, 4 runs each, alternated).
     */
    public ParsedGraph readGraph(InputStream in, int maxStringLength) throws IOException {
        return GraphReader.read(in, maxStringLength, workers.compute(), workers.parallelism());
    }

    /** The clock that stamps drop events and application start and end times. */
    public Clock clock() {
        return clock;
    }

    ExecutionOptions options() {
        return options;
    }

    AppTimings appTimings() {
        return appTimings;
    }

    /** Reads the data of drops on other nodes. */
    RemoteData remoteData() {
        return remoteData;
    }

    /** Environment for {@code $VARS} in file paths (child processes inherit the JVM's own). */
    public Map<String, String> environment() {
        return environment;
    }

    /**
     * The Python workers of this engine's Python components: made on first use, with as many
     * calls at once as {@link Workers#parallelism()}, the interpreter {@code DLG_PYTHON} of
     * {@link #environment()} (default {@code python3}); killed when the engine closes.
     */
    public synchronized PythonWorkers python() {
        if (closed) {
            throw new IllegalStateException("the engine is closed");
        }
        if (python == null) {
            python = PythonWorkers.fromEnvironment(environment, workers.parallelism());
        }
        return python;
    }

    @Override
    public void close() {
        PythonWorkers p;
        synchronized (this) {
            closed = true;
            p = python;
        }
        if (p != null) {
            p.close();
        }
        workers.close();
    }
}
