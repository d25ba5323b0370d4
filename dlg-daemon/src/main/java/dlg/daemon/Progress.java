package dlg.daemon;

import dlg.core.runtime.ExecutionCounts;
import dlg.core.state.AppState;
import dlg.core.state.DropState;
import dlg.manager.Session;
import java.io.PrintWriter;

/**
 * The live progress line of {@code dlg run} (on a terminal): drops done out of all, by state, and
 * the time elapsed, redrawn four times a second. On any output it also warns once when nothing has
 * moved for a while and nothing runs, which usually means a root was not triggered.
 */
final class Progress implements AutoCloseable {

    private static final long TICK_MS = 250;
    private static final long STALL_NANOS = 10_000_000_000L;

    private final Session session;
    private final PrintWriter err;
    private final boolean live;
    private final long start = System.nanoTime();
    private Thread ticker;
    private int lastWidth;
    private long lastDone = -1;
    private long lastChange = System.nanoTime();
    private boolean warned;

    Progress(Session session, PrintWriter err, boolean live) {
        this.session = session;
        this.err = err;
        this.live = live;
    }

    static boolean isTerminal() {
        var console = System.console();
        return console != null && console.isTerminal();
    }

    void start() {
        ticker = Thread.ofPlatform().daemon().name("dlg-progress").start(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(TICK_MS);
                    tick();
                }
            } catch (InterruptedException e) {
                // closed
            }
        });
    }

    private synchronized void tick() {
        var ex = session.execution();
        if (ex.isEmpty()) {
            draw(String.format("%6.1f s  %s %d drops", elapsed(), session.state(), session.graph().size()));
            return;
        }
        ExecutionCounts c = ex.get().counts();
        long running = c.count(AppState.RUNNING);
        draw(String.format("%6.1f s  %d/%d drops done  %d running  [%s]", elapsed(), c.done(), c.total(),
                running, Summary.byState(c)));
        long now = System.nanoTime();
        if (c.done() != lastDone) {
            lastDone = c.done();
            lastChange = now;
        } else if (!warned && running == 0 && c.done() < c.total() && now - lastChange > STALL_NANOS) {
            warned = true;
            clear();
            err.printf("dlg run: nothing has run for %d s and %d drops have not settled (%d INITIALIZED):"
                    + " were all roots triggered? (--roots)%n", STALL_NANOS / 1_000_000_000L,
                    c.total() - c.done(), c.count(DropState.INITIALIZED));
            err.flush();
        }
    }

    private void draw(String line) {
        if (!live) {
            return;
        }
        StringBuilder b = new StringBuilder("\r").append(line);
        b.append(" ".repeat(Math.max(0, lastWidth - line.length())));
        lastWidth = line.length();
        err.print(b);
        err.flush();
    }

    private void clear() {
        if (live && lastWidth > 0) {
            err.print("\r" + " ".repeat(lastWidth) + "\r");
            err.flush();
            lastWidth = 0;
        }
    }

    private double elapsed() {
        return (System.nanoTime() - start) / 1e9;
    }

    @Override
    public synchronized void close() {
        if (ticker != null) {
            ticker.interrupt();
            ticker = null;
        }
        clear();
    }
}
