package dlg.manager.logs;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * Lets a repeated warning through at most once per period and says how many it held back, so
 * that a peer sending garbage ten million times, a port scanner or a node of another cluster
 * retrying in a loop cannot flood the log. Thread-safe (warnings are rare, the lock uncontended):
 * one per kind of warning, shared by every thread that may give it.
 */
public final class WarnLimiter {

    private final Logger log;
    private final long periodNanos;
    private final LongSupplier nanoTime;
    private long nextAt;
    private long heldBack;
    private boolean started;

    /** @param nanoTime {@code System::nanoTime}, or a test's clock */
    public WarnLimiter(Logger log, Duration period, LongSupplier nanoTime) {
        this.log = log;
        this.periodNanos = period.toNanos();
        this.nanoTime = nanoTime;
    }

    /** Logs at WARN unless a warning went out less than a period ago; returns whether it did. */
    public boolean warn(String format, Object... args) {
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
            // The count goes before a trailing Throwable, which SLF4J logs with its stack trace.
            int at = args.length > 0 && args[args.length - 1] instanceof Throwable ? args.length - 1 : args.length;
            Object[] all = new Object[args.length + 1];
            System.arraycopy(args, 0, all, 0, at);
            all[at] = held;
            System.arraycopy(args, at, all, at + 1, args.length - at);
            log.warn(format + " ({} similar warnings held back)", all);
        }
        return true;
    }
}
