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

    /** One heartbeat over {@code nodes} (by node string): ask each, then judge each. */
    void tick(Map<String, SubManager> nodes) {
        long now = millis.getAsLong();
        for (var e : nodes.entrySet()) {
            String node = e.getKey();
            lastAnswer.putIfAbsent(node, now); // a node first seen has the whole timeout to answer
            if (asking.add(node)) {
                executor.execute(() -> ask(node, e.getValue()));
            }
        }
        now = millis.getAsLong();
        for (String node : nodes.keySet()) {
            long silent = now - lastAnswer.getOrDefault(node, now);
            if (silent >= timeoutMillis && down.add(node)) {
                String failure = lastFailure.get(node);
                String why = "no answer for " + silent + " ms" + (failure == null ? "" : " (" + failure + ")");
                log.warn("node {} is down: {}", node, why);
                whenDown(node).complete(why);
                listener.down(node, why);
            }
        }
        lastAnswer.keySet().retainAll(nodes.keySet());
        down.retainAll(nodes.keySet());
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
