package dlg.manager.composite;

import dlg.core.graph.RawJson;
import dlg.manager.SubManager;
import dlg.manager.SubManager.Query;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sub-managers' heartbeat. At each {@link #tick} every sub-manager is asked its list of
 * sessions ({@link Query#SESSIONS}: one short call, whose answer also says how each session
 * stands there); one that has not answered for the check timeout is DOWN, whether it is gone
 * (its port refuses) or stopped (it accepts and never answers), and UP again once it answers.
 * Silence alone is not enough: its last question must have failed too (refused, or unanswered
 * for the client's limit, which is the check timeout), so that a question still in flight to a
 * busy node, or whose answer is late because this process is short of CPU, never makes a healthy
 * node down.
 * A node is asked again only when its previous question has settled, so a hung node costs one
 * pending call, not one per tick.
 *
 * <p>Time is the injected {@code millis}; the calls run on the injected executor (a direct one in
 * tests). Thread-safe.
 */
final class NodeHealth {

    private static final Logger log = LoggerFactory.getLogger(NodeHealth.class);

    /** What the heartbeat learns, told on the calling thread. */
    interface Listener {
        /** The node answered its list of sessions. */
        void answered(String node, RawJson sessions);

        /** The node has not answered for the check timeout (told once until it is back). */
        void down(String node, String why);

        /** A node that was down answers again. */
        void up(String node);
    }

    private final long timeoutMillis;
    private final LongSupplier millis;
    private final Executor executor;
    private final Listener listener;
    private final Map<String, Long> lastAnswer = new ConcurrentHashMap<>();
    private final Map<String, String> lastFailure = new ConcurrentHashMap<>();
    private final Set<String> down = ConcurrentHashMap.newKeySet();
    private final Set<String> asking = ConcurrentHashMap.newKeySet();
    /** Per node, completed with why when it goes down: calls already waiting on it stop waiting. */
    private final Map<String, CompletableFuture<String>> downs = new ConcurrentHashMap<>();

    NodeHealth(Duration timeout, LongSupplier millis, Executor executor, Listener listener) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the check timeout must be positive, not " + timeout);
        }
        this.timeoutMillis = timeout.toMillis();
        this.millis = Objects.requireNonNull(millis, "millis");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * One heartbeat over {@code nodes} (by node string): judge each (down when it has been silent
     * for the check timeout, its last question failed and none is pending), then ask each that
     * has no question pending.
     */
    void tick(Map<String, SubManager> nodes) {
        long now = millis.getAsLong();
        for (String node : nodes.keySet()) {
            lastAnswer.putIfAbsent(node, now); // a new node has the whole timeout
            judge(node);
        }
        for (var e : nodes.entrySet()) {
            if (asking.add(e.getKey())) {
                executor.execute(() -> ask(e.getKey(), e.getValue()));
            }
        }
        lastAnswer.keySet().retainAll(nodes.keySet());
        down.retainAll(nodes.keySet());
    }

    private void judge(String node) {
        long silent = millis.getAsLong() - lastAnswer.getOrDefault(node, Long.MAX_VALUE);
        String failure = lastFailure.get(node);
        if (silent >= timeoutMillis && failure != null && !asking.contains(node) && down.add(node)) {
            String why = "no answer for " + silent + " ms (" + failure + ")";
            log.warn("node {} is down: {}", node, why);
            whenDown(node).complete(why);
            listener.down(node, why);
        }
    }

    private void ask(String node, SubManager sub) {
        try {
            RawJson sessions = sub.ask(Query.SESSIONS);
            lastAnswer.put(node, millis.getAsLong());
            lastFailure.remove(node);
            if (down.remove(node)) {
                downs.remove(node);
                log.info("node {} is back", node);
                listener.up(node);
            }
            listener.answered(node, sessions);
        } catch (RuntimeException e) {
            lastFailure.put(node, String.valueOf(e.getMessage()));
            log.debug("heartbeat of {} failed: {}", node, e.toString());
            asking.remove(node);
            judge(node); // a node silent for long enough is down now, not at the next beat
        } finally {
            asking.remove(node);
        }
    }

    /** Completed with why once the node goes down (from now on: a node already down gives a completed one). */
    CompletableFuture<String> whenDown(String node) {
        return downs.computeIfAbsent(node, n -> new CompletableFuture<>());
    }

    /** Whether the node has been silent for the check timeout (and has not answered since). */
    boolean isDown(String node) {
        return down.contains(node);
    }
}
