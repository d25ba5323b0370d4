package dlg.daemon;

import dlg.core.catalog.DropCatalog;
import dlg.core.graph.GraphReader;
import dlg.core.graph.ParsedGraph;
import dlg.core.runtime.Engine;
import dlg.core.runtime.ExecutionOptions;
import dlg.core.runtime.RemoteData;
import dlg.core.runtime.Workers;
import dlg.manager.DropRel;
import dlg.manager.NodeAddress;
import dlg.manager.Session;
import dlg.manager.auth.ClusterSecret;
import dlg.manager.composite.GraphPartitioner;
import dlg.manager.composite.PartitionAttribute;
import dlg.manager.composite.PartitionedGraph;
import dlg.manager.data.DataClient;
import dlg.manager.data.DataServer;
import dlg.manager.data.NodeManagerDrops;
import dlg.manager.events.EventPublisher;
import dlg.manager.events.EventSubscriber;
import dlg.manager.events.PeerListener;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.ZContext;

/**
 * Two nodes of the warm-up's own in this process, over which a NodeManager rehearses graphs whose
 * every link crosses nodes: what a session split over several NodeManagers runs at each crossing
 * (the publisher thread, ZeroMQ's I/O thread, the subscriber thread, the events' JSON, a remote
 * link settling a drop) and, for apps that read their input, the read from the other node's data
 * port. Each node has an engine of its own (its apps read remote inputs through its data client),
 * an event publisher and subscriber, and a data server serving its session's drops as a
 * NodeManager's does ({@link NodeManagerDrops#serve}).
 *
 * <p>Why: a fresh NodeManager's first cross-node sessions ran that code in C1's code while C2
 * compiled it, on the same two cores: C2 worked 1.2 to 1.5 CPU-s in each NodeManager during each
 * of the first five sessions. A DataIslandManager over two fresh NodeManagers ran {@code chain
 * 10000 --split alternate} in 2.8, 3.4 and 3.6 s with this rehearsal, against 4.0, 4.3 and 4.5 s
 * without, and with {@code --app copy} in 6.6 s against 8.5 s (README, G14; 2026-12-07).
 *
 * <p>Nothing of the manager is touched: the sessions are the rehearsal's (never listed, their
 * directory never made), and the sockets bind ephemeral ports of 127.0.0.1 that no other process
 * is told of. With the cluster's secret, events use CURVE and reads present the secret, as the
 * manager's do.
 */
final class CrossNodeRehearsal implements AutoCloseable {

    private static final int QUEUE = 4096;
    private static final Duration CONNECT = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(CrossNodeRehearsal.class);

    /** Its sessions' id: unlike any a user would choose, since the log lines of this id are kept quiet. */
    private final String session = "dlg-warm-up-" + UUID.randomUUID();
    private final Path scratch;
    private final List<Node> nodes = new ArrayList<>();
    private final RehearsalLogs logs;

    /**
     * One node of the pair: an engine of its own (its apps read their remote inputs through its
     * data client), event sockets, a data server, and its current session. Its address's REST
     * port is never dialled.
     */
    private static final class Node {
        final EventPublisher publisher;
        final EventSubscriber subscriber;
        final DataServer data;
        final DataClient client;
        final Engine engine;
        final NodeAddress address;
        volatile Session session;

        Node(ZContext zmq, ClusterSecret secret, int restPort, String sessionId, Function<RemoteData, Engine> engines) {
            List<AutoCloseable> made = new ArrayList<>();
            try {
                publisher = add(made, new EventPublisher(zmq, "127.0.0.1", 0, QUEUE,
                        EventPublisher.DEFAULT_HEARTBEAT_INTERVAL, secret));
                subscriber = add(made, new EventSubscriber(zmq, event -> {
                    Session s = session;
                    if (s != null && sessionId.equals(event.sessionId())) {
                        s.deliverRemote(event);
                    }
                }, EventSubscriber.DEFAULT_PEER_TIMEOUT, PeerListener.NONE, secret));
                data = add(made, DataServer.start("127.0.0.1", 0, (sid, uid) -> NodeManagerDrops.serve(session, sid, uid),
                        secret));
                client = add(made, new DataClient((sid, uid) -> {
                    Session s = session;
                    return s == null ? Optional.empty() : s.dataNodeOf(uid);
                }, CONNECT, CONNECT, secret));
                engine = add(made, engines.apply(client));
                address = new NodeAddress("127.0.0.1", restPort, publisher.port(), data.port());
            } catch (RuntimeException e) {
                closeAll(made.reversed());
                throw e;
            }
        }

