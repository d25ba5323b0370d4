package dlg.daemon;

import dlg.core.runtime.DropStatus;
import dlg.core.runtime.ExecutionCounts;
import dlg.core.state.AppState;
import dlg.core.state.DropState;
import dlg.core.state.SessionState;
import dlg.manager.Session;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** The report {@code dlg run} prints at the end. */
final class Summary {

    private static final int SHOWN_FAILURES = 10;

    private final PrintWriter out;
    private final Session session;

    Summary(PrintWriter out, Session session) {
        this.out = out;
        this.session = session;
    }

    /** @param t0 start, t1 graph loaded, t2 deployed (roots triggered), t3 ended; System.nanoTime() */
    void print(SessionState end, long t0, long t1, long t2, long t3) {
        out.printf("Session %s %s in %.2f s (load %.2f s, deploy %.2f s, run %.2f s)%n", session.id(), end,
                secs(t3 - t0), secs(t1 - t0), secs(t2 - t1), secs(t3 - t2));
        session.execution().ifPresent(ex -> {
            ExecutionCounts c = ex.counts();
            out.printf("  %d drops: %s%n", c.total(), byState(c));
            if (c.apps() > 0) {
                out.printf("  %d apps: %s%n", c.apps(), byAppState(c));
            }
            List<DropStatus> failures = ex.failures(SHOWN_FAILURES);
            for (DropStatus f : failures) {
                out.printf("  ERROR %s: %s%n", f.oid(), f.error() == null ? "(no detail)" : f.error());
            }
            long errors = c.count(DropState.ERROR);
            if (errors > failures.size()) {
                out.printf("  ... %d drops in ERROR in all%n", errors);
            }
        });
        out.printf("  session directory: %s%n", session.dir());
        out.flush();
    }

    static String byState(ExecutionCounts c) {
        List<String> parts = new ArrayList<>();
        for (DropState s : DropState.values()) {
            if (c.count(s) > 0) {
                parts.add(c.count(s) + " " + s);
            }
        }
        return String.join(", ", parts);
    }

    static String byAppState(ExecutionCounts c) {
        List<String> parts = new ArrayList<>();
        for (AppState s : AppState.values()) {
            if (c.count(s) > 0) {
                parts.add(c.count(s) + " " + s);
            }
        }
        return String.join(", ", parts);
    }

    private static double secs(long nanos) {
        return nanos / 1e9;
    }
}
