package dlg.core.runtime;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

/**
 * The threads apps run on: a bounded pool for apps that compute ({@code max_threads} workers,
 * work-stealing, FIFO) and virtual threads for apps that wait. No thread is ever made per drop
 * for computing apps. Timers (timeouts, retry delays) share one scheduler thread.
 */
public final class Workers implements AutoCloseable {

    private final Executor compute;
    private final Executor waiting;
    private final ExecutorService owned;
    private final ExecutorService ownedWaiting;
    private final int parallelism;
    private final Scheduler scheduler;

    /** Executors owned by someone else (tests pass direct or counting executors); the shared timer. */
    public Workers(Executor compute, Executor waiting) {
        this(compute, waiting, Scheduler.system());
    }

    /** Executors and a timer owned by someone else (tests pass a manual timer). */
    public Workers(Executor compute, Executor waiting, Scheduler scheduler) {
        this.compute = Objects.requireNonNull(compute, "compute");
        this.waiting = Objects.requireNonNull(waiting, "waiting");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.owned = null;
        this.ownedWaiting = null;
        this.parallelism = Runtime.getRuntime().availableProcessors();
    }

    private Workers(ForkJoinPool pool, ExecutorService virtualThreads, Scheduler scheduler) {
        this.compute = pool;
        this.waiting = virtualThreads;
        this.owned = pool;
        this.ownedWaiting = virtualThreads;
        this.parallelism = pool.getParallelism();
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    /** @param maxThreads CPU workers; 0 means one per available processor */
    public static Workers create(int maxThreads) {
        return create(maxThreads, Scheduler.system());
    }

    /** As {@link #create(int)}, with this timer (tests pass a manual one). */
    public static Workers create(int maxThreads, Scheduler scheduler) {
        if (maxThreads < 0) {
            throw new IllegalArgumentException("maxThreads must be >= 0: " + maxThreads);
        }
        int n = maxThreads == 0 ? Runtime.getRuntime().availableProcessors() : maxThreads;
        ForkJoinPool pool = new ForkJoinPool(n, p -> {
            var t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
            t.setName("dlg-app-" + t.getPoolIndex());
            return t;
        }, null, true);
        return new Workers(pool, Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("dlg-wait-", 0).factory()), scheduler);
    }

    /** How many apps compute at once (the bounded pool's size). */
    public int parallelism() {
        return parallelism;
    }

    public Executor compute() {
        return compute;
    }

    public Executor waiting() {
        return waiting;
    }

    /** The timer of app timeouts, dependency timeouts and retry delays. */
    public Scheduler scheduler() {
        return scheduler;
    }

    @Override
    public void close() {
        if (owned != null) {
            owned.shutdownNow();
            ownedWaiting.shutdownNow();
            try {
                owned.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
