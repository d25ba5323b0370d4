package dlg.manager.composite;

import dlg.core.error.GraphProblem;
import dlg.core.error.InvalidGraphException;
import dlg.core.error.InvalidRequestException;
import dlg.core.error.NoSessionException;
import dlg.core.error.SessionAlreadyExistsException;
import dlg.core.graph.ParsedGraph;
import dlg.core.graph.RawJson;
import dlg.manager.NodeAddress;
import dlg.manager.SessionIds;
import dlg.manager.client.Fanout;
import dlg.manager.client.RestDropManagerClient;
import dlg.manager.repro.CompositeRepro;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * DALiuGE's CompositeManager, at any level: a DataIslandManager over NodeManagers (graphs split by
 * {@code node}), a MasterManager over DataIslandManagers (split by {@code island}). It talks to
 * its sub-managers only through their REST API, every call to many of them in parallel
 * ({@link Fanout}: a failure anywhere is reported with every failed node, never hidden).
 *
 * <p>Deploying follows DALiuGE (spec 6.4): the cross-node links go to each NodeManager
 * ({@code /subscriptions}), then every sub-manager deploys, then the {@code completed} drops are
 * triggered on their own NodeManagers. A MasterManager sends subscriptions and triggers straight
 * to the NodeManagers named by the drops' {@code node}, as DALiuGE's does.
 *
 * <p>Thread-safe: sessions live in a concurrent map; each session's calls are serialised on it.
 */
public final class CompositeManager {

    private static final Logger log = LoggerFactory.getLogger(CompositeManager.class);

    /** The two levels DALiuGE has, by what they split graphs on. */
    public enum Kind {
        DATA_ISLAND("DataIslandManager", PartitionAttribute.NODE, NodeAddress.NM_PORT),
        MASTER("MasterManager", PartitionAttribute.ISLAND, NodeAddress.DIM_PORT);

        private final String managerName;
        private final PartitionAttribute attribute;
        private final int subManagerPort;

        Kind(String managerName, PartitionAttribute attribute, int subManagerPort) {
            this.managerName = managerName;
            this.attribute = attribute;
            this.subManagerPort = subManagerPort;
        }

        /** DALiuGE's class name, as the UI shows it. */
        public String managerName() {
            return managerName;
        }

        /** The default REST port of this manager's sub-managers. */
        public int subManagerPort() {
            return subManagerPort;
        }
    }

    private final Kind kind;
    private final List<NodeAddress> subManagers = new CopyOnWriteArrayList<>();
    private final Function<NodeAddress, RestDropManagerClient> clientFactory;
    private final ConcurrentMap<NodeAddress, RestDropManagerClient> clients = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, CompositeSession> sessions = new ConcurrentHashMap<>();
    private volatile java.nio.file.Path workspace; // where --dump_graphs writes, and past sessions are found

