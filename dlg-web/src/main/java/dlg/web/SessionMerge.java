package dlg.web;

import dlg.core.state.SessionState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A composite's line for a session from its sub-managers' lines: counts and sizes added, the
 * state merged ({@link SessionStates}), times spanning them all, and each node's own state. A node
 * that could not answer counts as FAILED, with why, as the composite's own status route does.
 */
final class SessionMerge {

    private SessionMerge() {
    }

    /**
     * @param nodes the session's sub-managers, in order
     * @param lines the lines of those that answered
     * @param errors why the others did not
     * @param problems what the composite itself knows went wrong, by node
     */
    static SessionLine merge(String sessionId, List<String> nodes, Map<String, SessionLine> lines,
                             Map<String, String> errors, Map<String, String> problems, long now) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (ShownState s : ShownState.values()) { // progress-bar order, whatever the nodes' order
            long n = 0;
            for (SessionLine l : lines.values()) {
                n += l.counts() == null ? 0 : l.counts().getOrDefault(s.wireName(), 0L);
            }
            if (n != 0) {
                counts.put(s.wireName(), n);
            }
        }
        List<SessionState> states = new ArrayList<>();
        Map<String, SessionLine.NodeState> byNode = new LinkedHashMap<>();
        List<String> why = new ArrayList<>();
        long size = 0;
        long failed = 0;
        Long created = null;
        Long started = null;
        Long ended = null;
        boolean allEnded = true;
        for (String node : nodes) {
            SessionLine l = lines.get(node);
            if (l == null) {
                String error = errors.getOrDefault(node, "no answer");
                states.add(SessionState.FAILED);
                byNode.put(node, new SessionLine.NodeState("failed", true, error));
                why.add(node + ": " + error);
                continue;
            }
            SessionState st = SessionState.valueOf(l.state().toUpperCase(Locale.ROOT));
            states.add(st);
            String problem = l.error() != null ? l.error() : problems.get(node);
            byNode.put(node, new SessionLine.NodeState(l.state(), l.terminal(), problem));
            if (problem != null) {
                why.add(node + ": " + problem);
            }
            size += l.size();
            failed += l.failed();
            created = min(created, l.created());
            started = min(started, l.started());
            if (l.ended() == null) {
                allEnded = false;
            } else {
                ended = ended == null ? l.ended() : Math.max(ended, l.ended());
            }
        }
        SessionState state = SessionStates.merge(states);
        if (!allEnded || !state.isTerminal()) {
            ended = null;
        }
        Long elapsed = started == null ? null : (ended != null ? ended : now) - started;
        return new SessionLine(sessionId, state.name().toLowerCase(Locale.ROOT), state.isTerminal(), size, counts,
                failed, created, started, ended, elapsed, why.isEmpty() ? null : String.join("; ", why), byNode);
    }

    private static Long min(Long a, Long b) {
        return a == null ? b : b == null ? a : Math.min(a, b);
    }
}
