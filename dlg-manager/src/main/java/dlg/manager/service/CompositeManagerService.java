package dlg.manager.service;
import dlg.manager.composite.CompositeManager;

import dlg.manager.NodeAddress;
import dlg.manager.auth.Access;
import dlg.manager.auth.TlsContexts;
import dlg.manager.composite.CompositeSession;
import dlg.manager.history.CompositeRecorder;
import dlg.manager.history.HistorySettings;
import dlg.manager.history.HistoryTarget;
import dlg.manager.history.SessionHistory;
import dlg.manager.rest.HistoryApi;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import dlg.manager.client.RestDropManagerClient;
import dlg.manager.metrics.CompositeMetrics;
import dlg.manager.metrics.Metrics;
import dlg.manager.rest.CompositeManagerApi;
import dlg.manager.rest.RequestLimits;
import dlg.manager.rest.ManagerServer;
import io.javalin.config.RoutesConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A whole DataIslandManager or MasterManager process minus its command line: the composite
 * manager and its REST server. {@code dlg dim} and {@code dlg mm} start one; tests start them on
 * ephemeral ports.
 */
public final class CompositeManagerService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CompositeManagerService.class);
    /** DALiuGE's {@code dlg daemon} port. */
    public static final int DAEMON_PORT = 9000;

    /**
     * @param subManagers the {@code -N} list
     * @param checkTimeout how long a sub-manager may take to accept a connection (DALiuGE's
     *     {@code --dmCheckTimeout}), and to answer a call whose work does not grow with the graph
     *     (create, status, list, a drop's status, the UI's views...): see {@link #shortCallLimit}.
     *     Past it a call fails with RestClientException naming the node, and questions about
     *     state are answered with what the other nodes said
     * @param graphTimeout how long a sub-manager may take to answer a call whose work grows with
     *     the graph (append, deploy, subscriptions, trigger, cancel, destroy, the whole graph, its
     *     status, the reproducibility data)
     * @param daemonPort where a MasterManager reaches hosts' {@code dlg daemon} (DALiuGE: 9000)
     * @param dumpGraphs the workspace where each appended graph is saved ({@code --dump_graphs}), or null
     * @param maxStringSize characters a JSON string of a graph may have
     * @param access the cluster's secret (demanded of callers, sent to sub-managers and daemons)
     *     and HTTPS's certificate
     * @param history where past sessions are kept ({@link HistorySettings#OFF} unless given)
     * @param dlgRoot DALiuGE's {@code DLG_ROOT}, where the embedded history goes (null without one)
     */
    public record Config(CompositeManager.Kind kind, String host, int restPort, List<NodeAddress> subManagers,
                         long maxRequestSize, Duration checkTimeout, Duration graphTimeout, int daemonPort,
                         java.nio.file.Path dumpGraphs, int maxStringSize, Access access, HistorySettings history,
                         java.nio.file.Path dlgRoot) {
        public Config {
            Objects.requireNonNull(access, "access");
            Objects.requireNonNull(history, "history");
            if (history.enabled() && history.jdbcUrl() == null) {
                Objects.requireNonNull(dlgRoot, "dlgRoot (where the embedded history goes)");
            }
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(host, "host");
            subManagers = List.copyOf(subManagers);
            limits(maxRequestSize, maxStringSize); // checks them (a DIM or MM has no /subscriptions)
        }

        /** Without a history. */
        public Config(CompositeManager.Kind kind, String host, int restPort, List<NodeAddress> subManagers,
                      long maxRequestSize, Duration checkTimeout, Duration graphTimeout, int daemonPort,
                      java.nio.file.Path dumpGraphs, int maxStringSize, Access access) {
            this(kind, host, restPort, subManagers, maxRequestSize, checkTimeout, graphTimeout, daemonPort, dumpGraphs,
                    maxStringSize, access, HistorySettings.OFF, null);
        }

        /** Open to all (no secret, plain HTTP). */
        public Config(CompositeManager.Kind kind, String host, int restPort, List<NodeAddress> subManagers,
                      long maxRequestSize, Duration checkTimeout, Duration graphTimeout, int daemonPort,
                      java.nio.file.Path dumpGraphs, int maxStringSize) {
            this(kind, host, restPort, subManagers, maxRequestSize, checkTimeout, graphTimeout, daemonPort, dumpGraphs,
                    maxStringSize, Access.OPEN);
        }

        /** With the default string limit. */
        public Config(CompositeManager.Kind kind, String host, int restPort, List<NodeAddress> subManagers,
                      long maxRequestSize, Duration checkTimeout, Duration graphTimeout, int daemonPort,
                      java.nio.file.Path dumpGraphs) {
            this(kind, host, restPort, subManagers, maxRequestSize, checkTimeout, graphTimeout, daemonPort, dumpGraphs,
                    RequestLimits.DEFAULTS.maxStringSize());
        }

        RequestLimits limits() {
            return limits(maxRequestSize, maxStringSize);
        }

        private static RequestLimits limits(long maxRequestSize, int maxStringSize) {
            return new RequestLimits(maxRequestSize, maxStringSize, RequestLimits.DEFAULTS.maxSubscriptionsSize());
        }

        /** Loopback, ephemeral port, DALiuGE's 10 s check timeout: for tests. */
        public static Config local(CompositeManager.Kind kind, List<NodeAddress> subManagers) {
            return new Config(kind, "localhost", 0, subManagers, 10L << 20, Duration.ofSeconds(10),
                    RestDropManagerClient.Options.DEFAULTS.graphTimeout(), DAEMON_PORT, null);
        }

        /** With another {@code checkTimeout}. */
        public Config withCheckTimeout(Duration checkTimeout) {
            return new Config(kind, host, restPort, subManagers, maxRequestSize, checkTimeout, graphTimeout, daemonPort,
                    dumpGraphs, maxStringSize, access, history, dlgRoot);
        }

        /** With another access (secret, HTTPS). */
        public Config withAccess(Access a) {
            return new Config(kind, host, restPort, subManagers, maxRequestSize, checkTimeout, graphTimeout, daemonPort,
                    dumpGraphs, maxStringSize, a, history, dlgRoot);
        }

        /** With another history, kept under {@code root} if embedded. */
        public Config withHistory(HistorySettings h, java.nio.file.Path root) {
            return new Config(kind, host, restPort, subManagers, maxRequestSize, checkTimeout, graphTimeout, daemonPort,
                    dumpGraphs, maxStringSize, access, h, root);
        }

        /**
         * How long a call whose work does not grow with the graph may wait for its answer: the
         * check timeout for a DataIslandManager; twice it for a MasterManager, whose islands may
         * themselves wait that long for a NodeManager (and then answer, naming it).
         */
        public Duration shortCallLimit() {
            return kind == CompositeManager.Kind.MASTER ? checkTimeout.multipliedBy(2) : checkTimeout;
        }
    }

    private final CompositeManager cm;
    private final ManagerServer server;
    private final Metrics metrics = new Metrics();
    private final SessionHistory history;
    /** The heartbeat's one thread (its calls run on threads of their own). */
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("dlg-heartbeat").daemon().factory());
    private final StopOnce stop = new StopOnce();
    /**
     * Parse the chunks of large appended graphs (threads made when needed, gone when idle), on
     * every core, as a NodeManager's (see Engine#readGraph).
     */
    private final ForkJoinPool parsers = parsePool(Runtime.getRuntime().availableProcessors());

    private CompositeManagerService(Config config, Function<CompositeManager, List<Consumer<RoutesConfig>>> pages) {
        // HTTPS to its sub-managers when it serves HTTPS itself or has --tls-ca (Access#https)
        var http = RestDropManagerClient.httpClient(config.checkTimeout(), TlsContexts.forClients(config.access()));
        var options = new RestDropManagerClient.Options(config.shortCallLimit(), config.graphTimeout(), false,
                config.access().https());
        cm = new CompositeManager(config.kind(), config.subManagers(),
                node -> new RestDropManagerClient(http, node.host(), node.restPort(), options, config.access().secret()));
        // a node silent for the check timeout is down (an island, for the time it may wait on its nodes)
        cm.watchHealth(config.shortCallLimit(), heartbeat);
        if (config.dumpGraphs() != null) {
            cm.dumpGraphsTo(config.dumpGraphs());
        }
        CompositeMetrics own = new CompositeMetrics(cm);
        metrics.bind(own);
        CompletableFuture<HistoryTarget> historyTarget = new CompletableFuture<>(); // known once the server listens
        history = config.history().open(historyTarget, Clock.systemUTC());
        cm.watchSessions(new CompositeRecorder(history, cm, Clock.systemUTC()));
        List<Consumer<RoutesConfig>> routes = new ArrayList<>();
        routes.add(metrics::routes);
        routes.add(own::routes);
        routes.add(new CompositeManagerApi(cm, config.limits(), config.daemonPort(), this::close,
                config.access(), parsers, parsers.getParallelism())::routes);
        routes.add(new HistoryApi(history, () -> cm.allSessions().stream().map(CompositeSession::id).toList(),
                cm::pastSessions, HistoryApi.subManagerRecords(cm))::routes);
        routes.addAll(pages.apply(cm));
        try {
            server = ManagerServer.start(config.host(), config.restPort(), config.access(), routes);
        } catch (RuntimeException e) { // a port taken, a bad PEM file: nothing may keep running
            heartbeat.shutdownNow();
            parsers.shutdownNow();
            history.close();
            throw e;
        }
        if (config.history().enabled()) {
            historyTarget.complete(config.history().target(config.dlgRoot(),
                    config.kind() == CompositeManager.Kind.MASTER ? "mm" : "dim", config.host(), server.port()));
        }
        log.info("{} ready on {}:{} over {}", config.kind().managerName(), config.host(), server.port(),
                config.subManagers());
    }

    private static ForkJoinPool parsePool(int parallelism) {
        return new ForkJoinPool(parallelism, pool -> {
            var t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            t.setName("dlg-parse-" + t.getPoolIndex());
            return t;
        }, null, true);
    }

    public static CompositeManagerService start(Config config) {
        return new CompositeManagerService(config, cm -> List.of());
    }

    public static CompositeManagerService start(Config config, List<Consumer<RoutesConfig>> pages) {
        List<Consumer<RoutesConfig>> copy = List.copyOf(pages);
        return new CompositeManagerService(config, cm -> copy);
    }

    /** @param pages more routes made for the manager once it exists: the web UI's pages and their API */
    public static CompositeManagerService start(Config config,
                                                Function<CompositeManager, List<Consumer<RoutesConfig>>> pages) {
        Objects.requireNonNull(pages, "pages");
        return new CompositeManagerService(config, pages);
    }

    public int restPort() {
        return server.port();
    }

    /** Every route its REST server serves ({@link ManagerServer#routes()}). */
    public List<String> routes() {
        return server.routes();
    }

    public CompositeManager manager() {
        return cm;
    }

    /** Blocks until {@link #close()} has run (from {@code POST /api/stop} or a signal). */
    public void awaitStop() throws InterruptedException {
        stop.await();
    }

    /** Stops serving; the sub-managers and their sessions are left running. */
    @Override
    public void close() {
        stop.run(() -> {
            heartbeat.shutdownNow();
            parsers.shutdownNow();
            server.close();
            metrics.close();
            history.close();
            log.info("{} stopped", cm.kind().managerName());
        });
    }
}
