package dlg.manager.history;

import dlg.core.state.SessionState;
import dlg.manager.composite.CompositeManager;
import dlg.manager.composite.CompositeSession;
import dlg.manager.history.PastSession.StateChange;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Records a DataIslandManager's or MasterManager's sessions in its {@link SessionHistory}: when
 * deployed, and when it learns they ended on every sub-manager. A composite holds no drops: its
 * record has the session's state (reduced over the sub-managers as DALiuGE's UI does), size,
 * sub-managers, the nodes that failed it, its dumped graph; the drops' failures and durations are
 * in the NodeManagers' own histories (one shared database lists them all), which the composite's
 * {@code GET /api/history/sessions/{sid}} asks for and merges in.
 */
public final class CompositeRecorder implements CompositeManager.Watcher {

    private final SessionHistory history;
    private final CompositeManager cm;
    private final Clock clock;

    public CompositeRecorder(SessionHistory history, CompositeManager cm, Clock clock) {
        this.history = Objects.requireNonNull(history, "history");
        this.cm = Objects.requireNonNull(cm, "cm");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void deployed(CompositeSession s) {
        Instant at = clock.instant();
        history.record(() -> snapshot(s, SessionState.RUNNING, at, null, Map.of()));
    }

    @Override
    public void ended(CompositeSession s, Map<String, Object> status) {
        Instant at = clock.instant();
        Map<String, Object> copy = Map.copyOf(status);
        history.record(() -> snapshot(s, reduce(copy.values()), at, at, copy));
    }

    private PastSession snapshot(CompositeSession s, SessionState state, Instant at, Instant ended,
                                 Map<String, Object> status) {
        List<StateChange> states = new ArrayList<>(List.of(new StateChange(SessionState.PRISTINE, s.created())));
        if (ended == null) {
            states.add(new StateChange(SessionState.RUNNING, at));
        } else {
            states.add(new StateChange(state, ended));
        }
        int size = (int) s.dropCount();
        Map<String, String> problems = new TreeMap<>(s.problems());
        status.forEach((node, st) -> {
            if (reduce(List.of(st)) == SessionState.FAILED) {
                problems.putIfAbsent(node, "FAILED there");
            }
        });
        // the drops' failures are in the sub-managers' histories: GET /api/history/sessions/{sid} merges them in
        String failure = problems.isEmpty() ? null : "sub-managers: " + problems;
        String kind = cm.kind() == CompositeManager.Kind.MASTER ? "MasterManager" : "DataIslandManager";
        return new PastSession(history.owner(), s.id(), kind, state, size, s.created(), ended, states, Map.of(), 0,
                List.of(), List.of(), failure, null, null, cm.graphDump(s.id()).map(Object::toString).orElse(null), false);
    }

    /**
     * One state for statuses by sub-manager (codes, or maps of them on a MasterManager): FAILED if
     * any failed, else CANCELLED if any was cancelled, else FINISHED if all finished, else RUNNING.
     */
    static SessionState reduce(Iterable<?> statuses) {
        List<SessionState> all = new ArrayList<>();
        collect(statuses, all);
        if (all.contains(SessionState.FAILED)) {
            return SessionState.FAILED;
        }
        if (all.contains(SessionState.CANCELLED)) {
            return SessionState.CANCELLED;
        }
        return !all.isEmpty() && all.stream().allMatch(x -> x == SessionState.FINISHED)
                ? SessionState.FINISHED : SessionState.RUNNING;
    }

    private static void collect(Iterable<?> statuses, List<SessionState> out) {
        for (Object o : statuses) {
            if (o instanceof Number n) {
                try {
                    out.add(SessionState.ofCode(n.intValue()));
                } catch (IllegalArgumentException e) {
                    out.add(SessionState.FAILED); // DALiuGE's -1 (unknown) or another code: not a success
                }
            } else if (o instanceof Map<?, ?> m) {
                collect(m.values(), out);
            }
        }
    }
}
