package dlg.manager.composite;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dlg.core.error.DlgException;
import dlg.core.error.GraphProblem;
import dlg.core.error.InvalidGraphException;
import dlg.core.error.InvalidRequestException;
import dlg.core.error.NoDropException;
import dlg.core.error.NoSessionException;
import dlg.core.error.RestClientException;
import dlg.core.error.SessionAlreadyExistsException;
import dlg.core.error.SubManagerException;
import dlg.core.graph.GraphSpec;
import dlg.core.graph.GraphWriter;
import dlg.core.graph.ParsedGraph;
import dlg.core.graph.RawJson;
import dlg.core.graph.SpecChecker;
import dlg.core.state.SessionState;
import dlg.manager.DropData;
import dlg.manager.DropRel;
import dlg.manager.NodeAddress;
import dlg.manager.SessionIds;
import dlg.manager.SubManager;
import dlg.manager.SubManager.Query;
import dlg.manager.client.Fanout;
import dlg.manager.repro.CompositeRepro;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
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
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * DALiuGE's CompositeManager, at any level: a DataIslandManager over NodeManagers (graphs split by
 * {@code node}), a MasterManager over DataIslandManagers (split by {@code island}). It is the only
 * class that talks to its sub-managers, each through the {@link SubManager} role (REST in a
 * process, a fake in tests): the REST API and the web UI ask it, never them. It picks the nodes a
 * call goes to, and calls many of them in parallel ({@link Fanout}: a failure anywhere is
 * reported with every failed node, never hidden). Each call is bounded in time by the
 * sub-manager's client, so a node that hangs costs its callers at most that bound; questions
 * about the state of things are answered with what the other nodes said and the hung one named.
 *
 * <p>A heartbeat ({@link #watchHealth}) asks every sub-manager its sessions every third of the
 * check timeout: a node silent for the whole timeout is down. A session whose part on it was
 * running is then FAILED on that node, naming it ({@link CompositeSession#lost()}); its views
 * show that node's part as last known, its unfinished drops as lost. A node's part that has
 * ended is remembered (its status, its answers since), and no longer asked about once the node
 * is down. A node that answers again is up for new sessions.
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

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** As the client writes a part (non-finite floats stay numbers), leaving the sink open for the next. */
    private static final JsonFactory REHEARSAL_JSON = JsonFactory.builder()
            .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS).disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

    private final Kind kind;
    private final List<NodeAddress> subManagers = new CopyOnWriteArrayList<>();
    private final SubManagers clients;
    private final ConcurrentMap<String, CompositeSession> sessions = new ConcurrentHashMap<>();
    private final GraphDumps dumps = new GraphDumps();
    private final NodeWatch watch;
    private volatile Watcher watcher = Watcher.NONE;

    /**
     * Told when a session is deployed and when the composite learns that it ended on every
     * sub-manager (from a status it was asked for: DALiuGE's clients and the UI poll it), on the
     * caller's thread: an implementation only hands the session over (the session history).
     */
    public interface Watcher {
        Watcher NONE = new Watcher() {
        };

        default void deployed(CompositeSession s) {
        }

        /** @param status the session's status by sub-manager, as {@code GET /api/sessions/{sid}/status} answers */
        default void ended(CompositeSession s, Map<String, Object> status) {
        }
    }

    /**
     * @param subManagers the {@code -N} list: NodeManagers of a DataIslandManager, islands of a MasterManager
     * @param clientFactory how to talk to a manager (over REST: its host and REST port)
     */
    public CompositeManager(Kind kind, List<NodeAddress> subManagers,
                            Function<NodeAddress, ? extends SubManager> clientFactory) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.subManagers.addAll(subManagers);
        this.clients = new SubManagers(Objects.requireNonNull(clientFactory, "clientFactory"));
        this.watch = new NodeWatch(clients, sessions);
    }

    public Kind kind() {
        return kind;
    }

    /**
     * Saves each appended graph as {@code <workspace>/<sessionId>/<sessionId>.graph} (DALiuGE's
     * {@code --dump_graphs}), which {@link #pastSessions()} then lists.
     */
    public void dumpGraphsTo(Path workspace) {
        dumps.to(workspace);
    }

    /** Where the dumped graph of a session is ({@link #dumpGraphsTo}), if graphs are dumped. */
    public java.util.Optional<Path> graphDump(String sessionId) {
        return dumps.file(sessionId);
    }

    /** Tells {@code w} of sessions deployed and ended (see {@link Watcher}). */
    public void watchSessions(Watcher w) {
        this.watcher = Objects.requireNonNull(w, "w");
    }

    /**
     * Sessions of earlier runs: directories of the workspace holding a dumped graph, minus the
     * current sessions (DALiuGE's {@code past_sessions}).
     */
    public List<String> pastSessions() {
        return dumps.pastSessions(sessions::containsKey);
    }

    // ---- Health ----

    /**
     * Starts the heartbeat ({@link NodeWatch}): every third of {@code checkTimeout} on
     * {@code scheduler}; a sub-manager silent for {@code checkTimeout} is down. Close the result
     * to stop it.
     */
    public AutoCloseable watchHealth(Duration checkTimeout, ScheduledExecutorService scheduler) {
        return watch.start(checkTimeout, scheduler, this::subManagers);
    }

    /** The heartbeat on a given clock and executor, beating only when {@link #checkHealth} is called (tests). */
    void watchHealth(Duration checkTimeout, LongSupplier millis, Executor executor) {
        watch.start(checkTimeout, millis, executor);
    }

    /** One heartbeat. */
    void checkHealth() {
        watch.beat(subManagers());
    }

    /** Whether the heartbeat finds the node down (silent for the check timeout). */
    public boolean isDown(NodeAddress node) {
        return watch.isDown(node.toString());
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
        Fanout.Settled<Object> created = Fanout.settle(clients.of(session.subManagers()), (n, c) -> {
            c.createSession(sessionId);
            return n;
        });
        if (!created.failures().isEmpty()) {
            sessions.remove(sessionId, session);
            // undone where it was made; a node that failed (or hung) is not waited for
            Map<String, SubManager> made = new LinkedHashMap<>();
            Map<String, SubManager> failed = new LinkedHashMap<>();
            clients.of(session.subManagers()).forEach((n, c) -> (created.results().containsKey(n) ? made : failed).put(n, c));
            Fanout.run(made, (n, c) -> quietly(() -> c.destroySession(sessionId)));
            Thread.ofVirtual().name("dlg-undo-create").start(
                    () -> Fanout.run(failed, (n, c) -> quietly(() -> c.destroySession(sessionId))));
            created.orThrow();
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
            Fanout.run(clients.of(s.subManagers()), (n, c) -> c.destroySession(sessionId));
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
            Split split = split(graph, s.subManagers());
            dumps.dump(sessionId, graph);
            Map<String, Partition> byNode = new LinkedHashMap<>();
            for (Partition p : split.parts().partitions()) {
                byNode.put(p.subManager().toString(), p);
            }
            Fanout.run(byNode, (n, p) -> clients.get(p.subManager()).addGraphSpec(sessionId, p.graph()));
            // the text is let go once sent; the counts are the check's, not another pass over the drops
            s.appended(split.parts().withoutBytes(), split.signed().reproData(), split.checked().size(),
                    split.checked().uidChars());
        }
    }

    /**
     * What {@link #addGraphSpec} does to a graph, without a session: split over this manager's
     * sub-managers, checked, each part written out to {@code sink}; then, unless {@code self} is
     * null, each part is also sent as a sub-manager is sent its part, by a client made as theirs
     * are (never kept), but to {@code self}, this manager's own REST port, for a session that does
     * not exist: refused there before the body is read, so nothing changes anywhere. A fresh
     * process runs it on a made-up graph so that the JIT compiles this path before the first real
     * graph arrives (see dlg-daemon's WarmUp).
     *
     * @param absent a session id no one has
     * @throws dlg.core.error.DlgException if {@code self} answers anything but "no such session"
     */
    public void rehearseAppend(ParsedGraph graph, OutputStream sink, NodeAddress self, String absent)
            throws IOException {
        Split split = split(graph, subManagers());
        for (Partition p : split.parts().partitions()) {
            try (JsonGenerator g = REHEARSAL_JSON.createGenerator(sink)) {
                GraphWriter.writeList(g, p.graph());
            }
        }
        if (self != null) {
            SubManager me = clients.unkept(self);
            for (Partition p : split.parts().partitions()) {
                try {
                    me.addGraphSpec(absent, p.graph());
                } catch (NoSessionException expected) {
                    // what it answers: the request went all the way and back
                }
            }
        }
    }

    /** A graph split for the sub-managers, as signed for reproducibility, and its whole-graph check. */
    private record Split(PartitionedGraph parts, ParsedGraph signed, GraphSpec checked) {
    }

    private Split split(ParsedGraph graph, List<NodeAddress> over) {
        PartitionedGraph parts = GraphPartitioner.partition(graph, kind.attribute, over);
        ParsedGraph signed = CompositeRepro.physicalGraph(graph); // as DALiuGE, before the split
        if (signed != graph) {
            parts = GraphPartitioner.partition(signed, kind.attribute, over);
        }
        // a cycle through several nodes is invisible to each NodeManager (it would hang there):
        // the whole graph's links are checked here (classes and parameters by the NodeManagers)
        GraphSpec checked = new GraphSpec();
        checked.append(graph, SpecChecker.NONE);
        return new Split(parts, signed, checked);
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
            Map<NodeAddress, Map<String, List<DropRel>>> subscriptions = new LinkedHashMap<>();
            for (PartitionedGraph g : graphs) {
                g.subscriptions().forEach((nm, byOther) -> byOther.forEach((other, rels) -> subscriptions
                        .computeIfAbsent(nm, k -> new LinkedHashMap<>())
                        .computeIfAbsent(other, k -> new ArrayList<>()).addAll(rels)));
            }
            Fanout.run(byName(subscriptions), (n, rels) -> clients.get(NodeAddress.parse(n)).addNodeSubscriptions(sessionId, rels));
            Fanout.Settled<String> deployed = Fanout.settle(clients.of(s.subManagers()), (n, c) -> {
                c.deploySession(sessionId, List.of());
                return n;
            });
            s.deployed();
            if (!deployed.failures().isEmpty()) {
                rollBack(s, deployed.results().keySet(), deployed.failures());
            }
            Fanout.Settled<String> triggered = Fanout.settle(byName(triggers), (n, uids) -> {
                clients.get(NodeAddress.parse(n)).trigger(sessionId, uids);
                return n;
            });
            if (!triggered.failures().isEmpty()) {
                rollBack(s, deployed.results().keySet(), triggered.failures());
            }
        }
        try (var m = MDC.putCloseable("sessionId", sessionId)) {
            log.info("session {} deployed on {}", sessionId, s.subManagers());
            watcher.deployed(s);
        }
    }

    /**
     * A deploy that failed on some nodes: the parts deployed elsewhere are cancelled (their roots
     * would never be triggered), the session is FAILED naming each failed node, and the call fails.
     */
    private void rollBack(CompositeSession s, Set<String> deployedOn, Map<String, DlgException> failures) {
        failures.forEach((node, e) -> s.lose(node, "deploy failed on " + node + ": " + e.getMessage()));
        try (var m = MDC.putCloseable("sessionId", s.id())) {
            log.warn("session {}: deploy failed on {}; cancelling it on {}", s.id(), failures.keySet(), deployedOn);
        }
        Map<String, SubManager> cancel = new LinkedHashMap<>();
        for (String n : deployedOn) {
            if (!failures.containsKey(n)) {
                cancel.put(n, clients.get(NodeAddress.parse(n)));
            }
        }
        Fanout.run(cancel, (n, c) -> quietly(() -> c.cancelSession(s.id())));
        throw new SubManagerException(failures);
    }

    /**
     * The {@code completed} uids by the NodeManager holding each, over every graph part appended.
     *
     * @throws InvalidGraphException naming each uid that is no drop of the session
     */
    private static Map<NodeAddress, List<String>> groupByNode(List<PartitionedGraph> graphs, List<String> uids) {
        Map<NodeAddress, List<String>> roots = RootsInOrder.group(graphs, uids);
        if (roots != null) {
            return roots;
        }
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
        Fanout.run(clients.of(s.subManagers()), (n, c) -> c.cancelSession(sessionId));
    }

    /**
     * The session's status on each sub-manager, by node string: DALiuGE's {@code {node: status}}
     * (a MasterManager's values are its islands' maps). A sub-manager that cannot answer (down,
     * restarted without the session, stuck past the time limit) counts as FAILED (6), and the
     * session keeps why, naming the node ({@link CompositeSession#problems()}); the other nodes'
     * statuses are still reported.
     */
    public Map<String, Object> sessionStatus(String sessionId) {
        CompositeSession s = session(sessionId);
        Fanout.Settled<RawJson> replies = ask(sessionId, Query.SESSION_STATUS);
        Map<String, Object> status = new LinkedHashMap<>();
        for (NodeAddress n : s.subManagers()) {
            String node = n.toString();
            RawJson reply = replies.results().get(node);
            JsonNode last = s.lastStatus(node);
            if (s.isLost(node)) {
                status.put(node, SessionState.FAILED.code()); // lost while it ran: failed for good
            } else if (reply != null && replies.millis().getOrDefault(node, 0L) >= 0) {
                JsonNode answer = tree(reply);
                watch.status(s, node, answer);
                status.put(node, MAPPER.convertValue(answer, Object.class));
            } else if (CompositeSession.ended(last)) {
                status.put(node, MAPPER.convertValue(last, Object.class)); // ended before the node went down
            } else {
                status.put(node, SessionState.FAILED.code());
                DlgException e = replies.failures().get(node);
                failed(s, node, e != null ? e.getMessage() : watch.unavailable(s, node));
            }
        }
        if (s.isDeployed() && CompositeSession.ended(MAPPER.valueToTree(status)) && s.firstEnd()) {
            watcher.ended(s, status);
        }
        return status;
    }

    /** A line of {@link #sessionList()}: DALiuGE's {@code {"sessionId", "status": {node: status}, "size"}}. */
    public record Listing(String sessionId, Map<String, Object> status, long size) {
    }

    /**
     * Every session with its status on each sub-manager and its total size, from one question to
     * each sub-manager; one that cannot answer shows as FAILED (6) under its name in each of its
     * sessions.
     */
    public List<Listing> sessionList() {
        Fanout.Settled<RawJson> settled = ask(Query.SESSIONS);
        settled.results().forEach(watch::heard);
        Map<String, Map<String, JsonNode>> byNode = new LinkedHashMap<>();
        settled.results().forEach((node, json) -> {
            Map<String, JsonNode> lines = new HashMap<>();
            for (var line : tree(json)) {
                lines.put(line.path("sessionId").asText(), line);
            }
            byNode.put(node, lines);
        });
        List<Listing> out = new ArrayList<>();
        for (CompositeSession s : allSessions()) {
            Map<String, Object> status = new LinkedHashMap<>();
            long size = 0;
            for (NodeAddress n : s.subManagers()) {
                String node = n.toString();
                JsonNode last = s.lastStatus(node);
                if (s.isLost(node)) {
                    status.put(node, SessionState.FAILED.code()); // lost while it ran
                    size += s.lastSize(node);
                } else if (settled.failures().containsKey(node)) {
                    boolean ended = CompositeSession.ended(last); // as it ended, else that node is gone
                    status.put(node, ended ? MAPPER.convertValue(last, Object.class) : SessionState.FAILED.code());
                    size += s.lastSize(node);
                }
            }
            for (var e : byNode.entrySet()) {
                var line = e.getValue().get(s.id());
                if (line != null && !s.isLost(e.getKey())) {
                    status.put(e.getKey(), MAPPER.convertValue(line.get("status"), Object.class));
                    size += line.path("size").asLong();
                }
            }
            out.add(new Listing(s.id(), status, size));
        }
        return out;
    }

    // ---- Questions ----

    /** Every sub-manager's answer to a question about the manager (no arguments), or how it failed. */
    public Fanout.Settled<RawJson> ask(Query query) {
        return watch.ask(null, subManagers(), query);
    }

    /**
     * Every sub-manager's answer to a question about a session this manager may no longer hold
     * (its history), or how it failed.
     */
    public Fanout.Settled<RawJson> askEveryNode(Query query, String... args) {
        return watch.ask(null, subManagers(), query, args);
    }

    /**
     * The answer of each of the session's sub-managers to a question about it, or how it failed.
     *
     * @param more the question's arguments after the session id
     * @throws NoSessionException if this manager has no such session
     */
    public Fanout.Settled<RawJson> ask(String sessionId, Query query, String... more) {
        return watch.ask(session(sessionId), session(sessionId).subManagers(), query, args(sessionId, more));
    }

    /**
     * The node's last answer to a question about the session, as the session kept it (the
     * nodes' own questions only), or null.
     */
    public RawJson lastAnswer(String sessionId, String node, Query query, String... more) {
        CompositeSession.Kept kept = session(sessionId).kept(node, query, args(sessionId, more));
        return kept == null ? null : kept.answer();
    }


    /**
     * One sub-manager's answer: one of this manager's, or of the session's when the question is
     * about one (the first argument).
     *
     * @throws InvalidRequestException when {@code node} is neither
     */
    public RawJson askNode(NodeAddress node, Query query, String... args) {
        query.check(args);
        requireOurs(node, query, args);
        return clients.get(node).ask(query, args);
    }

    private void requireOurs(NodeAddress node, Query query, String... args) {
        CompositeSession s = query.sessionScoped() ? sessions.get(args[0]) : null;
        if (!subManagers.contains(node) && (s == null || !s.subManagers().contains(node))) {
            throw new InvalidRequestException(node + " is not one of this manager's nodes " + subManagers);
        }
    }

    /** One question to one sub-manager, for {@link #askNodes}. */
    public record Ask(NodeAddress node, Query query, String... args) {
        public Ask {
            Objects.requireNonNull(node, "node");
            query.check(args);
        }
    }

    /**
     * Several questions, each to one sub-manager (one of this manager's or of the session the
     * question is about), asked in parallel.
     *
     * @return the answers, in the order of {@code asks}
     * @throws SubManagerException naming every node whose answer is missing
     */
    public List<RawJson> askNodes(List<Ask> asks) {
        asks.forEach(a -> requireOurs(a.node(), a.query(), a.args()));
        return clients.askEach(asks);
    }

    /**
     * The drop's status as the sub-manager holding it reports it: the first answer with log
     * entries for it, else the first answer.
     *
     * @throws NoDropException when no sub-manager of the session has it
     * @throws SubManagerException when some could not answer and the others do not have it
     */
    public RawJson dropStatus(String sessionId, String oid) {
        RawJson chosen = null;
        for (RawJson r : askHolders(sessionId, oid, Query.DROP_STATUS, oid).values()) {
            if (chosen == null || tree(chosen).path("logs").isEmpty() && !tree(r).path("logs").isEmpty()) {
                chosen = r;
            }
        }
        return chosen;
    }

    /**
     * The answers of the session's sub-managers that know the drop {@code oid} (the others answer
     * NoDropException) to a question about it; the nodes that could not answer are left out if
     * one did.
     *
     * @throws NoDropException when no sub-manager of the session has it
     * @throws SubManagerException naming the nodes that could not answer, when no other did
     */
    public Map<String, RawJson> askHolders(String sessionId, String oid, Query query, String... more) {
        CompositeSession s = session(sessionId);
        Map<String, DlgException> down = new LinkedHashMap<>();
        List<NodeAddress> up = available(s, down);
        try {
            return clients.askHolders(up, sessionId, oid, query, args(sessionId, more));
        } catch (NoDropException e) {
            throw down.isEmpty() ? e : new SubManagerException(down); // it may be on a node that is down
        }
    }

    /** The session's nodes that can be asked now; the others go to {@code down}, each with why. */
    private List<NodeAddress> available(CompositeSession s, Map<String, DlgException> down) {
        List<NodeAddress> up = new ArrayList<>();
        for (NodeAddress n : s.subManagers()) {
            String why = watch.unavailable(s, n.toString());
            if (why == null) {
                up.add(n);
            } else {
                down.put(n.toString(), new RestClientException(why));
            }
        }
        return up;
    }

    /**
     * The drop's data, from the first of the session's sub-managers that has it (a node that is
     * down is not asked); close it.
     *
     * @throws NoDropException when none has it
     * @throws SubManagerException naming the nodes that are down, when no other has it
     */
    public DropData dropData(String sessionId, String oid) {
        Map<String, DlgException> down = new LinkedHashMap<>();
        List<NodeAddress> up = available(session(sessionId), down);
        try {
            return clients.dropData(up, sessionId, oid);
        } catch (NoDropException e) {
            throw down.isEmpty() ? e : new SubManagerException(down); // it may be on a node that is down
        }
    }

    /** Each of the session's sub-managers' log file of it, or how it failed. */
    public Fanout.Settled<byte[]> sessionLogs(String sessionId) {
        Map<String, DlgException> down = new LinkedHashMap<>();
        Fanout.Settled<byte[]> logs = clients.sessionLogs(available(session(sessionId), down), sessionId);
        if (down.isEmpty()) {
            return logs;
        }
        Map<String, DlgException> failures = new LinkedHashMap<>(logs.failures());
        failures.putAll(down);
        return new Fanout.Settled<>(logs.results(), failures, logs.millis());
    }

    /** Receives the session's live UI feeds of all its sub-managers, each event naming its node. */
    public interface FeedListener {
        void event(String node, String event, String data);

        void alive(String node);

        void lost(String node, String why);
    }

    /** Follows the session's live UI feed on each of its sub-managers, until the result is closed. */
    public AutoCloseable follow(String sessionId, FeedListener listener) {
        return clients.follow(session(sessionId).subManagers(), sessionId, listener);
    }

    /** Every one of the session's sub-managers' answer; any failure fails the call, naming each node. */
    Map<String, RawJson> askAll(String sessionId, Query query) {
        return ask(sessionId, query).orThrow();
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

    private void failed(CompositeSession s, String node, String why) {
        if (s.problem(node, why)) {
            try (var m = MDC.putCloseable("sessionId", s.id())) {
                log.warn("session {}: node {} failed: {}", s.id(), node, why);
            }
        }
    }

    private static String[] args(String sessionId, String... more) {
        String[] args = new String[more.length + 1];
        args[0] = sessionId;
        System.arraycopy(more, 0, args, 1, more.length);
        return args;
    }

    private static Object parse(RawJson json) {
        try {
            return MAPPER.readValue(json.json(), Object.class);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable answer: " + e.getMessage(), e);
        }
    }

    private static JsonNode tree(RawJson json) {
        try {
            return MAPPER.readTree(json.json());
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable answer: " + e.getMessage(), e);
        }
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
