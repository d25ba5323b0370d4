package dlg.manager.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PeerWatchdogTest {

    private static final long SECOND = 1_000_000_000L;
    private final PeerWatchdog dog = new PeerWatchdog(Duration.ofSeconds(10));

    @Test
    void newlyLost_silentForTheTimeout_isLostOnce() {
        dog.heard("tcp://10.0.0.2:5555", 0);
        dog.heard("tcp://10.0.0.3:5555", 0);
        dog.heard("tcp://10.0.0.3:5555", 5 * SECOND);

        assertThat(dog.newlyLost(10 * SECOND - 1)).isEmpty();
        assertThat(dog.newlyLost(10 * SECOND)).containsExactly("tcp://10.0.0.2:5555");
        assertThat(dog.newlyLost(11 * SECOND)).isEmpty(); // reported once
        assertThat(dog.isLost("tcp://10.0.0.2:5555")).isTrue();
        assertThat(dog.isLost("tcp://10.0.0.3:5555")).isFalse();
    }

    @Test
    void heard_afterBeingLost_isBackAndWatchedAgain() {
        dog.heard("tcp://10.0.0.2:5555", 0);
        dog.newlyLost(10 * SECOND);

        assertThat(dog.heard("tcp://10.0.0.2:5555", 12 * SECOND)).isTrue();
        assertThat(dog.heard("tcp://10.0.0.2:5555", 13 * SECOND)).isFalse();
        assertThat(dog.isLost("tcp://10.0.0.2:5555")).isFalse();
        assertThat(dog.newlyLost(23 * SECOND)).containsExactly("tcp://10.0.0.2:5555");
    }

    @Test
    void newlyLost_neverHeardOrForgotten_isNotWatched() {
        dog.heard("tcp://10.0.0.2:5555", 0);
        dog.forget("tcp://10.0.0.2:5555");

        assertThat(dog.newlyLost(60 * SECOND)).isEmpty();
    }

    @Test
    void timeNearTheWrapOfNanoTime_isCountedAsElapsed() {
        dog.heard("tcp://10.0.0.2:5555", Long.MAX_VALUE - SECOND);

        assertThat(dog.newlyLost(Long.MIN_VALUE + 9 * SECOND)).containsExactly("tcp://10.0.0.2:5555");
    }

    @Test
    void reason_namesTheEndpointAndTheTimeout() {
        assertThat(dog.reason("tcp://10.0.0.2:5555"))
                .isEqualTo("no heartbeat on its drop events connection tcp://10.0.0.2:5555 for 10 s");
        assertThat(new PeerWatchdog(Duration.ofMillis(2500)).reason("tcp://h:1")).endsWith("for 2.5 s");
    }

    @Test
    void reason_refusedHandshake_isNamedUntilHeardAgain() {
        dog.heard("tcp://10.0.0.2:5555", 0);
        dog.refused("tcp://10.0.0.2:5555", "it does not hold this cluster's secret (it holds another one)");

        assertThat(dog.reason("tcp://10.0.0.2:5555")).isEqualTo("no heartbeat on its drop events connection"
                + " tcp://10.0.0.2:5555 for 10 s: it refused the handshake, it does not hold this cluster's secret"
                + " (it holds another one)");
        dog.heard("tcp://10.0.0.2:5555", SECOND);
        assertThat(dog.reason("tcp://10.0.0.2:5555")).doesNotContain("refused");
    }

    @Test
    void refused_neverHeard_isNotWatched() {
        dog.refused("tcp://10.0.0.2:5555", "it has none");

        assertThat(dog.newlyLost(60 * SECOND)).isEmpty();
    }

    @Test
    void constructor_timeoutBelow100Ms_isRefused() {
        assertThatThrownBy(() -> new PeerWatchdog(Duration.ofMillis(99)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT0.099S");
    }
}
