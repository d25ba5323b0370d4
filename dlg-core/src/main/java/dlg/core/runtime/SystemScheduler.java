package dlg.core.runtime;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** The process's shared timer thread behind {@link Scheduler#system()}: made on first use. */
final class SystemScheduler {

    static final Scheduler INSTANCE = create();

    private SystemScheduler() {
    }

    private static Scheduler create() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().name("dlg-timer").daemon().factory());
        timer.setRemoveOnCancelPolicy(true);
        return (task, delayMillis) -> {
            var f = timer.schedule(task, Math.max(0, delayMillis), TimeUnit.MILLISECONDS);
            return () -> f.cancel(false);
        };
    }
}
