package dlg.daemon;

import dlg.core.graph.GraphReader;
import dlg.core.graph.ParsedGraph;
import dlg.core.runtime.Engine;
import dlg.core.state.SessionState;
import dlg.manager.DropRel;
import dlg.manager.NodeAddress;
import dlg.manager.Session;
import dlg.manager.auth.ClusterSecret;
import dlg.manager.composite.GraphPartitioner;
import dlg.manager.composite.PartitionAttribute;
import dlg.manager.composite.PartitionedGraph;
import dlg.manager.events.EventPublisher;
import dlg.manager.events.EventSubscriber;
import dlg.manager.events.PeerListener;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.zeromq.ZContext;

/**
 * Two nodes of the warm-up's own in this process, each with an event publisher and subscriber on
 * loopback, over which a NodeManager rehearses a graph whose every link crosses nodes: what a
 * session split over several NodeManagers runs at each crossing (the publisher thread, ZeroMQ's
 * I/O thread, the subscriber thread, the events' JSON, a remote link settling a drop).
 *
 * <p>Why: a fresh NodeManager's first cross-node sessions ran that code in C1's code while C2
 * compiled it, on the same two cores: C2 worked 1.2 to 1.5 CPU-s in each NodeManager during each
 * of the first five sessions. A DataIslandManager over two fresh NodeManagers ran {@code chain
 * 10000 --split alternate} in 2.8 and 3.4 s with this rehearsal, against 4.0 and 4.3 s without
 * (README, G14; medians of 4, two sittings, 2026-12-07).
 *
 * <p>Nothing of the manager is touched: the sessions are the rehearsal's (never listed, their
 * directory never made), run by the warm-up's engine, and the publishers bind ephemeral ports of
 * 127.0.0.1 that no other process is told of. With the cluster's secret, the sockets use CURVE as
 * the manager's do.
 */
final class CrossNodeRehearsal implements AutoCloseable {

    private static final int QUEUE = 4096;
    private static final Duration CONNECT = Duration.ofSeconds(30);

    /** Its sessions' id: unlike any a user would choose, since the log lines of this id are kept quiet. */
    private final String session = "dlg-warm-up-" + UUID.randomUUID();
    private final Engine engine;
    private final Path scratch;
    private final List<Node> nodes = new ArrayList<>();
    private final RehearsalLogs logs;

    /** One node of the pair: its address (only the events port is real), sockets and current session. */
    private static final class Node {
        final NodeAddress address;
        final EventPublisher publisher;
        final EventSubscriber subscriber;
        volatile Session session;

        /** @param port stands for the REST and data ports, never dialled: the graphs read no remote data */
        Node(ZContext zmq, ClusterSecret secret, int port, String sessionId) {
            publisher = new EventPublisher(zmq, "127.0.0.1", 0, QUEUE, EventPublisher.DEFAULT_HEARTBEAT_INTERVAL, secret);
            address = new NodeAddress("127.0.0.1", port, publisher.port(), port);
            try {
                subscriber = new EventSubscriber(zmq, event -> {
                    Session s = session;
                    if (s != null && sessionId.equals(event.sessionId())) {
                        s.deliverRemote(event);
                    }
                }, EventSubscriber.DEFAULT_PEER_TIMEOUT, PeerListener.NONE, secret);
            } catch (RuntimeException e) {
                publisher.close();
                throw e;
            }
        }

    }

    /**
     * @param scratch the sessions' directory, named but never made (the graphs hold memory drops)
     * @param secret the cluster's, or null
     */
    CrossNodeRehearsal(ZContext zmq, Engine engine, Path scratch, ClusterSecret secret) {
        this.engine = engine;
        this.scratch = scratch;
        this.logs = RehearsalLogs.install(session);
        try {
            for (int i = 1; i <= 2; i++) {
                Node n = new Node(zmq, secret, i, session);
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
                Session s = new Session(session, scratch, engine, n.publisher);
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
                if (n.session != null) {
                    await(n.session);
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

    private static void await(Session s) throws IOException {
        SessionState end;
        try {
            end = s.ended().get(WarmUp.RUN_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("the made-up graph across nodes did not finish within "
                    + WarmUp.RUN_LIMIT.toSeconds() + " s", e);
        }
        if (end != SessionState.FINISHED) {
            throw new IOException("the made-up graph across nodes ended " + end);
        }
    }

    @Override
    public void close() {
        nodes.forEach(n -> n.subscriber.close()); // first: no subscriber then sees a publisher go
        nodes.forEach(n -> n.publisher.close());
        logs.close();
    }
}
