package dlg.manager.history;

import dlg.core.state.SessionState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the history keeps of one session of one manager.
 *
 * @param owner the manager that ran it, {@code host:port} of its REST server
 * @param manager {@code NodeManager}, {@code DataIslandManager} or {@code MasterManager}
 * @param ended when it ended, or null while it runs (or if its manager stopped before)
 * @param states when it entered each state, in order
 * @param dropCounts drops per state name at the end (or at the last record)
 * @param failedDrops drops in ERROR (more than {@code failures} lists, which is capped)
 * @param failures the first failed drops, with why
 * @param constructs its apps' durations, per construct; empty in listings
 * @param failure why the session failed as a whole (a deploy error, a lost node), or null
 * @param interrupted its manager stopped (or died) before it ended: {@code state} is the last one seen
 */
public record PastSession(String owner, String sessionId, String manager, SessionState state, int graphSize,
                          Instant created, Instant ended, List<StateChange> states, Map<String, Long> dropCounts,
                          long failedDrops, List<DropFailure> failures, List<ConstructSummary> constructs,
                          String failure, String sessionDir, String logFile, String graphFile, boolean interrupted) {

    public PastSession {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(manager, "manager");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(created, "created");
        states = List.copyOf(states);
        dropCounts = Map.copyOf(dropCounts);
        failures = List.copyOf(failures);
        constructs = List.copyOf(constructs);
    }

    /**
     * A composite's record of the session with its sub-managers' own records of it: their drops
     * counted together, their failures (the first {@value SessionRecorder#MAX_FAILURES}), their
     * constructs' durations merged. The composite's own states, times and failure stand.
     */
    public PastSession withParts(Collection<PastSession> parts) {
        Map<String, Long> counts = new LinkedHashMap<>(dropCounts);
        List<DropFailure> allFailures = new ArrayList<>(failures);
        Map<String, ConstructSummary> byKey = new LinkedHashMap<>();
        constructs.forEach(c -> byKey.put(c.key(), c));
        long failed = failedDrops;
        for (PastSession p : parts) {
            p.dropCounts.forEach((state, n) -> counts.merge(state, n, Long::sum));
            failed += p.failedDrops;
            for (DropFailure f : p.failures) {
                if (allFailures.size() < SessionRecorder.MAX_FAILURES) {
                    allFailures.add(f);
                }
            }
            p.constructs.forEach(c -> byKey.merge(c.key(), c, ConstructSummary::plus));
        }
        return new PastSession(owner, sessionId, manager, state, graphSize, created, ended, states, counts, failed,
                allFailures, List.copyOf(byKey.values()), failure, sessionDir, logFile, graphFile, interrupted);
    }

    /** When a session entered a state. */
    public record StateChange(SessionState state, Instant at) {
        public StateChange {
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * A drop that failed.
     *
     * @param name its construct's name, or null
     * @param node the manager that ran it ({@code host:port})
     * @param onItsOwn whether it failed on its own (a root cause) rather than because of its
     *     inputs; null when not known (recorded before dlg knew it, or by a composite)
     */
    public record DropFailure(String oid, String uid, String name, String cause, String node, Boolean onItsOwn) {
        public DropFailure {
            Objects.requireNonNull(oid, "oid");
            Objects.requireNonNull(uid, "uid");
        }

        /** Not known whether it failed on its own. */
        public DropFailure(String oid, String uid, String name, String cause, String node) {
            this(oid, uid, name, cause, node, null);
        }
    }
}
