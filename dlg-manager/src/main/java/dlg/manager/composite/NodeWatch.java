package dlg.manager.composite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dlg.core.error.DlgException;
import dlg.core.error.RestClientException;
import dlg.core.graph.RawJson;
import dlg.manager.NodeAddress;
import dlg.manager.SubManager;
import dlg.manager.SubManager.Query;
import dlg.manager.client.Fanout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * What the CompositeManager knows of its sub-managers' health and of each session's parts on
 * them, and how it asks them questions accordingly. The {@link NodeHealth heartbeat} tells it
 * how each session stands on each node, and which nodes are down; a session running on a node
 * that goes down has lost it ({@link CompositeSession#lose}). A question is not asked of a node
 * that is down or lost (its kept answer stands in for it, else it fails at once, naming it),
 * nor of a node whose part has ended when the session kept its answer since; a question
 * already waiting on a node stops waiting when the node is found down. Thread-safe.
 */
final class NodeWatch {

    private static final Logger log = LoggerFactory.getLogger(NodeWatch.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The questions whose answers a session keeps (not those about one drop, nor the whole graph). */
    private static final Set<Query> KEPT = Set.of(Query.SESSION_STATUS, Query.GRAPH_STATUS, Query.GRAPH_SIZE, Query.DIR,
            Query.UI_SESSION, Query.UI_DROPS, Query.UI_GRAPH, Query.UI_TIMELINE,
            Query.UI_CONSTRUCTS, Query.UI_FAILURES);
    /** A node's part of at most this many drops has its graph status kept when it ends. */
    static final int KEEP_GRAPH_STATUS_UP_TO = 100_000;

    private final SubManagers clients;
    private final ConcurrentMap<String, CompositeSession> sessions;
    /** Until {@link #start} makes one, no node is ever down. */
    private volatile NodeHealth health;
    /**
     * Runs the heartbeat's calls and the keeping of ended parts: on platform threads, which the
     * CPU-bound virtual threads of a large append or deploy cannot starve (a virtual thread keeps
     * its carrier until it blocks). Reused from beat to beat rather than made for each call; idle
     * ones end after a minute.
     */
    private volatile Executor background = Executors.newCachedThreadPool(
            Thread.ofPlatform().daemon().name("dlg-heartbeat-call-", 0).factory());

    NodeWatch(SubManagers clients, ConcurrentMap<String, CompositeSession> sessions) {
        this.clients = clients;
        this.sessions = sessions;
    }

    // ---- The heartbeat ----

    /** Beats every third of {@code checkTimeout} on {@code scheduler}, its calls on their own platform threads. */
    AutoCloseable start(Duration checkTimeout, ScheduledExecutorService scheduler, Supplier<List<NodeAddress>> nodes) {
        long origin = System.nanoTime();
        start(checkTimeout, () -> (System.nanoTime() - origin) / 1_000_000, background);
        long period = Math.max(1, checkTimeout.toMillis() / 3);
        var task = scheduler.scheduleWithFixedDelay(() -> beat(nodes.get()), period, period, TimeUnit.MILLISECONDS);
        return () -> task.cancel(false);
    }

    /** A heartbeat on a given clock and executor, beating when {@link #beat} is called. */
    void start(Duration checkTimeout, LongSupplier millis, Executor executor) {
        background = executor;
        health = new NodeHealth(checkTimeout, millis, executor, new NodeHealth.Listener() {
            @Override
            public void answered(String node, RawJson sessionLines) {
                heard(node, sessionLines);
            }

            @Override
            public void down(String node, String why) {
                lost(node, why);
            }

            @Override
            public void up(String node) {
                // new sessions may use it again; the sessions that lost it stay failed
            }
        });
    }

    void beat(List<NodeAddress> nodes) {
        NodeHealth h = health;
        if (h != null) {
            try {
                h.tick(clients.of(nodes));
            } catch (RuntimeException e) {
                log.warn("heartbeat failed: {}", e.toString(), e);
            }
        }
    }

    boolean isDown(String node) {
        NodeHealth h = health;
        return h != null && h.isDown(node);
    }

    /** The node's list of sessions ({@link Query#SESSIONS}): how each of ours stands there. */
    void heard(String node, RawJson sessionLines) {
        for (JsonNode line : tree(sessionLines)) {
            CompositeSession s = sessions.get(line.path("sessionId").asText());
            if (s != null && holds(s, node)) {
                status(s, node, line.get("status"), line.path("size").asLong(-1));
            }
        }
    }

    /** The node's status of the session; a part that has just ended is kept. */
    void status(CompositeSession s, String node, JsonNode status) {
        status(s, node, status, -1);
    }

    private void status(CompositeSession s, String node, JsonNode status, long size) {
        if (s.nodeStatus(node, status, size)) {
            background.execute(() -> keepEnded(s, node));
        }
    }

    /** Keeps what an ended part's views need once its node is gone: its UI detail and (if small) graph status. */
    private void keepEnded(CompositeSession s, String node) {
        SubManager c = clients.get(NodeAddress.parse(node));
        List<Query> keep = s.dropsOf(node).size() <= KEEP_GRAPH_STATUS_UP_TO
                ? List.of(Query.UI_SESSION, Query.GRAPH_STATUS) : List.of(Query.UI_SESSION);
        for (Query q : keep) {
            try {
                s.keep(node, q, new String[] {s.id()}, c.ask(q, s.id()), true);
            } catch (RuntimeException e) {
                log.debug("session {}: cannot keep {} of {}: {}", s.id(), q, node, e.toString());
            }
        }
    }

    /** The node is down: each session whose part on it was running has lost it. */
    private void lost(String node, String why) {
        for (CompositeSession s : sessions.values()) {
            if (holds(s, node) && s.lose(node, "node " + node + " lost: " + why)) {
                try (var m = MDC.putCloseable("sessionId", s.id())) {
                    log.warn("session {} FAILED: node {} lost while the session ran ({})", s.id(), node, why);
                }
            }
        }
    }

    /** Why the session cannot ask the node now (down, or lost while the session ran), or null. */
    String unavailable(CompositeSession s, String node) {
        if (s != null && s.isLost(node)) {
            return s.lost().get(node);
        }
        return isDown(node) ? "node " + node + " is down (no answer to its heartbeat)" : null;
    }

    // ---- Questions ----

    /**
     * Asks the nodes that can answer; a node that is down (or was lost by the session) is not
     * asked: its last answer stands in for it if the session kept one, else it fails at once,
     * named. A node whose part has ended answers from memory when the session kept its answer
     * since. An answer from memory has a time of -1.
     *
     * @param s the session the question is about, or null
     */
    Fanout.Settled<RawJson> ask(CompositeSession s, List<NodeAddress> nodes, Query query, String... args) {
        query.check(args);
        boolean keep = s != null && KEPT.contains(query);
        Map<String, RawJson> known = new LinkedHashMap<>();
        Map<String, DlgException> refused = new LinkedHashMap<>();
        Map<String, SubManager> toAsk = new LinkedHashMap<>();
        Map<String, Boolean> endedBefore = new HashMap<>();
        for (NodeAddress n : nodes) {
            String node = n.toString();
            CompositeSession.Kept kept = keep ? s.kept(node, query, args) : null;
            String why = unavailable(s, node);
            if (why != null) {
                if (kept != null) {
                    known.put(node, kept.answer());
                } else {
                    refused.put(node, new RestClientException(why));
                }
            } else if (kept != null && kept.isFinal()) {
                known.put(node, kept.answer());
            } else {
                toAsk.put(node, clients.get(n));
                endedBefore.put(node, keep && s.nodeEnded(node));
            }
        }
        Fanout.Settled<RawJson> asked = toAsk.isEmpty() ? new Fanout.Settled<>(Map.of(), Map.of(), Map.of())
                : Fanout.settle(toAsk, (n, c) -> untilDown(n, () -> c.ask(query, args)));
        Map<String, RawJson> results = new LinkedHashMap<>();
        Map<String, DlgException> failures = new LinkedHashMap<>();
        Map<String, Long> millis = new LinkedHashMap<>();
        for (NodeAddress n : nodes) {
            String node = n.toString();
            RawJson answer = asked.results().get(node);
            if (answer != null) {
                results.put(node, answer);
                millis.put(node, asked.millis().getOrDefault(node, 0L));
                if (keep) {
                    s.keep(node, query, args, answer, endedBefore.get(node));
                }
            } else if (known.containsKey(node)) {
                results.put(node, known.get(node));
                millis.put(node, -1L);
            } else {
                failures.put(node, refused.containsKey(node) ? refused.get(node) : asked.failures().get(node));
                millis.put(node, asked.millis().getOrDefault(node, 0L));
            }
        }
        return new Fanout.Settled<>(results, failures, millis);
    }

    /**
     * The call's answer, or a RestClientException naming the node as soon as the heartbeat finds
     * it down: a question asked just before that (whose own limit may be the graph's) does not
     * keep its caller waiting on a dead node.
     */
    private <T> T untilDown(String node, Supplier<T> call) {
        NodeHealth h = health;
        if (h == null) {
            return call.get();
        }
        CompletableFuture<String> down = h.whenDown(node);
        CompletableFuture<T> answer = new CompletableFuture<>();
        Thread.ofVirtual().name("dlg-call-" + node).start(() -> {
            try {
                answer.complete(call.get());
            } catch (Throwable e) {
                answer.completeExceptionally(e);
            }
        });
        try {
            CompletableFuture.anyOf(answer, down).join();
        } catch (CompletionException failed) {
            // the call failed: thrown below
        }
        if (!answer.isDone()) {
            throw new RestClientException("node " + node + " is down: " + down.getNow(""));
        }
        try {
            return answer.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    // ---- Helpers ----

    private static boolean holds(CompositeSession s, String node) {
        for (NodeAddress n : s.subManagers()) {
            if (n.toString().equals(node)) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode tree(RawJson json) {
        try {
            return MAPPER.readTree(json.json());
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable answer: " + e.getMessage(), e);
        }
    }
}
