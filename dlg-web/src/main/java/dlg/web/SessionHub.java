package dlg.web;

import dlg.core.error.NoSessionException;
import dlg.manager.composite.CompositeManager;
import dlg.manager.composite.CompositeSession;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A composite's live feed of one session: it listens to the session's feed on every sub-manager
 * ({@link CompositeManager#follow}) and passes each event on to its pages at once, merged: the summary over all
 * nodes, the counts of the groups that moved summed over the nodes, the drops that changed as
 * they are (oids are unique in a session). A node whose feed breaks shows in the summary until it
 * is back; it then sends a snapshot, and the pages read their drops again.
 *
 * <p>Threading: events come on the upstreams' threads and are handled one at a time (the hub's
 * lock); pages are written by their own channels.
 */
final class SessionHub {

    private static final Logger log = LoggerFactory.getLogger(SessionHub.class);

    private final String sessionId;
    private final CompositeManager cm;
    private final CompositeSession session;
    private final Runnable onEmpty;
    private final java.time.Clock clock;
    private final List<String> nodes;
    private final List<SseChannel> pages = new ArrayList<>(); // guarded by this
    private final Map<String, SessionLine> lines = new HashMap<>(); // by node; guarded by this
    private final Map<String, String> errors = new HashMap<>();
    private final Map<String, Map<String, Map<String, Long>>> groups = new HashMap<>(); // node -> key -> counts
    private AutoCloseable upstreams; // the sub-managers' feeds; guarded by this
    private boolean closed;

    /** Reads every node's state of the session first (their feeds then keep it up to date). */
    SessionHub(String sessionId, CompositeSource source, Runnable onEmpty) {
        this.sessionId = sessionId;
        this.cm = source.manager();
        this.session = cm.session(sessionId);
        this.onEmpty = onEmpty;
        this.clock = source.clock();
        this.nodes = CompositeSource.names(session.subManagers());
        Map<String, SessionDetail> details = new HashMap<>();
        source.nodeDetails(sessionId, details, errors);
        details.forEach((node, d) -> lines.put(node, d.session()));
    }

    /** Starts listening to the sub-managers. */
    synchronized void start() {
        CompositeManager.FeedListener listener = new CompositeManager.FeedListener() {
            @Override
            public void event(String node, String event, String data) {
                onEvent(node, event, data);
            }

            @Override
            public void alive(String node) {
                heartbeat();
            }

            @Override
            public void lost(String node, String why) {
                onLost(node, why);
            }
        };
        upstreams = cm.follow(sessionId, listener);
    }

    /** @return false if the hub has closed meanwhile (make a new one) */
    synchronized boolean join(SseChannel page) {
        if (closed) {
            return false;
        }
        pages.add(page);
        page.send("snapshot", Json.write(new LiveEvent(summary(), null, mergedGroups(null), null, true)));
        return true;
    }

    private synchronized void onEvent(String node, String event, String data) {
        if (closed) {
            return;
        }
        if (event.equals("gone")) {
            try {
                cm.session(sessionId);
                errors.put(node, "the node no longer has the session");
                lines.remove(node);
                broadcast("delta", new LiveEvent(summary(), null, null, null, null));
            } catch (NoSessionException e) {
                pages.forEach(p -> {
                    p.send("gone", data);
                    p.close();
                });
                pages.clear();
                closeIfEmpty();
            }
            return;
        }
        LiveEvent e;
        try {
            e = Json.read(data, LiveEvent.class);
        } catch (RuntimeException x) {
            log.debug("unreadable event from {}: {}", node, x.toString());
            return;
        }
        errors.remove(node);
        if (e.summary() != null) {
            lines.put(node, e.summary());
        }
        if (e.groups() != null) {
            groups.computeIfAbsent(node, k -> new HashMap<>()).putAll(e.groups());
        }
        boolean resync = event.equals("snapshot");
        broadcast("delta", new LiveEvent(summary(), e.changes(), e.groups() == null ? null : mergedGroups(e.groups().keySet()),
                e.truncated(), resync ? true : null));
    }

    private synchronized void onLost(String node, String why) {
        if (closed) {
            return;
        }
        boolean first = !errors.containsKey(node);
        errors.put(node, "live feed lost: " + why);
        lines.remove(node);
        if (first) {
            log.debug("session {}: live feed of {} lost: {}", sessionId, node, why);
        }
        broadcast("delta", new LiveEvent(summary(), null, null, null, null));
    }

    private synchronized void heartbeat() {
        pages.removeIf(p -> !p.heartbeat());
        closeIfEmpty();
    }

    private void broadcast(String event, LiveEvent e) {
        String json = Json.write(e);
        pages.removeIf(p -> !p.send(event, json));
        closeIfEmpty();
    }

    private void closeIfEmpty() {
        if (pages.isEmpty() && !closed) {
            closed = true;
            if (upstreams != null) {
                try {
                    upstreams.close();
                } catch (Exception e) {
                    log.debug("session {}: closing the live feeds: {}", sessionId, e.toString());
                }
            }
            onEmpty.run();
        }
    }

    private SessionLine summary() {
        Map<String, SessionLine> answered = new LinkedHashMap<>();
        for (String n : nodes) {
            if (lines.containsKey(n)) {
                answered.put(n, lines.get(n));
            }
        }
        return SessionMerge.merge(sessionId, nodes, answered, errors, session.problems(), clock.millis());
    }

    /** The groups' counts summed over the nodes; only {@code keys} (all when null). */
    private Map<String, Map<String, Long>> mergedGroups(java.util.Set<String> keys) {
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        for (Map<String, Map<String, Long>> byKey : groups.values()) {
            byKey.forEach((key, counts) -> {
                if (keys == null || keys.contains(key)) {
                    Map<String, Long> sum = out.computeIfAbsent(key, k -> new LinkedHashMap<>());
                    counts.forEach((state, n) -> sum.merge(state, n, Long::sum));
                }
            });
        }
        return out.isEmpty() && keys == null ? null : out;
    }
}
