package dlg.core.runtime;

import java.util.Locale;

/**
 * The attempts of one app that may run more than once or for a limited time: how many it may
 * make ({@code n_tries}), how long each may take ({@code timeout}), how long to wait before the
 * next ({@code retry_delay}, doubled after every failed attempt, at most {@link #MAX_DELAY_MILLIS}
 * or {@code retry_delay} itself if that is longer). Made when the app starts running, only if
 * one of these is set, so that an app without limits costs nothing more.
 *
 * <p>Threading: {@link #attempt} is written by the thread running the attempt before the app is
 * called and read by timers after; {@link #timedOut} is set by the timeout and read by the
 * running app through {@code isCancelled()}.
 */
final class Attempts {

    /** The longest pause the doubling reaches (unless {@code retry_delay} itself is longer). */
    static final long MAX_DELAY_MILLIS = 600_000;

    final long tries;
    final long timeoutMillis;
    final long retryDelayMillis;
    /** The attempt running or last run, from 1. */
    volatile int attempt;
    /** The running attempt went over its time and is being stopped. */
    volatile boolean timedOut;

    Attempts(long tries, long timeoutMillis, long retryDelayMillis) {
        this.tries = tries;
        this.timeoutMillis = timeoutMillis;
        this.retryDelayMillis = retryDelayMillis;
    }

    boolean isLast() {
        return attempt >= tries;
    }

    /** The pause after the attempt that just failed: retry_delay, 2 x retry_delay, 4 x ... */
    long delayMillis() {
        if (retryDelayMillis == 0) {
            return 0;
        }
        long cap = Math.max(MAX_DELAY_MILLIS, retryDelayMillis);
        int doublings = Math.min(attempt - 1, 62);
        long d = retryDelayMillis;
        for (int i = 0; i < doublings && d < cap; i++) {
            d *= 2;
        }
        return Math.min(d, cap);
    }

    /** "timed out after 2 s", "... 0.5 s". */
    String timeoutMessage() {
        return "timed out after " + seconds(timeoutMillis);
    }

    static String seconds(long millis) {
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(Locale.ROOT, "%.3f s", millis / 1000.0)
                .replaceAll("0+ s$", " s");
    }
}
