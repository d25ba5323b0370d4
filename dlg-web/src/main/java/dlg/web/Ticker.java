package dlg.web;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One daemon thread that runs a feed's work: tasks (a page joining) and a periodic tick, all on
 * the same thread so that the feed's state needs no lock. The tick runs only while started; the
 * thread itself ends a while after the last tick, so an idle manager keeps no thread for its UI.
 */
final class Ticker {

    private static final Logger log = LoggerFactory.getLogger(Ticker.class);

    private final ScheduledThreadPoolExecutor executor;
    private ScheduledFuture<?> ticking; // guarded by this
    private int pending; // tasks queued and not yet run; guarded by this

    Ticker(String name) {
        executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        executor.setKeepAliveTime(30, TimeUnit.SECONDS);
        executor.allowCoreThreadTimeOut(true);
        executor.setRemoveOnCancelPolicy(true);
    }

    /** Runs {@code task} on the thread, then makes sure {@code tick} runs every {@code periodMs}. */
    synchronized void run(Runnable task, Runnable tick, long periodMs) {
        pending++;
        executor.execute(() -> {
            try {
                guarded(task).run();
            } finally {
                synchronized (this) {
                    pending--;
                }
            }
        });
        if (ticking == null) {
            ticking = executor.scheduleWithFixedDelay(guarded(tick), periodMs, periodMs, TimeUnit.MILLISECONDS);
        }
    }

    /** Stops ticking (from the tick itself: no more pages), unless a task is about to add one. */
    synchronized void stop() {
        if (ticking != null && pending == 0) {
            ticking.cancel(false);
            ticking = null;
        }
    }

    /** A failing task is logged, never allowed to cancel the periodic tick. */
    private static Runnable guarded(Runnable r) {
        return () -> {
            try {
                r.run();
            } catch (RuntimeException e) {
                log.warn("live feed task failed: {}", e.toString(), e);
            }
        };
    }
}
