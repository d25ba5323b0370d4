package dlg.manager.service;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A service's stop, run once whoever asks first ({@code POST /api/stop}, a signal, a test), and
 * awaited by the process's main thread.
 */
final class StopOnce {

    private final AtomicBoolean started = new AtomicBoolean();
    private final CountDownLatch done = new CountDownLatch(1);

    /** Runs {@code stop} unless it ran (or is running) already; then releases {@link #await()}. */
    void run(Runnable stop) {
        if (!started.compareAndSet(false, true)) {
            return;
        }
        try {
            stop.run();
        } finally {
            done.countDown();
        }
    }

    /** Blocks until the stop has run. */
    void await() throws InterruptedException {
        done.await();
    }
}
