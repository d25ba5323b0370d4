package dlg.manager.service;
import dlg.manager.NodeAddress;
import dlg.manager.NodeManager;
import dlg.manager.Session;
import dlg.manager.history.HistorySettings;
import dlg.manager.history.HistoryTarget;
import dlg.manager.history.SessionHistory;
import dlg.manager.history.SessionRecorder;
import dlg.manager.rest.HistoryApi;
import java.util.concurrent.CompletableFuture;
import dlg.manager.auth.Access;

import dlg.core.catalog.DropCatalog;
import dlg.core.runtime.Engine;
import dlg.core.runtime.ExecutionOptions;
import dlg.core.runtime.Workers;
import dlg.manager.data.DataClient;
import dlg.manager.data.DataServer;
import dlg.manager.data.NodeManagerDrops;
import dlg.manager.metrics.AppDurations;
import dlg.manager.metrics.Metrics;
import dlg.manager.metrics.NodeMetrics;
import dlg.manager.rest.ManagerServer;
import dlg.manager.rest.NodeManagerApi;
import dlg.manager.rest.RequestLimits;
import dlg.manager.events.EventPublisher;
import dlg.manager.events.EventSubscriber;
import dlg.manager.events.PeerListener;
import dlg.manager.logs.SessionLogs;
import io.javalin.config.RoutesConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.zeromq.ZContext;

/**
 * A whole NodeManager process minus its command line: the engine, the sessions, the REST server,
 * the event publisher and subscriber, the data server and client (drops read across nodes).
 * {@code dlg nm} starts one; tests start them on ephemeral ports.
 */
