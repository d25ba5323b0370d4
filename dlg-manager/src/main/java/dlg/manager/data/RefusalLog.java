package dlg.manager.data;

import java.time.Duration;
import java.util.Arrays;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * Logs one kind of refusal of the data port at WARN at most once per period, and how many it
 * held back, so that a port scanner or a misconfigured node reading in a loop cannot flood the
 * log. Thread-safe: the threads of all connections share one. (The events' {@code WarnLimiter}
 * is one per thread, and data may not depend on events: ArchitectureTest.)
 */
final class RefusalLog {

    private final Logger log;
    private final long periodNanos;
    private final LongSupplier nanoTime;
    private long nextAt;
    private long heldBack;
    private boolean started;

    RefusalLog(Logger log, Duration period, LongSupplier nanoTime) {
        this.log = log;
        this.periodNanos = period.toNanos();
        this.nanoTime = nanoTime;
    }

    /** Logs at WARN unless one went out less than a period ago; returns whether it did. */
    boolean warn(String format, Object... args) {
        long held;
        synchronized (this) {
            long now = nanoTime.getAsLong();
            if (started && now - nextAt < 0) {
                heldBack++;
                return false;
            }
            started = true;
            nextAt = now + periodNanos;
            held = heldBack;
            heldBack = 0;
        }
        if (held == 0) {
            log.warn(format, args);
        } else {
            Object[] all = Arrays.copyOf(args, args.length + 1);
            all[args.length] = held;
            log.warn(format + " ({} similar refusals held back)", all);
        }
        return true;
    }
}
