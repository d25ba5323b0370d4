package dlg.manager;

import dlg.core.error.GraphProblem;
import dlg.core.error.InvalidGraphException;
import dlg.core.error.InvalidSessionState;
import dlg.core.graph.DropSpec;
import dlg.core.graph.GraphSpec;
import dlg.core.graph.UidList;
import dlg.core.graph.ParsedGraph;
import dlg.core.runtime.DropEvent;
import dlg.core.runtime.DropListener;
import dlg.core.runtime.Engine;
import dlg.core.runtime.Execution;
import dlg.core.runtime.RemoteLink;
import dlg.core.state.SessionState;
import dlg.manager.events.DropEventSink;
import dlg.manager.repro.ReproCalculator;
import dlg.manager.repro.ReproData;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Function;
import java.util.function.IntPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One session: graph parts appended while PRISTINE or BUILDING, deployed once, then run until it
 * FINISHED, FAILED or was CANCELLED ({@link SessionState} has the diagram). {@link #transitionTo}
 * is the only place its state changes.
 *
 * <p>Thread-safe: operations that change the state are serialised on the session; queries read
 * volatile fields. Deploying a big graph happens outside the lock, so status queries answer
 * DEPLOYING meanwhile.
 */
public final class Session {

    private static final Logger log = LoggerFactory.getLogger(Session.class);

    private final String id;
    private final Path dir;
    private final Engine engine;
    private final DropListener listener;
    private final DropEventSink sink; // null: events go to listener only
    private volatile GraphSpec graph = new GraphSpec(); // replaced whole by link(); changed under the lock
    private final CompletableFuture<SessionState> ended = new CompletableFuture<>();
    private volatile SessionState state = SessionState.PRISTINE;
    private volatile int size; // the graph's, readable while an append runs
    private volatile Execution execution;
    private volatile String failure;
    /** Reproducibility data, once every drop has settled; null before, and when it cannot be computed. */
    private volatile ReproData repro;
    /** Completes once {@link #repro} is final: computed, failed, or never to be (a failed deploy). */
    private final CompletableFuture<Void> reproSettled = new CompletableFuture<>();
    /** How long a query waits for the reproducibility data of a session that has ended. */
    private static final Duration REPRO_WAIT = Duration.ofSeconds(60);
    private boolean cancelRequested; // guarded by this
    private final Set<RemoteLink> remoteLinks = new LinkedHashSet<>(); // guarded by this
    /** Remote events that came before the drops existed, replayed at deploy; guarded by this. */
    private final List<DropEvent> early = new ArrayList<>();
    private final Set<String> remoteUids = new HashSet<>(); // guarded by this
    /** The remote uids of each node this session links to; guarded by this. */
    private final Map<NodeAddress, Set<String>> uidsByNode = new HashMap<>();
    /** Nodes lost before deploy, with why: their links fail as soon as the drops exist; guarded by this. */
    private final Map<NodeAddress, String> lostBeforeDeploy = new HashMap<>();
    /** The node of each remote input, by uid: written before deploy, read by the apps' threads. */
    private final Map<String, NodeAddress> dataNodes = new ConcurrentHashMap<>();
    /** When the session entered each state (engine clock, epoch ms, by ordinal; 0: never). */
    private final AtomicLongArray enteredAt =
            new AtomicLongArray(SessionState.values().length);

    public Session(String id, Path dir, Engine engine, DropListener listener) {
        this(id, dir, engine, Objects.requireNonNull(listener, "listener"), null);
    }

    /**
     * @param sink receives the drop events: published for whoever listens while the session runs
     *     on this node only, published to the other nodes (and retained for late subscribers
     *     where they settle drops those nodes wait for) once it has links to other nodes; only
     *     {@code dropCompleted} and {@code producerFinished} go on the wire, as DALiuGE's
     *     NodeManagers forward: the other nodes act on nothing else
     */
    public Session(String id, Path dir, Engine engine, DropEventSink sink) {
        this(id, dir, engine, new Published(Objects.requireNonNull(sink, "sink")), sink);
    }

    // Two listener classes, not one class over two lambdas: the engine calls the listener for
    // every drop that settles, and C2 compiled the call inside it for the one lambda the AOT
    // cache's training had profiled there, so a session of the other kind (on one node rather than
    // across nodes) had that code thrown away again and again (nine "class_check" traps in a fresh
    // NodeManager's first wide 1000000). Each class now calls one receiver.

    /**
     * A session on this node only: the events that settle a drop are published while someone
     * listens; the many status and execStatus changes stay here (the engine does not even make them).
     */
    private static final class Published implements DropListener {
        private final DropEventSink sink;

        Published(DropEventSink sink) {
            this.sink = sink;
        }

        @Override
        public boolean wants(DropEvent.Type type) {
            return settles(type) && sink.listening();
        }

        @Override
        public void onEvent(DropEvent e) {
            if (settles(e.type())) {
                sink.publish(e);
            }
        }
    }

    /** A session with links to other nodes: they get the events that settle the drops they wait for. */
    private static final class ToPeers implements DropListener {
        private final DropEventSink sink;
        private final Set<String> watched;

        ToPeers(DropEventSink sink, Set<String> watched) {
            this.sink = sink;
            this.watched = watched;
        }

        @Override
        public boolean wants(DropEvent.Type type) {
            return settles(type);
        }

        @Override
        public void onEvent(DropEvent e) {
            if (settles(e.type()) && watched.contains(e.uid())) {
                sink.publishToPeers(e);
            }
        }
    }

    private Session(String id, Path dir, Engine engine, DropListener listener, DropEventSink sink) {
        this.id = SessionIds.check(id);
        this.dir = Objects.requireNonNull(dir, "dir");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.listener = listener;
        this.sink = sink;
        enteredAt.set(SessionState.PRISTINE.ordinal(), engine.clock().millis());
    }

    /**
     * The listener for a deploy: a cross-node session sends the other nodes the events of the
     * drops they wait for, and nothing else (their drops act on no other).
     */
    private DropListener listenerFor(List<RemoteLink> links) {
        if (links.isEmpty() || sink == null) {
            return listener;
        }
        Set<String> watched = new HashSet<>(); // local drops that other nodes wait for
        for (RemoteLink l : links) {
            if (l.role() == RemoteLink.Role.CONSUMER_OF_LOCAL_DATA || l.role() == RemoteLink.Role.OUTPUT_OF_LOCAL_APP) {
                watched.add(l.localUid());
            }
        }
        return new ToPeers(sink, watched);
    }

    public String id() {
        return id;
    }

    public Path dir() {
        return dir;
    }

    public SessionState state() {
        return state;
    }

    /** The graph accepted so far (read it only while no append is in progress). */
    public GraphSpec graph() {
        return graph;
    }

    /** Number of drops in the graph. */
    public int size() {
        return size;
    }

    /** Reads the graph while no append can change it. */
    public synchronized <T> T readGraph(Function<GraphSpec, T> reader) {
        return reader.apply(graph);
    }

    /** The running drops, once deployed. */
    public Optional<Execution> execution() {
        return Optional.ofNullable(execution);
    }

    /** Why the session FAILED: a deploy error, or the first node it waited for that was lost. */
    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    /** DALiuGE's line of {@code GET /api/sessions}. */
    public SessionSummary summary() {
        return new SessionSummary(id, state, size);
    }

    /** When the session entered {@code s} (the last time), if it has. */
    public Optional<Instant> enteredAt(SessionState s) {
        long ms = enteredAt.get(s.ordinal());
        return ms == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(ms));
    }

    /** The reproducibility data (Merkle signatures per drop and for the graph), once computed. */
    public Optional<ReproData> repro() {
        return Optional.ofNullable(repro);
    }

    /**
     * As {@link #repro()}, but once the session has ended it waits for the computation that
     * follows (bounded): DALiuGE builds the data on the thread of the drop that settles last, so
     * a client that saw the session end (or whose deploy completed the only drop) finds it there.
     * Empty while the session runs, and when the data cannot be computed.
     */
    public Optional<ReproData> reproOnceEnded() {
        if (state.isTerminal()) {
            try {
                reproSettled.get(REPRO_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                log.warn("session {}: reproducibility data not ready after {}", id, REPRO_WAIT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return repro();
    }

    /** Completes with FINISHED, FAILED or CANCELLED. */
    public CompletableFuture<SessionState> ended() {
        return ended.copy();
    }

    // ---- Lifecycle ----

    /**
     * Validates and adds a graph part. A part that is refused changes nothing. With
     * {@link dlg.core.runtime.ExecutionOptions#confinePaths()}, a file drop whose path is outside
     * the session directory is one of the problems.
     *
     * @throws InvalidGraphException listing every problem of the part
     * @throws InvalidSessionState unless PRISTINE or BUILDING
     */
    public synchronized void addGraphSpec(ParsedGraph part) {
        requireState("append a graph", SessionState.PRISTINE, SessionState.BUILDING);
        graph.append(part, engine.checker(dir)); // file paths too, if confined: refused before anything runs
        size = graph.size();
        if (state == SessionState.PRISTINE) {
            transitionTo(SessionState.BUILDING);
        }
        log.debug("session {}: appended {} drops, {} in all", id, part.drops().size(), graph.size());
    }

    /**
     * Adds a link between two drops of the graph (DALiuGE's {@code graph/link}): {@code rhOid} joins
     * the {@code type} links of {@code lhOid}. The graph is validated again; a refused link
     * changes nothing.
     *
     * @throws InvalidGraphException for an unknown oid, a link the drops' kinds forbid, a cycle
     * @throws InvalidSessionState unless BUILDING
     */
    public synchronized void link(String lhOid, String rhOid, dlg.core.graph.LinkType type) {
        requireState("link drops", SessionState.BUILDING);
        graph = graph.withLink(lhOid, type, rhOid, engine.catalog());
        log.debug("session {}: linked {} -> {} as {}", id, lhOid, rhOid, type);
    }

    /**
     * Links drops of this graph to drops on other nodes (DALiuGE's {@code /subscriptions}): each
     * triple {@code [lhsUid, rel, rhsUid]} has one side in this graph, the other on the node it
     * is listed under, which is where the data of a remote input is read from. Must come before
     * deploy.
     *
     * @param byNode the triples, by the node holding their remote side
     * @throws InvalidGraphException naming each triple that does not fit this graph, and each
     *     remote input listed under two nodes; nothing is added then
     * @throws InvalidSessionState unless PRISTINE or BUILDING
     */
    public synchronized void addSubscriptions(Map<NodeAddress, List<DropRel>> byNode) {
        requireState("add subscriptions", SessionState.PRISTINE, SessionState.BUILDING);
        List<RemoteLink> links = new ArrayList<>();
        Map<String, NodeAddress> inputs = new HashMap<>();
        List<GraphProblem> problems = new ArrayList<>();
        byNode.forEach((node, relations) -> {
            for (DropRel r : relations) {
                try {
                    RemoteLink l = RemoteLink.ofSubscription(r.lhs(), r.rel(), r.rhs(), uid -> graph.indexOfUid(uid) >= 0);
                    links.add(l);
                    if (l.role() == RemoteLink.Role.INPUT_OF_LOCAL_APP) {
                        NodeAddress known = inputs.putIfAbsent(l.remoteUid(), node);
                        NodeAddress before = known != null ? known : dataNodes.getOrDefault(l.remoteUid(), node);
                        if (!before.equals(node)) {
                            problems.add(new GraphProblem(l.remoteUid(), "is listed under node " + before
                                    + " and under node " + node + ": its data can be read from one node only"));
                        }
                    } else if (l.role() == RemoteLink.Role.PRODUCER_OF_LOCAL_DATA && writtenData(l.localUid())) {
                        // the remote app writes its node's stand-in of the drop: the content is read from there
                        NodeAddress known = inputs.putIfAbsent(l.localUid(), node);
                        NodeAddress before = known != null ? known : dataNodes.getOrDefault(l.localUid(), node);
                        if (!before.equals(node)) {
                            problems.add(new GraphProblem(l.localUid(), "is written by apps of node " + before
                                    + " and of node " + node + ": its content can come from one other node only;"
                                    + " place the drop with its producers"));
                        }
                    }
                } catch (IllegalArgumentException e) {
                    problems.add(new GraphProblem(r.lhs(), e.getMessage()));
                }
            }
        });
        if (!problems.isEmpty()) {
            throw new InvalidGraphException(problems);
        }
        remoteLinks.addAll(links);
        for (RemoteLink l : links) {
            remoteUids.add(l.remoteUid());
        }
        byNode.forEach((node, relations) -> {
            Set<String> uids = uidsByNode.computeIfAbsent(node, n -> new HashSet<>());
            for (DropRel r : relations) { // the remote side is whichever uid is not in this graph
                uids.add(graph.indexOfUid(r.lhs()) >= 0 ? r.rhs() : r.lhs());
            }
        });
        dataNodes.putAll(inputs);
    }

    private boolean writtenData(String localUid) {
        int i = graph.indexOfUid(localUid);
        return i >= 0 && !graph.drops().get(i).category().isApplication();
    }

    /**
     * The node that holds remote input {@code uid} of this session's apps, or the content of
     * local drop {@code uid} written by an app of another node, as the subscriptions said.
     */
    public Optional<NodeAddress> dataNodeOf(String uid) {
        return Optional.ofNullable(dataNodes.get(uid));
    }

    /**
     * A drop event from another node. Delivered to the drops linked to that remote drop; kept
     * until deploy if they do not exist yet. Called on the event subscriber's thread.
     */
    public void deliverRemote(DropEvent event) {
        Execution ex = execution;
        if (ex == null) {
            synchronized (this) {
                ex = execution;
                if (ex == null) {
                    if (!state.isTerminal() && settles(event.type()) && remoteUids.contains(event.uid())) {
                        early.add(event); // bounded: one per remote drop linked to this graph
                    }
                    return;
                }
            }
        }
        ex.deliverRemote(event.uid(), event.type(), event.status(), event.content());
    }

    /**
     * The node publishing events at {@code host:eventsPort} stopped answering ({@code reason}
     * says how): every local drop still waiting for one of its drops fails naming the node, and
     * so the session ends FAILED (with this as its {@link #failure()}) instead of waiting for
     * ever. Before deploy, the links fail as soon as the drops exist. Called off the subscriber
     * thread.
     *
     * @return how many remote drops of the node had not settled (before deploy: its links)
     */
    public int peerLost(String host, int eventsPort, String reason) {
        int lost = 0;
        for (var e : nodesAt(host, eventsPort).entrySet()) {
            NodeAddress node = e.getKey();
            String cause = "node " + node + " stopped answering: " + reason;
            Execution ex;
            synchronized (this) {
                ex = execution;
                if (ex == null) {
                    if (!state.isTerminal()) {
                        lostBeforeDeploy.putIfAbsent(node, cause);
                        lost += e.getValue().size();
                    }
                    continue;
                }
            }
            lost += lose(ex, e.getValue(), cause);
        }
        return lost;
    }

    private synchronized Map<NodeAddress, Set<String>> nodesAt(String host, int eventsPort) {
        Map<NodeAddress, Set<String>> found = new HashMap<>();
        uidsByNode.forEach((node, uids) -> {
            if (node.host().equals(host) && node.eventsPort() == eventsPort) {
                found.put(node, Set.copyOf(uids));
            }
        });
        return found;
    }

    /** Logged and noted first: whoever sees the session FAILED finds why in its log and failure. */
    private int lose(Execution ex, Set<String> uids, String cause) {
        boolean first;
        synchronized (this) {
            first = failure == null && !state.isTerminal();
            if (first) {
                failure = cause;
            }
        }
        int n;
        try (var c = MDC.putCloseable("sessionId", id)) {
            log.warn("session {}: failing what waits for the drops of a lost node: {}", id, cause);
            n = ex.remoteLost(uids, cause);
            log.info("session {}: {} drops of that node had not settled", id, n);
        }
        if (n == 0 && first) {
            synchronized (this) {
                failure = null; // nothing waited for the node: the session goes on, or ended as it would have
            }
        }
        return n;
    }

    /** Signs the run (DALiuGE's reproducibility): every drop has settled, so the states are final. */
    private void computeRepro(Execution ex) {
        try (var c = MDC.putCloseable("sessionId", id)) {
            repro = ReproCalculator.compute(graph, ex::state, ex::contentHash);
            log.debug("session {}: reproducibility data computed", id);
        } catch (RuntimeException e) { // as DALiuGE: the run stands, its repro status stays false
            log.warn("session {}: no reproducibility data: {}", id, e.getMessage());
        } finally {
            reproSettled.complete(null);
        }
    }

    /** The drops that hash their content when they settle: those whose rmode covers content. */
    private static IntPredicate contentHashed(GraphSpec graph) {
        if (!graph.someDropHasReprodata()) {
            return null;
        }
        BitSet wanted = null;
        List<DropSpec> drops = graph.drops();
        for (int i = 0; i < drops.size(); i++) {
            if (drops.get(i).params().get("reprodata") != null && ReproCalculator.wantsContentHash(drops.get(i))) {
                wanted = wanted == null ? new BitSet() : wanted;
                wanted.set(i);
            }
        }
        return wanted == null ? null : wanted::get;
    }

    private static boolean settles(DropEvent.Type type) {
        return type == DropEvent.Type.DROP_COMPLETED || type == DropEvent.Type.PRODUCER_FINISHED;
    }

    /**
     * Creates the drops, starts running, and triggers {@code completedUids} (the roots: data drops
     * to complete, apps to run). A session with no graph finishes at once.
     *
     * @throws InvalidGraphException if a uid in {@code completedUids} is not in the graph (the
     *     session is unchanged), or if drops cannot be created (the session is then FAILED)
     * @throws InvalidSessionState unless BUILDING (or PRISTINE)
     */
    public void deploy(Collection<String> completedUids) {
        int[] roots = new int[completedUids.size()]; // found once: triggered by position once running
        synchronized (this) {
            requireState("deploy", SessionState.PRISTINE, SessionState.BUILDING);
            List<GraphProblem> unknown = new ArrayList<>();
            int k = 0;
            for (String uid : completedUids) {
                roots[k] = graph.indexOfUid(uid);
                if (roots[k++] < 0) {
                    unknown.add(new GraphProblem(uid, "is in 'completed' but no drop of the graph has this uid"));
                }
            }
            if (!unknown.isEmpty()) {
                throw new InvalidGraphException(unknown);
            }
            transitionTo(SessionState.DEPLOYING);
        }
        Execution ex;
        try {
            List<RemoteLink> links = List.copyOf(remoteLinks);
            var hashed = contentHashed(graph);
            ex = hashed == null ? engine.deploy(id, dir, graph, listenerFor(links), links)
                    : engine.deploy(id, dir, graph, listenerFor(links), links, hashed);
        } catch (RuntimeException | Error e) { // an OutOfMemoryError too: never left DEPLOYING
            failure = e.getMessage() != null ? e.getMessage() : e.toString();
            reproSettled.complete(null); // no drop will ever file data: DALiuGE's status stays false
            transitionTo(SessionState.FAILED);
            throw e;
        }
        synchronized (this) {
            execution = ex;
            for (DropEvent e : early) {
                ex.deliverRemote(e.uid(), e.type(), e.status(), e.content());
            }
            early.clear();
            lostBeforeDeploy.forEach((node, cause) -> lose(ex, uidsByNode.getOrDefault(node, Set.of()), cause));
            lostBeforeDeploy.clear();
            transitionTo(SessionState.RUNNING);
            ex.outcome().whenComplete((end, error) -> {
                transitionTo(error == null ? end : SessionState.FAILED);
                Thread.ofVirtual().name("dlg-repro-" + id).start(() -> computeRepro(ex));
            });
            if (cancelRequested) {
                ex.cancel();
                return;
            }
        }
        ex.triggerAt(roots);
    }

    /**
     * Completes root data drops and runs apps by uid (DALiuGE's {@code /trigger}).
     *
     * @throws InvalidSessionState unless RUNNING
     */
    public void trigger(Collection<String> uids) {
        trigger(UidList.of(uids));
    }

    /** As {@link #trigger(Collection)}, for uids read from a request without a String each. */
    public void trigger(UidList uids) {
        Execution ex;
        synchronized (this) {
            requireState("trigger drops", SessionState.RUNNING);
            ex = execution;
        }
        ex.trigger(uids);
    }

    /**
     * Cancels a running (or deploying) session: every drop that has not settled is cancelled,
     * running processes are killed. Cancelling a cancelled session does nothing.
     *
     * @throws InvalidSessionState in any other state
     */
    public void cancel() {
        Execution ex;
        synchronized (this) {
            requireState("cancel", SessionState.DEPLOYING, SessionState.RUNNING, SessionState.CANCELLED);
            if (state == SessionState.CANCELLED) {
                return;
            }
            if (state == SessionState.DEPLOYING) {
                cancelRequested = true;
                return;
            }
            ex = execution;
        }
        ex.cancel();
    }

    /** Cancels the session if it is deploying or running; does nothing otherwise. */
    public void stop() {
        SessionState s = state;
        if (s == SessionState.DEPLOYING || s == SessionState.RUNNING) {
            try {
                cancel();
            } catch (InvalidSessionState e) { // it ended meanwhile
                log.debug("session {}: not cancelled, {}", id, e.getMessage());
            }
        }
    }

    private void requireState(String action, SessionState... allowed) {
        SessionState s = state;
        for (SessionState a : allowed) {
            if (s == a) {
                return;
            }
        }
        throw new InvalidSessionState("Session " + id + " is " + s + ": cannot " + action
                + " (only when " + List.of(allowed) + ")");
    }

    private synchronized void transitionTo(SessionState target) {
        SessionState current = state;
        if (current == target) {
            return;
        }
        if (!current.canMoveTo(target)) {
            throw new IllegalStateException("session " + id + ": illegal transition " + current + " -> " + target);
        }
        enteredAt.set(target.ordinal(), engine.clock().millis());
        state = target;
        try (var c = MDC.putCloseable("sessionId", id)) {
            log.info("session {} switched from {} to {}", id, current, target);
        }
        if (target.isTerminal()) {
            ended.complete(target);
        }
    }
}