public final class NodeManagerService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NodeManagerService.class);

    /**
     * @param host REST (and events) interface: {@code localhost}, {@code 0.0.0.0}, an address
     * @param restPort 0 for an ephemeral port
     * @param eventPort where drop events are published (ZeroMQ PUB), 0 for an ephemeral port
     * @param rpcPort where other NodeManagers read this node's drops ({@link DataServer}), 0 for an ephemeral port
     * @param dlgRoot DALiuGE's {@code DLG_ROOT}: sessions go to {@code workspace/<id>} under it
     * @param maxRequestSize bytes a JSON request may have ({@code graph/append} has no limit)
     * @param maxThreads CPU workers for apps, 0 for one per core
     * @param options how sessions run: data released after use (off: {@code --no-dlm}), file paths
     *     confined to the session directory ({@code --confine-paths})
     * @param apps where users' own app classes are loaded from
     * @param maxStringSize characters a JSON string of a graph may have
     * @param maxSubscriptionsSize bytes a {@code /subscriptions} body may have
     * @param peerTimeout how long another NodeManager whose events this one subscribes to may
     *     be silent (heartbeats unanswered, connection down) before it is declared lost and what
     *     waits for its drops fails ({@code --peer-timeout}); at least 100 ms
     * @param access the cluster's secret, which every port then demands, and HTTPS's certificate
     * @param history where past sessions are kept ({@link HistorySettings#OFF} unless given)
     */
    public record Config(String host, int restPort, int eventPort, int rpcPort, Path dlgRoot, long maxRequestSize,
                         int maxThreads, ExecutionOptions options, ClassLoader apps, Map<String, String> environment,
                         int maxStringSize, long maxSubscriptionsSize, Duration peerTimeout, Access access,
                         HistorySettings history) {
        public Config {
            Objects.requireNonNull(access, "access");
            Objects.requireNonNull(history, "history");
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(peerTimeout, "peerTimeout");
            if (peerTimeout.compareTo(Duration.ofMillis(100)) < 0) {
                throw new IllegalArgumentException("the peer timeout must be at least 100 ms: " + peerTimeout);
            }
            Objects.requireNonNull(dlgRoot, "dlgRoot");
            Objects.requireNonNull(options, "options");
            Objects.requireNonNull(apps, "apps");
            environment = Map.copyOf(environment);
            new RequestLimits(maxRequestSize, maxStringSize, maxSubscriptionsSize); // checks them
        }

        /** Without a history. */
        public Config(String host, int restPort, int eventPort, int rpcPort, Path dlgRoot, long maxRequestSize,
                      int maxThreads, ExecutionOptions options, ClassLoader apps, Map<String, String> environment,
                      int maxStringSize, long maxSubscriptionsSize, Duration peerTimeout, Access access) {
            this(host, restPort, eventPort, rpcPort, dlgRoot, maxRequestSize, maxThreads, options, apps, environment,
                    maxStringSize, maxSubscriptionsSize, peerTimeout, access, HistorySettings.OFF);
        }

        /** Open to all (no secret, plain HTTP). */
        public Config(String host, int restPort, int eventPort, int rpcPort, Path dlgRoot, long maxRequestSize,
                      int maxThreads, ExecutionOptions options, ClassLoader apps, Map<String, String> environment,
                      int maxStringSize, long maxSubscriptionsSize, Duration peerTimeout) {
            this(host, restPort, eventPort, rpcPort, dlgRoot, maxRequestSize, maxThreads, options, apps, environment,
                    maxStringSize, maxSubscriptionsSize, peerTimeout, Access.OPEN);
        }

        /** With the default peer timeout. */
        public Config(String host, int restPort, int eventPort, int rpcPort, Path dlgRoot, long maxRequestSize,
                      int maxThreads, ExecutionOptions options, ClassLoader apps, Map<String, String> environment,
                      int maxStringSize, long maxSubscriptionsSize) {
            this(host, restPort, eventPort, rpcPort, dlgRoot, maxRequestSize, maxThreads, options, apps, environment,
                    maxStringSize, maxSubscriptionsSize, EventSubscriber.DEFAULT_PEER_TIMEOUT);
        }

        /** With the default string and subscription limits and peer timeout. */
        public Config(String host, int restPort, int eventPort, int rpcPort, Path dlgRoot, long maxRequestSize,
                      int maxThreads, ExecutionOptions options, ClassLoader apps, Map<String, String> environment) {
            this(host, restPort, eventPort, rpcPort, dlgRoot, maxRequestSize, maxThreads, options, apps, environment,
                    RequestLimits.DEFAULTS.maxStringSize(), RequestLimits.DEFAULTS.maxSubscriptionsSize());
        }

        /** Loopback, ephemeral port, 10 MB requests, one worker per core: for tests. */
        public static Config local(Path dlgRoot) {
            return new Config("localhost", 0, 0, 0, dlgRoot, 10L << 20, 0, ExecutionOptions.DEFAULT,
                    NodeManagerService.class.getClassLoader(), System.getenv());
        }

        /** This configuration with other execution options. */
        public Config withOptions(ExecutionOptions o) {
            return new Config(host, restPort, eventPort, rpcPort, dlgRoot, maxRequestSize, maxThreads, o, apps,
                    environment, maxStringSize, maxSubscriptionsSize, peerTimeout, access, history);
        }

        /** This configuration with another peer timeout. */
        public Config withPeerTimeout(Duration t) {
            return new Config(host, restPort, eventPort, rpcPort, dlgRoot, maxRequestSize, maxThreads, options, apps,
                    environment, maxStringSize, maxSubscriptionsSize, t, access, history);
        }

        /** This configuration with another access (secret, HTTPS). */
        public Config withAccess(Access a) {
            return new Config(host, restPort, eventPort, rpcPort, dlgRoot, maxRequestSize, maxThreads, options, apps,
                    environment, maxStringSize, maxSubscriptionsSize, peerTimeout, a, history);
        }

        /** This configuration with another history. */
        public Config withHistory(HistorySettings h) {
            return new Config(host, restPort, eventPort, rpcPort, dlgRoot, maxRequestSize, maxThreads, options, apps,
                    environment, maxStringSize, maxSubscriptionsSize, peerTimeout, access, h);
        }

        RequestLimits limits() {
            return new RequestLimits(maxRequestSize, maxStringSize, maxSubscriptionsSize);
        }
    }

    /** How long another node may take to accept a data connection, and to send the next bytes. */
    private static final Duration DATA_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration DATA_READ_TIMEOUT = Duration.ofSeconds(60);

    /** Events waiting for the publisher thread: enough to ride out a burst, small enough to bound memory. */
    private static final int EVENT_QUEUE = 65_536;

    private final ZContext zmq = ProcessZContext.get();
    private final EventPublisher publisher;
    private final EventSubscriber subscriber;
    private final Engine engine;
    private final SessionLogs logs;
    private final NodeManager nm;
    private final DataServer data;
    private final DataClient dataClient;
    private final ManagerServer server;
    private final Metrics metrics = new Metrics();
    private final SessionHistory history;
    private final StopOnce stop = new StopOnce();

    private NodeManagerService(Config config, Function<NodeManager, List<Consumer<RoutesConfig>>> pages) {
        publisher = new EventPublisher(zmq, config.host(), config.eventPort(), EVENT_QUEUE,
                heartbeatInterval(config.peerTimeout()), config.access().secret());
        // the subscriber and the data client serve the manager that is made last
        NodeManager[] self = new NodeManager[1];
        dataClient = new DataClient((sid, uid) -> self[0].dataNodeOf(sid, uid), DATA_CONNECT_TIMEOUT,
                DATA_READ_TIMEOUT, config.access().secret());
        engine = new Engine(DropCatalog.standard(config.apps()), Workers.create(config.maxThreads()),
                Clock.systemUTC(), config.options(), config.environment(), dataClient,
                new AppDurations(metrics));
        logs = SessionLogs.install(Level.INFO);
        subscriber = new EventSubscriber(zmq, event -> self[0].deliverRemote(event), config.peerTimeout(),
                new PeerListener() {
                    @Override
                    public void peerLost(String host, int eventPort, String reason) {
                        self[0].peerLost(host, eventPort, reason);
                        int cut = dataClient.abort(host, eventPort, reason); // closing sockets does not block
                        if (cut > 0) {
                            log.warn("{} reads of data from the node with events on {}:{} cut", cut, host, eventPort);
                        }
                    }

                    @Override
                    public void peerBack(String host, int eventPort) {
                        log.info("node with events on {}:{} answers again: new sessions can use it", host, eventPort);
                    }
                }, config.access().secret());
        CompletableFuture<HistoryTarget> historyTarget = new CompletableFuture<>(); // known once the server listens
        history = config.history().open(historyTarget, Clock.systemUTC());
        nm = new NodeManager(engine, config.dlgRoot().resolve("workspace"), publisher,
                subscriber::subscribe, logs, new SessionRecorder(history));
        self[0] = nm;
        DataServer dataServer = null;
        ManagerServer started;
        try {
            dataServer = DataServer.start(config.host(), config.rpcPort(), new NodeManagerDrops(nm),
                    config.access().secret());
            NodeMetrics nodeMetrics = new NodeMetrics(nm, publisher, dataServer, dataClient);
            metrics.bind(nodeMetrics);
            List<Consumer<RoutesConfig>> routes = new ArrayList<>();
            routes.add(metrics::routes);
            routes.add(nodeMetrics::routes);
            routes.add(new NodeManagerApi(nm, config.limits(), this::close)::routes);
            routes.add(new HistoryApi(history, () -> nm.allSessions().stream().map(Session::id).toList(), List::of)::routes);
            routes.addAll(pages.apply(nm));
            started = ManagerServer.start(config.host(), config.restPort(), config.access(), routes);
        } catch (RuntimeException e) {
            if (dataServer != null) {
                dataServer.close();
            }
            engine.close();
            logs.uninstall();
            subscriber.close();
            publisher.close();
            metrics.close();
            history.close();
            throw e;
        }
        data = dataServer;
        server = started;
        if (config.history().enabled()) {
            historyTarget.complete(config.history().target(config.dlgRoot(), "nm", config.host(), server.port()));
        }
        log.info("NodeManager ready on {}:{} (events on port {}, data on port {}, peers lost after {} s of silence),"
                + " workspace {}{}", config.host(), server.port(), publisher.port(), data.port(),
                config.peerTimeout().toMillis() / 1000.0, nm.workspace(),
                config.options().confinePaths() ? ", file paths confined to session directories" : "");
    }

    /**
     * A fifth of this node's peer timeout, at most the default second: peers with the default
     * timeout may miss four heartbeats in a row, and a short timeout (tests) gets beats to match.
     */
    static Duration heartbeatInterval(Duration peerTimeout) {
        Duration fifth = peerTimeout.dividedBy(5);
        return fifth.compareTo(EventPublisher.DEFAULT_HEARTBEAT_INTERVAL) < 0 ? fifth : EventPublisher.DEFAULT_HEARTBEAT_INTERVAL;
    }

    public static NodeManagerService start(Config config) {
        return new NodeManagerService(config, nm -> List.of());
    }

    /** @param pages more routes: the web UI's pages */
    public static NodeManagerService start(Config config, List<Consumer<RoutesConfig>> pages) {
        List<Consumer<RoutesConfig>> copy = List.copyOf(pages);
        return new NodeManagerService(config, nm -> copy);
    }

    /** @param pages more routes made for the manager once it exists: the web UI's pages and their API */
    public static NodeManagerService start(Config config, Function<NodeManager, List<Consumer<RoutesConfig>>> pages) {
        Objects.requireNonNull(pages, "pages");
        return new NodeManagerService(config, pages);
    }

    public int restPort() {
        return server.port();
    }

    /** Every route its REST server serves ({@link ManagerServer#routes()}). */
    public List<String> routes() {
        return server.routes();
    }

    /** The port drop events are published on. */
    public int eventPort() {
        return publisher.port();
    }

    /** Subscriptions to this node's drop events taken in so far ({@link EventPublisher#joins()}). */
    public long eventJoins() {
        return publisher.joins();
    }

    /** The port other NodeManagers read this node's drops from (DALiuGE's RPC port). */
    public int rpcPort() {
        return data.port();
    }

    /** This NodeManager's node string on loopback ({@code 127.0.0.1:rest:events:rpc}), as a graph's {@code node} names it. */
    public NodeAddress nodeAddress() {
        return new NodeAddress("127.0.0.1", restPort(), eventPort(), rpcPort());
    }

    public NodeManager nodeManager() {
        return nm;
    }

    /** Blocks until {@link #close()} has run (from {@code POST /api/stop} or a signal). */
    public void awaitStop() throws InterruptedException {
        stop.await();
    }

    /** Cancels running sessions (killing their processes), stops serving, frees the workers. */
    @Override
    public void close() {
        stop.run(() -> {
            nm.close();
            server.close();
            data.close();
            engine.close();
            dataClient.close(); // after the engine: no app reads any more
            logs.uninstall();
            subscriber.close();
            publisher.close(); // after the engine: the last events of cancelled drops go out
            metrics.close();
            history.close(); // last: the sessions cancelled above are written
            log.info("NodeManager stopped");
        });
    }
}
