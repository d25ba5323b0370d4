package dlg.manager.events;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * Lets a repeated warning through at most once per period and says how many it held back, so a
 * peer that sends garbage ten million times cannot flood the log. Not thread-safe: one per thread.
 */
final class WarnLimiter {

    private final Logger log;
    private final long periodNanos;
    private final LongSupplier nanoTime;
    private long nextAt;
    private long heldBack;
    private boolean started;

    WarnLimiter(Logger log, Duration period, LongSupplier nanoTime) {
        this.log = log;
        this.periodNanos = period.toNanos();
        this.nanoTime = nanoTime;
    }

    /** Logs at WARN unless a warning went out less than a period ago; returns whether it did. */
    boolean warn(String format, Object... args) {
        long now = nanoTime.getAsLong();
        if (started && now - nextAt < 0) {
            heldBack++;
            return false;
        }
        started = true;
        nextAt = now + periodNanos;
        if (heldBack == 0) {
            log.warn(format, args);
        } else {
            // The count goes before a trailing Throwable, which SLF4J logs with its stack trace.
            int at = args.length > 0 && args[args.length - 1] instanceof Throwable ? args.length - 1 : args.length;
            Object[] all = new Object[args.length + 1];
            System.arraycopy(args, 0, all, 0, at);
            all[at] = heldBack;
            System.arraycopy(args, at, all, at + 1, args.length - at);
            log.warn(format + " ({} similar warnings held back)", all);
            heldBack = 0;
        }
        return true;
    }
}
