package dlg.manager.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which subscribed publishers are alive, from their heartbeats: every publisher sends one on
 * {@link EventJson#HEARTBEAT_TOPIC} at a fixed interval (idle or not), so a publisher heard from
 * once and then silent for the peer timeout is lost: killed, stopped ({@code SIGSTOP}), or its
 * machine gone. Heard again, it is back. The handshake of the events connection counts as
 * hearing from it. A publisher never heard from is not watched: a subscription that never connects
 * fails on its own timeout.
 *
 * <p>Not thread-safe: owned by the subscriber thread. Time is passed in (nanoseconds).
 */
final class PeerWatchdog {

    /** WATCHED -> LOST -> WATCHED. */
    private enum Health { WATCHED, LOST }

    private static final class Peer {
        Health health = Health.WATCHED;
        long lastHeard;
    }

    private final Duration peerTimeout;
    private final long timeoutNanos;
    private final Map<String, Peer> peers = new HashMap<>();
    /** Per publisher, why it last refused this node's handshake, until it is heard again. */
    private final Map<String, String> refusals = new HashMap<>();

    /** @param peerTimeout at least 100 ms */
    PeerWatchdog(Duration peerTimeout) {
        if (peerTimeout.compareTo(Duration.ofMillis(100)) < 0) {
            throw new IllegalArgumentException("peer timeout must be at least 100 ms: " + peerTimeout);
        }
        this.peerTimeout = peerTimeout;
        this.timeoutNanos = peerTimeout.toNanos();
    }

    Duration peerTimeout() {
        return peerTimeout;
    }

    /**
     * How often the subscriber thread looks at the heartbeats: a twentieth of the timeout, at most
     * 0.1 s (one non-blocking read per peer), so a peer is declared lost at most that late.
     */
    long checkIntervalNanos() {
        return Math.min(timeoutNanos / 20, Duration.ofMillis(100).toNanos());
    }

    /**
     * A heartbeat of {@code endpoint} came.
     *
     * @return true if the publisher was lost and is back
     */
    boolean heard(String endpoint, long now) {
        Peer p = peers.computeIfAbsent(endpoint, e -> new Peer());
        p.lastHeard = now;
        refusals.remove(endpoint);
        boolean back = p.health == Health.LOST;
        p.health = Health.WATCHED;
        return back;
    }

    /** Not subscribed any more: not watched. */
    void forget(String endpoint) {
        peers.remove(endpoint);
        refusals.remove(endpoint);
    }

    /** {@code endpoint} refused this node's handshake: when it is lost, that is why. */
    void refused(String endpoint, String why) {
        refusals.put(endpoint, why);
    }

    boolean isLost(String endpoint) {
        Peer p = peers.get(endpoint);
        return p != null && p.health == Health.LOST;
    }

    /** The publishers silent for the timeout, each once until heard again. */
    List<String> newlyLost(long now) {
        List<String> lost = new ArrayList<>(0);
        for (var e : peers.entrySet()) {
            Peer p = e.getValue();
            if (p.health == Health.WATCHED && now - p.lastHeard >= timeoutNanos) {
                p.health = Health.LOST;
                lost.add(e.getKey());
            }
        }
        return lost;
    }

    /** Why {@code endpoint} is lost, naming what was waited for, and the refused handshake if it was one. */
    String reason(String endpoint) {
        String silent = "no heartbeat on its drop events connection " + endpoint + " for " + seconds(peerTimeout);
        String refusal = refusals.get(endpoint);
        return refusal == null ? silent : silent + ": it refused the handshake, " + refusal;
    }

    static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
