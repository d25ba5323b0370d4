package dlg.core.runtime;

/**
 * Runs tasks after a delay: app timeouts, dependency timeouts and the pauses between retries.
 * Tasks run on the scheduler's own thread and must be quick (hand real work to an executor).
 * Tests inject a manual one; engines share {@link #system()}, so no drop ever has a thread of its
 * own for its timers.
 */
@FunctionalInterface
public interface Scheduler {

    /** Runs {@code task} once, {@code delayMillis} from now. */
    Scheduled schedule(Runnable task, long delayMillis);

    /** A task that has been scheduled. */
    @FunctionalInterface
    interface Scheduled {
        /** Forgets the task if it has not run yet (it may be running). */
        void cancel();
    }

    /**
     * The process's one timer thread (a daemon), made on first use. Cancelled tasks are removed
     * at once, so a graph of a million drops with timeouts holds no more than what still waits.
     */
    static Scheduler system() {
        return SystemScheduler.INSTANCE;
    }

}
