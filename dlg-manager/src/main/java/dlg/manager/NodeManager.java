package dlg.manager;

import dlg.core.error.InvalidRequestException;
import dlg.core.error.NoSessionException;
import dlg.core.error.SessionAlreadyExistsException;
import dlg.core.error.SubscriptionFailedException;
import dlg.core.graph.UidList;
import dlg.core.graph.ParsedGraph;
import dlg.core.runtime.DropEvent;
import dlg.core.runtime.DropListener;
import dlg.core.runtime.Engine;
import dlg.core.runtime.Execution;
import dlg.core.state.SessionState;
import dlg.manager.events.DropEventSink;
import dlg.manager.logs.DropLogEntry;
import dlg.manager.logs.SessionLogs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * DALiuGE's NodeManager: the sessions of this node, each with its own directory under the
 * workspace ({@code $DLG_ROOT/workspace/<sessionId>}), run by one shared {@link Engine}.
 *
 * <p>Thread-safe: sessions live in a concurrent map (lock-free lookups, also for every remote
 * event) and serialise their own state changes, so requests on different sessions never wait for
 * each other.
 */
public final class NodeManager implements DropManager, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NodeManager.class);

    private final Engine engine;
    private final Path workspace;
    private final DropEventSink events;
    private final EventSubscriptions subscriptions;
    private final SessionLogs logs; // null: no per-session log files
    private final SessionWatcher watcher;
    private final ConcurrentMap<String, Session> sessions = new ConcurrentHashMap<>();
    /** Creation order, for listing sessions as DALiuGE does. */
    private final ConcurrentMap<Session, Long> created = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final DestroyedCounts destroyed = new DestroyedCounts();

    /**
     * @param workspace where session directories are made
     * @param events receives every drop event of every session (the event publisher)
     */
    public NodeManager(Engine engine, Path workspace, DropListener events) {
        this(engine, workspace, new DropEventSink() {
            @Override
            public void publish(DropEvent event) {
                events.onEvent(event);
            }

            @Override
            public void publishToPeers(DropEvent event) {
                events.onEvent(event);
            }

            @Override
            public boolean listening() {
                return events != DropListener.NONE;
            }
        }, EventSubscriptions.NONE, null);
    }

    /**
     * @param subscriptions connects to other nodes' events for sessions with cross-node links
     * @param logs writes each session's log file and keeps its drops' last entries, or null
     */
    public NodeManager(Engine engine, Path workspace, DropEventSink events, EventSubscriptions subscriptions,
                       SessionLogs logs) {
        this(engine, workspace, events, subscriptions, logs, SessionWatcher.NONE);
    }

    /** @param watcher told when sessions are deployed and end (the session history) */
    public NodeManager(Engine engine, Path workspace, DropEventSink events, EventSubscriptions subscriptions,
                       SessionLogs logs, SessionWatcher watcher) {
        this.watcher = Objects.requireNonNull(watcher, "watcher");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.workspace = Objects.requireNonNull(workspace, "workspace").toAbsolutePath().normalize();
        this.events = Objects.requireNonNull(events, "events");
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.logs = logs;
    }

    public Path workspace() {
        return workspace;
    }

    public Engine engine() {
        return engine;
    }

    // ---- Sessions ----

    @Override
    public void createSession(String sessionId) {
        try {
            SessionIds.check(sessionId);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(e.getMessage(), e);
        }
        Path dir = workspace.resolve(sessionId);
        Session session = new Session(sessionId, dir, engine, events);
        created.put(session, sequence.incrementAndGet());
        if (sessions.putIfAbsent(sessionId, session) != null) {
            created.remove(session);
            throw new SessionAlreadyExistsException(sessionId);
        }
        try {
            Files.createDirectories(dir);
            if (logs != null) {
                logs.open(sessionId, logFile(session));
                session.ended().whenComplete((end, error) -> logs.close(sessionId));
            }
            session.ended().whenComplete((end, error) -> watcher.ended(session));
        } catch (IOException e) {
            sessions.remove(sessionId, session);
            created.remove(session);
            throw new UncheckedIOException("cannot create the directory of session " + sessionId + ": " + e, e);
        }
        try (var c = MDC.putCloseable("sessionId", sessionId)) {
            log.info("session {} created in {}", sessionId, dir);
        }
    }

    /** The session with this id. */
    public Session session(String sessionId) {
        Session s = sessionId == null ? null : sessions.get(sessionId);
        if (s == null) {
            throw new NoSessionException(sessionId);
        }
        return s;
    }

    @Override
    public void destroySession(String sessionId) {
        Session s = sessions.remove(sessionId == null ? "" : sessionId);
        if (s == null) {
            throw new NoSessionException(sessionId);
        }
        created.remove(s);
        s.stop();
        destroyed.add(s.state(), s.execution().map(Execution::counts).orElse(null));
        try (var c = MDC.putCloseable("sessionId", sessionId)) {
            log.info("session {} destroyed", sessionId);
        }
        if (logs != null) {
            logs.close(sessionId);
            logs.forget(sessionId);
        }
        events.forget(sessionId);
    }

    /** What the destroyed sessions counted when they went (for counters that never go down). */
    public DestroyedCounts destroyed() {
        return destroyed;
    }

    /** The sessions, oldest first. */
    public List<Session> allSessions() {
        List<Session> all = new ArrayList<>(sessions.values());
        all.sort(Comparator.comparing(s -> created.getOrDefault(s, Long.MAX_VALUE)));
        return all;
    }

    @Override
    public List<SessionSummary> sessions() {
        return allSessions().stream().map(Session::summary).toList();
    }

    @Override
    public SessionState sessionStatus(String sessionId) {
        return session(sessionId).state();
    }

    @Override
    public void addGraphSpec(String sessionId, ParsedGraph part) {
        session(sessionId).addGraphSpec(part);
    }

    @Override
    public void deploySession(String sessionId, List<String> completedUids) {
        Session s = session(sessionId);
        s.deploy(completedUids);
        watcher.deployed(s);
    }

    @Override
    public void cancelSession(String sessionId) {
        session(sessionId).cancel();
    }

    @Override
    public void trigger(String sessionId, List<String> uids) {
        session(sessionId).trigger(uids);
    }

    /** As {@link #trigger(String, List)}, for uids read from a request without a String each. */
    public void trigger(String sessionId, UidList uids) {
        session(sessionId).trigger(uids);
    }

    /**
     * Links this session's drops to drops of other nodes and subscribes to those nodes' events
     * (DALiuGE's {@code /subscriptions}), waiting up to {@code timeout} for each connection.
     *
     * @param relations per node string ({@code host:rest:events:rpc}), the cross-node links
     * @throws InvalidRequestException for a malformed node string
     * @throws SubscriptionFailedException when a node's events cannot be subscribed to in time
     */
    public void addNodeSubscriptions(String sessionId, Map<String, List<DropRel>> relations, Duration timeout) {
        Session s = session(sessionId);
        Map<NodeAddress, List<DropRel>> byNode = new LinkedHashMap<>();
        relations.forEach((node, rels) -> {
            try {
                byNode.put(NodeAddress.parse(node), rels);
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException("subscriptions: " + e.getMessage(), e);
            }
        });
        s.addSubscriptions(byNode);
        Map<NodeAddress, CompletableFuture<Void>> connecting = new LinkedHashMap<>();
        byNode.keySet().forEach(node -> connecting.put(node, subscriptions.subscribe(node.host(), node.eventsPort())));
        long deadline = System.nanoTime() + timeout.toNanos(); // one wait for all nodes, not one each
        for (var e : connecting.entrySet()) {
            NodeAddress node = e.getKey();
            try {
                e.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException ex) {
                throw new SubscriptionFailedException("the events of node " + node + " could not be subscribed to within "
                        + timeout.toSeconds() + " s");
            } catch (ExecutionException ex) {
                throw new SubscriptionFailedException("cannot subscribe to the events of node " + node + ": "
                        + ex.getCause().getMessage());
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new SubscriptionFailedException("interrupted while subscribing to the events of node " + node);
            }
        }
    }

    /**
     * The node holding remote input {@code uid} of session {@code sessionId}: where this node's
     * apps read its data from. Empty for an unknown session (destroyed meanwhile) or uid.
     */
    public Optional<NodeAddress> dataNodeOf(String sessionId, String uid) {
        Session s = sessionId == null ? null : sessions.get(sessionId);
        return s == null ? Optional.empty() : s.dataNodeOf(uid);
    }

    /** The session's log file ({@code dlg_<ip>_<sessionId>.log} in its directory, as DALiuGE names it). */
    public Path logFile(Session s) {
        return s.dir().resolve(SessionLogs.fileName(s.id()));
    }

    /** The last log entries of one drop of a session (empty without session logs). */
    public List<DropLogEntry> dropLogs(String sessionId, String oid) {
        session(sessionId);
        return logs == null ? List.of() : logs.entries(sessionId, oid);
    }

    /**
     * The node publishing events at {@code host:eventsPort} stopped answering: in every session
     * linked to it, what waits for its drops fails naming it (see {@link Session#peerLost}). Runs
     * on a thread of its own: failing drops tells their listeners, which may wait.
     */
    public void peerLost(String host, int eventsPort, String reason) {
        Thread.ofVirtual().name("dlg-peer-lost").start(() -> {
            for (Session s : allSessions()) {
                try {
                    s.peerLost(host, eventsPort, reason);
                } catch (RuntimeException e) {
                    log.warn("session {}: cannot fail the drops waiting for {}:{}: {}", s.id(), host, eventsPort, e.toString());
                }
            }
        });
    }

    /** A drop event from another node, for the session it names (others are ignored). */
    public void deliverRemote(DropEvent event) {
        Session s = event.sessionId() == null ? null : sessions.get(event.sessionId());
        if (s != null) {
            s.deliverRemote(event);
        }
    }

    // ---- Lifecycle ----

    /** Cancels every session that runs (DALiuGE's {@code shutdown}); the sessions stay listed. */
    public void shutdown() {
        for (Session s : allSessions()) {
            s.stop();
        }
    }

    @Override
    public void close() {
        shutdown();
    }
}
