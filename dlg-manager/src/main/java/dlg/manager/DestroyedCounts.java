package dlg.manager;

import dlg.core.runtime.ExecutionCounts;
import dlg.core.state.AppState;
import dlg.core.state.DropState;
import dlg.core.state.SessionState;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the sessions a NodeManager destroyed counted when they went: added to the live sessions'
 * counts, it keeps counters of settled drops and ended apps from going down when a session is
 * destroyed. Lock-free; touched once per destroyed session, read at a scrape.
 */
public final class DestroyedCounts {

    private final LongAdder[] drops = adders(DropState.values().length);
    private final LongAdder[] apps = adders(AppState.values().length);
    private final LongAdder[] sessions = adders(SessionState.values().length);

    private static LongAdder[] adders(int n) {
        LongAdder[] a = new LongAdder[n];
        for (int i = 0; i < n; i++) {
            a[i] = new LongAdder();
        }
        return a;
    }

    void add(SessionState state, ExecutionCounts counts) {
        sessions[state.ordinal()].increment();
        if (counts == null) {
            return;
        }
        for (int i = 0; i < drops.length; i++) {
            drops[i].add(counts.byState()[i]);
        }
        for (int i = 0; i < apps.length; i++) {
            apps[i].add(counts.byAppState()[i]);
        }
    }

    /** Drops of destroyed sessions that were in {@code state} when they went. */
    public long drops(DropState state) {
        return drops[state.ordinal()].sum();
    }

    /** Apps of destroyed sessions that were in {@code state} when they went. */
    public long apps(AppState state) {
        return apps[state.ordinal()].sum();
    }

    /** Destroyed sessions that were in {@code state} when they went. */
    public long sessions(SessionState state) {
        return sessions[state.ordinal()].sum();
    }
}
