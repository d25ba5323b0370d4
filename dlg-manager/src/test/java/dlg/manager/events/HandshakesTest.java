package dlg.manager.events;

import static org.assertj.core.api.Assertions.assertThat;

import dlg.manager.events.Handshakes.Link;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HandshakesTest {

    private static final String EP = "tcp://10.0.0.2:5555";
    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000 * MS;

    private final Handshakes open = new Handshakes(false);
    private final Handshakes curve = new Handshakes(true);

    @Test
    void nullMechanism_greeting_provesTheConnection() {
        open.watch(EP);
        open.connected(EP, 0);

        assertThat(open.greeted(EP, MS)).isTrue();
        assertThat(open.link(EP)).isEqualTo(Link.PROVEN);
    }

    @Test
    void curve_greetingProvesNothing_aHeartbeatDoes() {
        curve.watch(EP);
        curve.connected(EP, 0);

        assertThat(curve.greeted(EP, MS)).isFalse();
        assertThat(curve.link(EP)).isEqualTo(Link.GREETED);
        assertThat(curve.proven(EP, 2 * MS)).isTrue();
        assertThat(curve.proven(EP, 3 * MS)).as("told once").isFalse();
    }

    @Test
    void closedBeforeItWorked_andRetriedByZeroMq_isALostConnection() {
        curve.watch(EP);
        curve.connected(EP, 0);

        curve.closed(EP, MS);
        assertThat(curve.retried(EP, 2 * MS)).isTrue();
        assertThat(curve.settle(500 * MS)).isEmpty();
        assertThat(curve.link(EP)).isEqualTo(Link.CONNECTING);
    }

    @Test
    void closedDuringItsHandshake_threeTimesInARow_thoughRetried_isRefused() {
        curve.watch(EP);
        long t = 0;
        for (int i = 0; i < Handshakes.UNPROVEN_CLOSES; i++) {
            assertThat(curve.settle(t)).as("not before the " + Handshakes.UNPROVEN_CLOSES + "th").isEmpty();
            curve.connected(EP, t += MS);
            curve.closed(EP, t += MS);
            assertThat(curve.retried(EP, t += MS)).isTrue();
        }

        assertThat(curve.settle(t += MS)).containsEntry(EP, "it closed 3 connections in a row during their handshake:"
                + " it does not hold this cluster's secret (it has none), or it is not a dlg NodeManager's event port");
        assertThat(curve.link(EP)).isEqualTo(Link.REFUSED);
    }

    @Test
    void closesBeforeItWorked_countAgainFromAProof() {
        curve.watch(EP);
        long t = 0;
        for (int i = 0; i < Handshakes.UNPROVEN_CLOSES - 1; i++) {
            curve.connected(EP, t += MS);
            curve.closed(EP, t += MS);
            curve.retried(EP, t += MS);
        }
        curve.connected(EP, t += MS);
        curve.proven(EP, t += MS);
        curve.closed(EP, t += MS); // after it worked: not counted
        curve.retried(EP, t += MS);
        curve.connected(EP, t += MS);
        curve.closed(EP, t += MS);
        curve.retried(EP, t += MS);

        assertThat(curve.settle(t += MS)).isEmpty();
        assertThat(curve.link(EP)).isEqualTo(Link.CONNECTING);
    }

    @Test
    void closedBeforeItWorked_notRetried_isRefused_namingTheLikelyCause() {
        Handshakes other = new Handshakes(true);
        for (Handshakes h : new Handshakes[] {open, curve, other}) {
            h.watch(EP);
            h.connected(EP, 0);
        }
        other.greeted(EP, MS); // another secret: greeted, then the CURVE hello fails
        for (Handshakes h : new Handshakes[] {open, curve, other}) {
            h.closed(EP, 2 * MS);
        }

        assertThat(curve.settle(2 * MS + Handshakes.SETTLE_NANOS - 1)).isEmpty();
        assertThat(open.settle(2 * MS + Handshakes.SETTLE_NANOS)).isEqualTo(Map.of(EP,
                "it demands the cluster's secret, which this node does not hold (--auth-token-file)"));
        assertThat(curve.settle(2 * MS + Handshakes.SETTLE_NANOS))
                .isEqualTo(Map.of(EP, "it does not hold this cluster's secret (it has none)"));
        assertThat(other.settle(2 * MS + Handshakes.SETTLE_NANOS))
                .isEqualTo(Map.of(EP, "it does not hold this cluster's secret (it holds another one)"));
        assertThat(curve.settle(SECOND)).as("told once").isEmpty();
    }

    @Test
    void closedAfterItWorked_andRetried_isLost_notRefused() {
        open.watch(EP);
        open.connected(EP, 0);
        open.greeted(EP, 0);

        open.closed(EP, MS);
        assertThat(open.retried(EP, 2 * MS)).isTrue();
        assertThat(open.settle(SECOND)).isEmpty();
    }

    /** A heartbeat queued before the publisher restarted with another secret proved the new connection. */
    @Test
    void provenByAStaleHeartbeat_thenClosedAndNotRetried_isRefused() {
        curve.watch(EP);
        curve.connected(EP, 0);
        assertThat(curve.proven(EP, MS)).isTrue();
        curve.greeted(EP, 2 * MS);
        curve.closed(EP, 3 * MS);

        assertThat(curve.settle(3 * MS + Handshakes.SETTLE_NANOS))
                .isEqualTo(Map.of(EP, "it does not hold this cluster's secret (it holds another one)"));
    }

    @Test
    void refused_isRetried_afterADelayThatDoubles_upToTheMax_andAfterWorkingStartsAgain() {
        long t = 0;
        long[] delays = {1_000, 2_000, 4_000, 8_000, 10_000, 10_000};
        curve.watch(EP);
        for (long delay : delays) {
            t = refuse(curve, t);
            assertThat(curve.dueRetries(t + delay * MS - 1)).isEmpty();
            t += delay * MS;
            assertThat(curve.dueRetries(t)).containsExactly(EP);
            assertThat(curve.link(EP)).isEqualTo(Link.CONNECTING);
        }
        curve.proven(EP, t);
        curve.closed(EP, t);
        t = refuse(curve, t);
        assertThat(curve.dueRetries(t + SECOND)).containsExactly(EP);
    }

    @Test
    void failedHandshake_isRefusedOnce_andItsCloseIsNotToldAgain() {
        curve.watch(EP);
        curve.connected(EP, 0);

        assertThat(curve.failed(EP, MS, "it does not admit this node's key (ZAP status 400)"))
                .isEqualTo("it does not admit this node's key (ZAP status 400): it does not hold this cluster's"
                        + " secret (it holds another one)");
        curve.closed(EP, 2 * MS);
        assertThat(curve.failed(EP, 3 * MS, "again")).isNull();
        assertThat(curve.settle(SECOND)).isEmpty();
        assertThat(curve.link(EP)).isEqualTo(Link.REFUSED);
    }

    @Test
    void refused_aLateHeartbeat_provesNothing() {
        curve.watch(EP);
        refuse(curve, 0);

        assertThat(curve.proven(EP, SECOND / 2)).isFalse();
        assertThat(curve.link(EP)).isEqualTo(Link.REFUSED);
    }

    /*
     * ZeroMQ tells CONNECTED from the I/O thread that connected and the handshake's events from
     * the session's: with several I/O threads, CONNECTED may come after them.
     */

    @Test
    void nullMechanism_greetingBeforeItsConnectedEvent_provesTheConnection() {
        open.watch(EP);

        assertThat(open.greeted(EP, MS)).isTrue();
        open.connected(EP, 2 * MS);
        assertThat(open.link(EP)).isEqualTo(Link.PROVEN);
    }

    @Test
    void closedBeforeItsConnectedEvent_notRetried_isRefused() {
        open.watch(EP);
        open.closed(EP, MS);
        open.connected(EP, 2 * MS);

        assertThat(open.link(EP)).isEqualTo(Link.CLOSED);
        assertThat(open.settle(MS + Handshakes.SETTLE_NANOS)).isEqualTo(Map.of(EP,
                "it demands the cluster's secret, which this node does not hold (--auth-token-file)"));
    }

    @Test
    void curve_greetedAndClosedBeforeItsConnectedEvent_isRefusedAsHoldingAnotherSecret() {
        curve.watch(EP);
        assertThat(curve.greeted(EP, MS)).isFalse();
        curve.closed(EP, 2 * MS);
        curve.connected(EP, 3 * MS);

        assertThat(curve.settle(2 * MS + Handshakes.SETTLE_NANOS))
                .isEqualTo(Map.of(EP, "it does not hold this cluster's secret (it holds another one)"));
    }

    @Test
    void closedBeforeItsConnectedEvent_threeTimesInARow_thoughRetried_isRefused() {
        curve.watch(EP);
        long t = 0;
        for (int i = 0; i < Handshakes.UNPROVEN_CLOSES; i++) {
            curve.closed(EP, t += MS);
            curve.connected(EP, t += MS);
            assertThat(curve.retried(EP, t += MS)).isTrue();
        }

        assertThat(curve.settle(t + MS)).containsOnlyKeys(EP);
    }

    @Test
    void aRetriedConnection_isNotGreetedByTheLastOnesGreeting() {
        curve.watch(EP);
        curve.connected(EP, 0);
        curve.greeted(EP, MS); // another secret
        curve.closed(EP, 2 * MS);
        curve.retried(EP, 3 * MS);
        curve.closed(EP, 4 * MS); // closed before its greeting: this publisher has no secret now

        assertThat(curve.settle(4 * MS + Handshakes.SETTLE_NANOS))
                .isEqualTo(Map.of(EP, "it does not hold this cluster's secret (it has none)"));
    }

    @Test
    void settled_whenEveryLinkWorksOrIsRefused() {
        assertThat(curve.settled()).as("nothing watched").isTrue();
        curve.watch(EP);
        curve.watch("tcp://10.0.0.3:5555");
        assertThat(curve.settled()).isFalse();
        curve.connected(EP, 0);
        curve.proven(EP, MS);
        assertThat(curve.settled()).as("one still connecting").isFalse();
        refuse(curve, 2 * MS, "tcp://10.0.0.3:5555");

        assertThat(curve.settled()).isTrue();
        curve.closed(EP, SECOND);
        assertThat(curve.settled()).isFalse();
    }

    @Test
    void notWatched_orForgotten_eventsAreIgnored() {
        curve.watch(EP);
        curve.forget(EP);
        curve.connected(EP, 0);
        curve.closed(EP, MS);

        assertThat(curve.settle(SECOND)).isEmpty();
        assertThat(curve.link(EP)).isNull();
        assertThat(curve.proven("tcp://other:1", 0)).isFalse();
    }

    /** Connects, closes before it works, settles: refused. Returns the time it was. */
    private static long refuse(Handshakes h, long t) {
        return refuse(h, t, EP);
    }

    private static long refuse(Handshakes h, long t, String endpoint) {
        h.connected(endpoint, t);
        h.closed(endpoint, t + MS);
        long at = t + MS + Handshakes.SETTLE_NANOS;
        assertThat(h.settle(at)).containsOnlyKeys(endpoint);
        return at;
    }
}
