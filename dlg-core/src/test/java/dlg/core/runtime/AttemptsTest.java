package dlg.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AttemptsTest {

    private static long delayAfter(Attempts a, int attempt) {
        a.attempt = attempt;
        return a.delayMillis();
    }

    @Test
    void delayMillis_doublesAfterEachFailedAttempt() {
        Attempts a = new Attempts(10, 0, 1000);
        assertThat(delayAfter(a, 1)).isEqualTo(1000);
        assertThat(delayAfter(a, 2)).isEqualTo(2000);
        assertThat(delayAfter(a, 3)).isEqualTo(4000);
    }

    @Test
    void delayMillis_isCappedAtTenMinutes() {
        assertThat(delayAfter(new Attempts(100, 0, 1000), 60)).isEqualTo(Attempts.MAX_DELAY_MILLIS);
    }

    @Test
    void delayMillis_retryDelayOverTheCap_staysAtRetryDelay() {
        assertThat(delayAfter(new Attempts(5, 0, 3_600_000), 3)).isEqualTo(3_600_000);
    }

    @Test
    void delayMillis_noRetryDelay_isZero() {
        assertThat(delayAfter(new Attempts(5, 0, 0), 4)).isZero();
    }

    @Test
    void isLast_afterTheLastTry_isTrue() {
        Attempts a = new Attempts(2, 0, 0);
        a.attempt = 1;
        assertThat(a.isLast()).isFalse();
        a.attempt = 2;
        assertThat(a.isLast()).isTrue();
    }

    @Test
    void seconds_wholeAndFractional() {
        assertThat(Attempts.seconds(2000)).isEqualTo("2 s");
        assertThat(Attempts.seconds(1500)).isEqualTo("1.5 s");
        assertThat(Attempts.seconds(250)).isEqualTo("0.25 s");
        assertThat(new Attempts(1, 30_000, 0).timeoutMessage()).isEqualTo("timed out after 30 s");
    }
}
