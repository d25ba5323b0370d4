package dlg.manager;

import dlg.core.error.InvalidRequestException;
import dlg.core.error.NoSessionException;
import dlg.core.error.SessionAlreadyExistsException;
import dlg.core.graph.ParsedGraph;
import dlg.core.runtime.DropListener;
import dlg.core.runtime.Engine;
import dlg.core.state.SessionState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * DALiuGE's NodeManager: the sessions of this node, each with its own directory under the
 * workspace ({@code $DLG_ROOT/workspace/<sessionId>}), run by one shared {@link Engine}.
 *
 * <p>Thread-safe: the session map is synchronized (briefly), and sessions serialise their own
 * state changes, so requests on different sessions never wait for each other.
 */
public final class NodeManager implements DropManager, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NodeManager.class);

    private final Engine engine;
    private final Path workspace;
    private final DropListener events;
    /** In creation order, as DALiuGE lists them; a synchronized map is plenty for a few sessions. */
    private final Map<String, Session> sessions = Collections.synchronizedMap(new LinkedHashMap<>());

    /**
     * @param workspace where session directories are made
     * @param events receives every drop event of every session (the event publisher)
     */
    public NodeManager(Engine engine, Path workspace, DropListener events) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.workspace = Objects.requireNonNull(workspace, "workspace").toAbsolutePath().normalize();
        this.events = Objects.requireNonNull(events, "events");
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
        if (sessions.putIfAbsent(sessionId, session) != null) {
            throw new SessionAlreadyExistsException(sessionId);
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            sessions.remove(sessionId, session);
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
        s.stop();
        try (var c = MDC.putCloseable("sessionId", sessionId)) {
            log.info("session {} destroyed", sessionId);
        }
    }

    /** The sessions, oldest first. */
    public List<Session> allSessions() {
        synchronized (sessions) {
            return new ArrayList<>(sessions.values());
        }
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
        session(sessionId).deploy(completedUids);
    }

    @Override
    public void cancelSession(String sessionId) {
        session(sessionId).cancel();
    }

    @Override
    public void trigger(String sessionId, List<String> uids) {
        session(sessionId).trigger(uids);
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