        private static <T extends AutoCloseable> T add(List<AutoCloseable> made, T resource) {
            made.add(resource);
            return resource;
        }
    }

    /**
     * A pair whose engines have the standard drop classes and options.
     *
     * @param scratch the sessions' directory, named but never made (the graphs hold memory drops)
     * @param secret the cluster's, or null
     */
    CrossNodeRehearsal(ZContext zmq, Path scratch, ClusterSecret secret) {
        this(zmq, scratch, secret, client -> new Engine(DropCatalog.standard(), Workers.create(0), Clock.systemUTC(),
                ExecutionOptions.DEFAULT, System.getenv(), client));
    }

    /**
     * @param scratch the sessions' directory, named but never made (the graphs hold memory drops)
     * @param secret the cluster's, or null
     * @param engines makes each node's engine (which it closes), given the node's data client: a
     *     NodeManager's warm-up makes {@linkplain Engine#twin twins} of the manager's own
     */
    CrossNodeRehearsal(ZContext zmq, Path scratch, ClusterSecret secret, Function<RemoteData, Engine> engines) {
        this.scratch = scratch;
        this.logs = RehearsalLogs.install(session);
        try {
            for (int port = 1; port <= 2; port++) {
                Node n = new Node(zmq, secret, port, session, engines);
                nodes.add(n);
                logs.add(n.publisher.endpoint());
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The two nodes' strings, for a graph's {@code node} attributes. */
    String[] places() {
        return nodes.stream().map(n -> n.address.toString()).toArray(String[]::new);
    }

    /** Splits {@code graph} over the two nodes as a DataIslandManager would, deploys, runs and awaits it. */
    void run(byte[] graph) throws IOException {
        ParsedGraph g = GraphReader.read(new ByteArrayInputStream(graph), GraphReader.DEFAULT_MAX_STRING_LENGTH);
        List<NodeAddress> addresses = nodes.stream().map(n -> n.address).toList();
        PartitionedGraph split = GraphPartitioner.partition(g, PartitionAttribute.NODE, addresses);
        try {
            for (var part : split.partitions()) {
                Node n = node(part.subManager());
                Session s = new Session(session, scratch, n.engine, n.publisher);
                s.addGraphSpec(part.graph());
                n.session = s;
                subscribe(n, split.subscriptions().getOrDefault(n.address, Map.of()));
            }
            for (Node n : nodes) {
                if (n.session != null) {
                    n.session.deploy(List.of());
                }
            }
            split.roots().forEach((address, roots) -> node(address).session.trigger(roots));
            for (Node n : nodes) {
                if (n.session != null) { // a late one is stopped below
                    WarmUp.awaitFinished(n.session.ended(), "the made-up graph across nodes", () -> { });
                }
            }
        } finally {
            for (Node n : nodes) {
                Session s = n.session;
                n.session = null;
                if (s != null) {
                    s.stop();
                }
                n.publisher.forget(session);
            }
        }
    }

    /** How many events the two nodes have published (one per crossing of a link). */
    long published() {
        return nodes.stream().mapToLong(n -> n.publisher.published()).sum();
    }

    private Node node(NodeAddress address) {
        return nodes.stream().filter(n -> n.address.equals(address)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no node " + address + " in the rehearsal"));
    }

    /** The links to the other node, and its events subscribed to, as a NodeManager's {@code /subscriptions}. */
    private static void subscribe(Node n, Map<String, List<DropRel>> relations) throws IOException {
        Map<NodeAddress, List<DropRel>> byNode = new LinkedHashMap<>();
        relations.forEach((node, rels) -> byNode.put(NodeAddress.parse(node), rels));
        n.session.addSubscriptions(byNode);
        for (NodeAddress other : byNode.keySet()) {
            try {
                n.subscriber.subscribe(other.host(), other.eventsPort()).get(CONNECT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IOException("the rehearsal's events could not be subscribed to: " + e, e);
            }
        }
    }

    @Override
    public void close() {
        closeAll(nodes.stream().map(n -> (AutoCloseable) n.subscriber).toList()); // first: none sees a publisher go
        for (Node n : nodes) {
            closeAll(List.of(n.publisher, n.data, n.engine, n.client));
        }
        logs.close();
    }

    private static void closeAll(List<AutoCloseable> resources) {
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception e) {
                log.warn("the warm-up's cross-node rehearsal: cannot close {}: {}", r, e.toString());
            }
        }
    }
}