    /**
     * @param subManagers the {@code -N} list: NodeManagers of a DataIslandManager, islands of a MasterManager
     * @param clientFactory a REST client for a manager (its host and REST port)
     */
    public CompositeManager(Kind kind, List<NodeAddress> subManagers,
                            Function<NodeAddress, RestDropManagerClient> clientFactory) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.subManagers.addAll(subManagers);
        this.clientFactory = Objects.requireNonNull(clientFactory, "clientFactory");
    }

    public Kind kind() {
        return kind;
    }

    /**
     * Saves each appended graph as {@code <workspace>/<sessionId>/<sessionId>.graph} (DALiuGE's
     * {@code --dump_graphs}), which {@link #pastSessions()} then lists.
     */
    public void dumpGraphsTo(java.nio.file.Path workspace) {
        this.workspace = workspace;
    }

    /**
     * Sessions of earlier runs: directories of the workspace holding a dumped graph, minus the
     * current sessions (DALiuGE's {@code past_sessions}).
     */
    public List<String> pastSessions() {
        java.nio.file.Path ws = workspace;
        if (ws == null || !java.nio.file.Files.isDirectory(ws)) {
            return List.of();
        }
        try (var dirs = java.nio.file.Files.list(ws)) {
            return dirs.filter(d -> java.nio.file.Files.isRegularFile(d.resolve(d.getFileName() + ".graph")))
                    .map(d -> d.getFileName().toString()).filter(id -> !sessions.containsKey(id)).sorted().toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot list " + ws, e);
        }
    }

    private void dump(String sessionId, ParsedGraph graph) {
        java.nio.file.Path ws = workspace;
        if (ws == null) {
            return;
        }
        java.nio.file.Path file = ws.resolve(sessionId).resolve(sessionId + ".graph");
        try {
            java.nio.file.Files.createDirectories(file.getParent());
            try (var out = java.nio.file.Files.newOutputStream(file);
                 var g = new com.fasterxml.jackson.core.JsonFactory().createGenerator(out)) {
                g.writeStartArray();
                for (var d : graph.drops()) {
                    dlg.core.graph.GraphWriter.writeDrop(g, d);
                }
                g.writeEndArray();
            }
        } catch (java.io.IOException e) { // the graph still runs; only its copy is missing
            log.warn("session {}: cannot save the graph to {}: {}", sessionId, file, e.toString());
        }
    }

    /** The sub-managers, as their canonical 4-part node strings. */
    public List<NodeAddress> subManagers() {
        return List.copyOf(subManagers);
    }

    public void addSubManager(NodeAddress node) {
        if (!subManagers.contains(node)) {
            subManagers.add(node);
        }
    }

    /** @throws InvalidRequestException when {@code node} is not one of them */
    public void removeSubManager(NodeAddress node) {
        if (!subManagers.remove(node)) {
            throw new InvalidRequestException(node + " is not one of this manager's nodes " + subManagers);
        }
    }

    /**
     * A MasterManager's own list of NodeManagers ({@code POST /api/node/<node>} on a MasterManager,
     * as DALiuGE keeps it apart from its islands); shown with its islands' nodes.
     */
    private final List<NodeAddress> nodes = new CopyOnWriteArrayList<>();

    public List<NodeAddress> nodes() {
        return List.copyOf(nodes);
    }

    public void addNode(NodeAddress node) {
        if (!nodes.contains(node)) {
            nodes.add(node);
        }
    }

    /** @throws InvalidRequestException when {@code node} is not in the list */
    public void removeNode(NodeAddress node) {
        if (!nodes.remove(node)) {
            throw new InvalidRequestException(node + " is not one of this manager's nodes " + nodes);
        }
    }

    /** The REST client of a manager: a sub-manager, or (for a MasterManager) a NodeManager. */
    public RestDropManagerClient client(NodeAddress node) {
        return clients.computeIfAbsent(node, clientFactory);
    }

    // ---- Sessions ----

    /** Creates the session on every sub-manager (as DALiuGE does). */
    public void createSession(String sessionId) {
        try {
            SessionIds.check(sessionId);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(e.getMessage(), e);
        }
        CompositeSession session = new CompositeSession(sessionId, subManagers());
        if (sessions.putIfAbsent(sessionId, session) != null) {
            throw new SessionAlreadyExistsException(sessionId);
        }
        try {
            Fanout.run(targets(session.subManagers()), (n, c) -> c.createSession(sessionId));
        } catch (RuntimeException e) {
            sessions.remove(sessionId, session);
            Fanout.run(targets(session.subManagers()), (n, c) -> quietly(() -> c.destroySession(sessionId)));
            throw e;
        }
        try (var m = MDC.putCloseable("sessionId", sessionId)) {
            log.info("session {} created on {}", sessionId, session.subManagers());
        }
    }

    public CompositeSession session(String sessionId) {
        CompositeSession s = sessionId == null ? null : sessions.get(sessionId);
        if (s == null) {
            throw new NoSessionException(sessionId);
        }
        return s;
    }

    public List<CompositeSession> allSessions() {
        List<CompositeSession> all = new ArrayList<>(sessions.values());
        all.sort((a, b) -> Long.compare(a.createdAt(), b.createdAt()));
        return all;
    }

    public void destroySession(String sessionId) {
        CompositeSession s = session(sessionId);
        try {
            Fanout.run(targets(s.subManagers()), (n, c) -> c.destroySession(sessionId));
        } finally {
            sessions.remove(sessionId, s);
        }
    }

    /**
     * Splits the graph and appends each part to its sub-manager, in parallel. An invalid graph is
     * refused before anything is sent.
     */
    public void addGraphSpec(String sessionId, ParsedGraph graph) {
        CompositeSession s = session(sessionId);
        synchronized (s) {
            PartitionedGraph parts = GraphPartitioner.partition(graph, kind.attribute, s.subManagers());
            ParsedGraph signed = CompositeRepro.physicalGraph(graph); // as DALiuGE, before the split
            if (signed != graph) {
                parts = GraphPartitioner.partition(signed, kind.attribute, s.subManagers());
            }
            // a cycle through several nodes is invisible to each NodeManager (it would hang there):
            // the whole graph's links are checked here (classes and parameters by the NodeManagers)
            new dlg.core.graph.GraphSpec().append(graph, dlg.core.graph.SpecChecker.NONE);
            dump(sessionId, graph);
            Map<String, Partition> byNode = new LinkedHashMap<>();
            for (Partition p : parts.partitions()) {
                byNode.put(p.subManager().toString(), p);
            }
            Fanout.run(byNode, (n, p) -> client(p.subManager()).addGraphSpec(sessionId, p.graph()));
            s.appended(parts, signed.reproData());
        }
    }

    /**
     * Deploys as DALiuGE's composites do: subscriptions to each NodeManager with cross-node links,
     * deploy on every sub-manager, then the {@code completed} drops triggered on their own nodes.
     */
    public void deploySession(String sessionId, List<String> completedUids) {
        CompositeSession s = session(sessionId);
        synchronized (s) {
            List<PartitionedGraph> graphs = s.graphs();
            Map<NodeAddress, List<String>> triggers = groupByNode(graphs, completedUids); // all checked first
            Map<NodeAddress, Map<String, List<dlg.manager.DropRel>>> subscriptions = new LinkedHashMap<>();
            for (PartitionedGraph g : graphs) {
                g.subscriptions().forEach((nm, byOther) -> byOther.forEach((other, rels) -> subscriptions
                        .computeIfAbsent(nm, k -> new LinkedHashMap<>())
                        .computeIfAbsent(other, k -> new ArrayList<>()).addAll(rels)));
            }
            Fanout.run(byName(subscriptions), (n, rels) -> client(NodeAddress.parse(n)).addNodeSubscriptions(sessionId, rels));
            Fanout.run(targets(s.subManagers()), (n, c) -> c.deploySession(sessionId, List.of()));
            Fanout.run(byName(triggers), (n, uids) -> client(NodeAddress.parse(n)).trigger(sessionId, uids));
            s.deployed();
        }
        try (var m = MDC.putCloseable("sessionId", sessionId)) {
            log.info("session {} deployed on {}", sessionId, s.subManagers());
        }
    }

    /**
     * The {@code completed} uids by the NodeManager holding each, over every graph part appended.
     *
     * @throws InvalidGraphException naming each uid that is no drop of the session
     */
    private static Map<NodeAddress, List<String>> groupByNode(List<PartitionedGraph> graphs, List<String> uids) {
        Map<String, NodeAddress> found = new HashMap<>();
        Set<String> wanted = new HashSet<>(uids);
        for (PartitionedGraph g : graphs) {
            found.putAll(g.locate(wanted));
        }
        Map<NodeAddress, List<String>> byNode = new LinkedHashMap<>();
        List<GraphProblem> unknown = new ArrayList<>();
        for (String uid : uids) {
            NodeAddress node = found.get(uid);
            if (node == null) {
                unknown.add(new GraphProblem(uid, "is in 'completed' but no drop of the graph has this uid"));
            } else {
                byNode.computeIfAbsent(node, n -> new ArrayList<>()).add(uid);
            }
        }
        if (!unknown.isEmpty()) {
            throw new InvalidGraphException(unknown);
        }
        return byNode;
    }

    public void cancelSession(String sessionId) {
        CompositeSession s = session(sessionId);
        Fanout.run(targets(s.subManagers()), (n, c) -> c.cancelSession(sessionId));
    }

    /**
     * The session's status on each sub-manager, by node string: DALiuGE's {@code {node: status}}
     * (a MasterManager's values are its islands' maps). A sub-manager that cannot answer (down,
     * restarted without the session, stuck past the timeout) counts as FAILED (6), and the
     * session keeps why, naming the node ({@link CompositeSession#problems()}); the other nodes'
     * statuses are still reported.
     */
    public Map<String, Object> sessionStatus(String sessionId, java.util.function.Function<RawJson, Object> parse) {
        CompositeSession s = session(sessionId);
        Fanout.Settled<RawJson> replies = Fanout.settle(targets(s.subManagers()),
                (n, c) -> c.getRaw(sessionId, "/api/sessions/%s/status", sessionId));
        Map<String, Object> status = new LinkedHashMap<>();
        for (NodeAddress n : s.subManagers()) {
            String node = n.toString();
            RawJson reply = replies.results().get(node);
            if (reply != null) {
                status.put(node, parse.apply(reply));
            } else {
                status.put(node, dlg.core.state.SessionState.FAILED.code());
                if (s.problem(node, replies.failures().get(node).getMessage())) {
                    try (var m = MDC.putCloseable("sessionId", sessionId)) {
                        log.warn("session {}: node {} failed: {}", sessionId, node,
                                replies.failures().get(node).getMessage());
                    }
                }
            }
        }
        return status;
    }

    /**
     * Each sub-manager's answer to a GET on {@code path} (with {@code %s} the session id), by its
     * 4-part node string, fetched in parallel.
     */
    public Map<String, RawJson> fanoutGet(String sessionId, String path) {
        CompositeSession s = session(sessionId);
        return Fanout.call(targets(s.subManagers()), (n, c) -> c.getLargeRaw(sessionId, path, sessionId));
    }

    /**
     * The session's reproducibility status: true once every sub-manager's is (DALiuGE answers
     * 501 here; see {@link MergedRepro}).
     */
    public boolean reproStatus(String sessionId) {
        return MergedRepro.status(this, sessionId);
    }

    /** The session's reproducibility data over the whole graph ({@link MergedRepro}). */
    public Map<String, Object> reproData(String sessionId) {
        return MergedRepro.data(this, sessionId);
    }

    // ---- Helpers ----

    Map<String, RestDropManagerClient> targets(List<NodeAddress> nodes) {
        Map<String, RestDropManagerClient> t = new LinkedHashMap<>();
        for (NodeAddress n : nodes) {
            t.put(n.toString(), client(n));
        }
        return t;
    }

    private static <V> Map<String, V> byName(Map<NodeAddress, V> byNode) {
        Map<String, V> m = new LinkedHashMap<>();
        byNode.forEach((k, v) -> m.put(k.toString(), v));
        return m;
    }

    private static void quietly(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            log.debug("clean-up call failed: {}", e.toString());
        }
    }
}
