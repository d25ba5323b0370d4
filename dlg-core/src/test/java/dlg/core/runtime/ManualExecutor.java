package dlg.core.runtime;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;

/** An executor that only queues: the test runs the tasks, on its own thread, when it wants. */
public final class ManualExecutor implements Executor {

    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
    }

    public int pending() {
        return tasks.size();
    }

    /** Runs the oldest queued task; false if there was none. */
    public boolean runOne() {
        Runnable t = tasks.poll();
        if (t == null) {
            return false;
        }
        t.run();
        return true;
    }

    /** Runs queued tasks (and those they queue) until none is left; returns how many ran. */
    public int runAll() {
        int n = 0;
        for (Runnable t = tasks.poll(); t != null; t = tasks.poll()) {
            t.run();
            n++;
        }
        return n;
    }

    /** Workers that queue both kinds of apps here. */
    public Workers workers() {
        return new Workers(this, this);
    }
}
