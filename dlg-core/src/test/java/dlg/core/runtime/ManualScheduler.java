package dlg.core.runtime;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A {@link Scheduler} whose time moves only when the test says: {@link #advance} runs, on the
 * test's thread and in order, every task that has come due (including those they schedule).
 */
public final class ManualScheduler implements Scheduler {

    private record Entry(long due, long seq, Runnable task) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private long now;
    private long seq;

    @Override
    public synchronized Scheduled schedule(Runnable task, long delayMillis) {
        Entry e = new Entry(now + Math.max(0, delayMillis), seq++, task);
        entries.add(e);
        return () -> {
            synchronized (this) {
                entries.remove(e);
            }
        };
    }

    /** Moves time on by {@code millis}, running what comes due. */
    public void advance(long millis) {
        long target;
        synchronized (this) {
            target = now + millis;
        }
        for (;;) {
            Entry next;
            synchronized (this) {
                next = entries.stream().filter(e -> e.due() <= target)
                        .min(Comparator.comparingLong(Entry::due).thenComparingLong(Entry::seq)).orElse(null);
                if (next == null) {
                    now = target;
                    return;
                }
                entries.remove(next);
                now = Math.max(now, next.due());
            }
            next.task().run();
        }
    }

    /** Tasks waiting to come due. */
    public synchronized int pending() {
        return entries.size();
    }

    /** Milliseconds from now until the earliest task comes due; -1 if none. */
    public synchronized long nextDelay() {
        return entries.stream().mapToLong(Entry::due).min().orElse(now - 1) - now;
    }
}
