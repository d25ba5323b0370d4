package dlg.manager.history;

import dlg.core.graph.DropSpec;
import dlg.core.graph.GraphSpec;
import dlg.core.runtime.DropStatus;
import dlg.core.runtime.Execution;
import dlg.core.runtime.ExecutionCounts;
import dlg.core.state.DropState;
import dlg.core.state.SessionState;
import dlg.manager.Session;
import dlg.manager.SessionWatcher;
import dlg.manager.history.PastSession.DropFailure;
import dlg.manager.history.PastSession.StateChange;
import dlg.manager.logs.SessionLogs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Records a NodeManager's sessions in its {@link SessionHistory}: a short line when a session is
 * deployed (so that a manager that dies leaves a trace), everything when it ends. The drops are
 * summarised on the history's thread, from the session's final states, never on a drop's thread.
 */
public final class SessionRecorder implements SessionWatcher {

    /** Failed drops kept per session (the count of all of them is kept too). */
    static final int MAX_FAILURES = 100;
    /** Constructs kept per session; apps of any more are counted under {@link #OTHER}. */
    static final int MAX_CONSTRUCTS = 1000;
    static final String OTHER = "(other constructs)";

    private final SessionHistory history;

    public SessionRecorder(SessionHistory history) {
        this.history = Objects.requireNonNull(history, "history");
    }

    @Override
    public void deployed(Session s) {
        history.record(() -> s.state().isTerminal() ? null : snapshot(s, history.owner()));
    }

    @Override
    public void ended(Session s) {
        history.record(() -> snapshot(s, history.owner()));
    }

    /** What the history keeps of {@code s} now: with its drops' summary once it has ended. */
    static PastSession snapshot(Session s, String owner) {
        SessionState state = s.state();
        List<StateChange> states = new ArrayList<>();
        for (SessionState st : SessionState.values()) {
            s.enteredAt(st).ifPresent(at -> states.add(new StateChange(st, at)));
        }
        states.sort(java.util.Comparator.comparing(StateChange::at).thenComparing(StateChange::state));
        Instant created = s.enteredAt(SessionState.PRISTINE).orElseGet(Instant::now);
        Instant ended = state.isTerminal() ? s.enteredAt(state).orElse(null) : null;
        Optional<Execution> ex = s.execution();
        Map<String, Long> counts = new LinkedHashMap<>();
        List<DropFailure> failures = new ArrayList<>();
        List<ConstructSummary> constructs = List.of();
        long failed = 0;
        if (ex.isPresent()) {
            ExecutionCounts c = ex.get().counts();
            for (DropState ds : DropState.values()) {
                if (c.count(ds) > 0) {
                    counts.put(ds.name(), c.count(ds));
                }
            }
            failed = c.count(DropState.ERROR);
            if (state.isTerminal()) {
                GraphSpec graph = s.graph();
                failures.addAll(failures(graph, ex.get(), owner));
                constructs = constructs(graph, ex.get());
            }
        }
        Path dir = s.dir();
        return new PastSession(owner, s.id(), "NodeManager", state, s.size(), created, ended, states, counts, failed,
                failures, constructs, s.failure().orElse(null), dir.toString(),
                dir.resolve(SessionLogs.fileName(s.id())).toString(), graphFile(dir), false);
    }

    /**
     * The first {@link #MAX_FAILURES} failed drops, those that failed on their own (the root
     * causes) first, then those that failed because of their inputs, each in graph order.
     */
    static List<DropFailure> failures(GraphSpec graph, Execution ex, String owner) {
        List<DropFailure> out = new ArrayList<>();
        if (ex.counts().count(DropState.ERROR) == 0) {
            return out;
        }
        for (int pass = 0; pass < 2 && out.size() < MAX_FAILURES; pass++) {
            boolean roots = pass == 0;
            for (int i = 0; i < ex.size() && out.size() < MAX_FAILURES; i++) {
                if (ex.state(i) == DropState.ERROR && ex.failedOnItsOwn(i) == roots) {
                    DropStatus f = ex.status(i);
                    out.add(new DropFailure(f.oid(), f.uid(), graph.drops().get(i).displayName(), f.error(), owner,
                            roots));
                }
            }
        }
        return out;
    }

    /** The apps' durations by construct: one pass over the drops, bounded by {@link #MAX_CONSTRUCTS}. */
    static List<ConstructSummary> constructs(GraphSpec graph, Execution ex) {
        Map<String, Acc> byKey = new HashMap<>();
        List<DropSpec> drops = graph.drops();
        for (int i = 0; i < drops.size(); i++) {
            DropSpec d = drops.get(i);
            if (!d.category().isApplication()) {
                continue;
            }
            String key = key(d);
            Acc a = byKey.get(key);
            if (a == null) {
                a = byKey.size() < MAX_CONSTRUCTS ? new Acc(key, d.name() != null ? d.name() : d.dropClass())
                        : byKey.computeIfAbsent(OTHER, k -> new Acc(k, k));
                byKey.putIfAbsent(a.key, a);
            }
            a.count++;
            if (ex.state(i) == DropState.ERROR) {
                a.failed++;
            }
            long start = ex.startedMillis(i);
            long end = ex.endedMillis(i);
            if (start >= 0 && end >= start) {
                long ms = end - start;
                a.durations.add(ms);
                a.total += ms;
                a.max = Math.max(a.max, ms);
            }
        }
        return byKey.values().stream()
                .map(a -> new ConstructSummary(a.key, a.name, a.count, a.failed, a.total, a.max, a.durations))
                .toList();
    }

    /** DALiuGE's logical-graph construct of a drop: {@code lg_key}, else its name, else its class. */
    static String key(DropSpec d) {
        Object lg = d.params().get("lg_key");
        if (lg != null && !lg.toString().isEmpty()) {
            return lg.toString();
        }
        return d.name() != null ? d.name() : d.dropClass();
    }

    /** The graph a composite dumped there ({@code --dump_graphs}), if any. */
    private static String graphFile(Path dir) {
        if (!Files.isDirectory(dir)) {
            return null;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().contains(".graph")).map(Path::toString)
                    .findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static final class Acc {
        final String key;
        final String name;
        final DurationHistogram durations = new DurationHistogram();
        long count;
        long failed;
        long total;
        long max;

        Acc(String key, String name) {
            this.key = key;
            this.name = name;
        }
    }
}
