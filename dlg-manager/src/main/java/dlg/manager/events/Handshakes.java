package dlg.manager.events;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Whether each subscribed publisher accepts this node's handshake, from what the events socket's
 * monitor tells (and, with CURVE, from heartbeats). JeroMQ tells a client nothing when the
 * mechanisms differ (a secret on one side only) or when the server cannot open its CURVE hello
 * (another secret): the connection just closes, and ZeroMQ does not connect again, as after any
 * protocol error, where it does after a lost connection or a stalled handshake. So a connection
 * that closes and is not retried within {@link #SETTLE_NANOS} was refused, and so were
 * {@link #UNPROVEN_CLOSES} in a row that closed during their handshake. The subscriber thread
 * then connects again itself, with back-off.
 *
 * <p>A connection's {@code CONNECTED} event may come after its greeting or its close: ZeroMQ
 * connects on one I/O thread (it tells {@code CONNECTED} once it has handed the connection over)
 * and handshakes on the socket's session's, and with several I/O threads these may be two. So a
 * greeting or a close also counts while the link is still CONNECTING, and a late
 * {@code CONNECTED} changes nothing.
 *
 * <p>Not thread-safe: owned by the subscriber thread. Time is passed in (nanoseconds).
 */
final class Handshakes {

    /** The events connection to one publisher. */
    enum Link {
        /** Asked for, not connected (or ZeroMQ connects again). */
        CONNECTING,
        /** TCP connected, the greeting under way. */
        CONNECTED,
        /** The ZMTP greeting is done; with CURVE, its handshake follows. */
        GREETED,
        /** Seen to work: greeted (NULL mechanism), or a heartbeat came through (CURVE). */
        PROVEN,
        /**
         * Closed: lost if ZeroMQ connects again, refused if not (even once proven: the proof may
         * have been a heartbeat still queued from before a restart).
         */
        CLOSED,
        /** Refused: the subscriber thread connects again once its delay is over. */
        REFUSED
    }

    /** Which link may follow which; anything else is an event out of order, ignored. */
    private static final Map<Link, Set<Link>> NEXT = new EnumMap<>(Map.of(
            Link.CONNECTING, EnumSet.of(Link.CONNECTED, Link.GREETED, Link.PROVEN, Link.CLOSED, Link.REFUSED),
            Link.CONNECTED, EnumSet.of(Link.GREETED, Link.PROVEN, Link.CLOSED, Link.REFUSED),
            Link.GREETED, EnumSet.of(Link.PROVEN, Link.CLOSED, Link.REFUSED),
            Link.PROVEN, EnumSet.of(Link.CLOSED, Link.REFUSED),
            Link.CLOSED, EnumSet.of(Link.CONNECTING, Link.REFUSED),
            Link.REFUSED, EnumSet.of(Link.CONNECTING)));

    /**
     * Connections in a row that closed during their handshake, though ZeroMQ connected again: the
     * publisher refused them too. Which side sees a mechanism mismatch first is a race: when the
     * publisher closes before this side has read its greeting, ZeroMQ takes it for a lost
     * connection and retries, for ever.
     */
    static final int UNPROVEN_CLOSES = 3;

    /** ZeroMQ announces a retry as soon as its I/O thread has handled the close. */
    static final long SETTLE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** The first delay before connecting again to a publisher that refused; doubled each time, up to the max. */
    static final long RETRY_FIRST_MILLIS = 1_000;
    static final long RETRY_MAX_MILLIS = 10_000;

    private static final class Peer {
        Link link = Link.CONNECTING;
        long since;
        /** Whether the connection's greeting was done (of this connection: false again at each CONNECTING). */
        boolean greeted;
        long retryAt;
        long backoffMillis;
        /** Connections that closed before they were proven, since the last proof. */
        int unprovenCloses;
    }

    private final boolean curve;
    private final Map<String, Peer> peers = new HashMap<>();

    /** @param curve whether this node is a CURVE client (it holds the cluster's secret) */
    Handshakes(boolean curve) {
        this.curve = curve;
    }

    /** Subscribed to {@code endpoint}: its events count from now. */
    void watch(String endpoint) {
        peers.putIfAbsent(endpoint, new Peer());
    }

    /** Whether every watched publisher's link is settled: working, or refused until its retry. */
    boolean settled() {
        for (Peer p : peers.values()) {
            if (p.link != Link.PROVEN && p.link != Link.REFUSED) {
                return false;
            }
        }
        return true;
    }

    void forget(String endpoint) {
        peers.remove(endpoint);
    }

    Link link(String endpoint) {
        Peer p = peers.get(endpoint);
        return p == null ? null : p.link;
    }

    void connected(String endpoint, long now) {
        Peer p = peers.get(endpoint);
        if (p != null) {
            move(p, Link.CONNECTED, now); // late after its greeting or close: ignored
        }
    }

    /** The greeting is done. Returns true if that proves the connection (the NULL mechanism). */
    boolean greeted(String endpoint, long now) {
        Peer p = peers.get(endpoint);
        if (p == null) {
            return false;
        }
        p.greeted = true;
        return move(p, Link.GREETED, now) && !curve && proven(endpoint, now);
    }

    /** The connection works. Returns true if it was not known to. */
    boolean proven(String endpoint, long now) {
        Peer p = peers.get(endpoint);
        if (p == null || !move(p, Link.PROVEN, now)) {
            return false;
        }
        p.backoffMillis = 0;
        p.unprovenCloses = 0;
        return true;
    }

    /** The connection closed: ZeroMQ connects again ({@link #retried}), or it was refused ({@link #settle}). */
    void closed(String endpoint, long now) {
        Peer p = peers.get(endpoint);
        if (p != null) {
            Link was = p.link;
            if (move(p, Link.CLOSED, now) && was != Link.PROVEN) {
                p.unprovenCloses++;
            }
        }
    }

    /** ZeroMQ connects again. Returns true if the connection had closed: it was lost, not refused. */
    boolean retried(String endpoint, long now) {
        Peer p = peers.get(endpoint);
        return p != null && p.link == Link.CLOSED && move(p, Link.CONNECTING, now);
    }

    /**
     * The handshake failed and said so (a ZAP refusal, a malformed command). Returns why, to
     * report, or null if this connection's refusal is known already.
     */
    String failed(String endpoint, long now, String detail) {
        Peer p = peers.get(endpoint);
        return p != null && refuse(p, now) ? detail + ": " + mismatch(true) : null;
    }

    /** The publishers whose connection closed and was not retried: now refused, with why. */
    Map<String, String> settle(long now) {
        Map<String, String> refused = new LinkedHashMap<>(0);
        for (var e : peers.entrySet()) {
            Peer p = e.getValue();
            boolean notRetried = p.link == Link.CLOSED && now - p.since >= SETTLE_NANOS;
            boolean closedTooOften = p.link == Link.CONNECTING && p.unprovenCloses >= UNPROVEN_CLOSES;
            boolean greeted = p.greeted;
            if ((notRetried || closedTooOften) && refuse(p, now)) {
                refused.put(e.getKey(), notRetried ? mismatch(greeted) : "it closed " + UNPROVEN_CLOSES
                        + " connections in a row during their handshake: " + mismatch(greeted)
                        + ", or it is not a dlg NodeManager's event port");
            }
        }
        return refused;
    }

    /** The refused publishers to connect to again now (they are CONNECTING from here). */
    List<String> dueRetries(long now) {
        List<String> due = new ArrayList<>(0);
        for (var e : peers.entrySet()) {
            Peer p = e.getValue();
            if (p.link == Link.REFUSED && now - p.retryAt >= 0 && move(p, Link.CONNECTING, now)) {
                due.add(e.getKey());
            }
        }
        return due;
    }

    private boolean refuse(Peer p, long now) {
        if (!move(p, Link.REFUSED, now)) {
            return false;
        }
        p.unprovenCloses = 0;
        p.backoffMillis = p.backoffMillis == 0 ? RETRY_FIRST_MILLIS : Math.min(2 * p.backoffMillis, RETRY_MAX_MILLIS);
        p.retryAt = now + TimeUnit.MILLISECONDS.toNanos(p.backoffMillis);
        return true;
    }

    /** Why a publisher refuses this node's handshake, as far as this side can tell. */
    private String mismatch(boolean greeted) {
        if (!curve) { // a guarded publisher refuses the NULL mechanism at the greeting
            return "it demands the cluster's secret, which this node does not hold (--auth-token-file)";
        }
        return greeted ? "it does not hold this cluster's secret (it holds another one)"
                : "it does not hold this cluster's secret (it has none)";
    }

    /** The one method that changes a link. */
    private static boolean move(Peer p, Link to, long now) {
        if (p.link == to || !NEXT.get(p.link).contains(to)) {
            return false;
        }
        p.link = to;
        p.since = now;
        if (to == Link.CONNECTING) {
            p.greeted = false; // a new connection, whatever the last one's greeting proved
        }
        return true;
    }
}
