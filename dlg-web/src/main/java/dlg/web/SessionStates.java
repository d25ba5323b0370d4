package dlg.web;

import dlg.core.state.SessionState;
import java.util.Collection;

/**
 * One state for a session spread over several nodes (DALiuGE's pages call it
 * {@code uniqueSessionStatus}, and show "Indeterminate" where this picks a state): while any node
 * has not ended, the least advanced of those that have not; once all have ended, FAILED if any
 * failed, else CANCELLED if any was cancelled, else FINISHED.
 */
final class SessionStates {

    private SessionStates() {
    }

    static SessionState merge(Collection<SessionState> states) {
        SessionState least = null;
        boolean failed = false;
        boolean cancelled = false;
        for (SessionState s : states) {
            if (!s.isTerminal()) {
                least = least == null || s.code() < least.code() ? s : least;
            }
            failed |= s == SessionState.FAILED;
            cancelled |= s == SessionState.CANCELLED;
        }
        if (least != null) {
            return least;
        }
        return failed ? SessionState.FAILED : cancelled ? SessionState.CANCELLED
                : states.isEmpty() ? SessionState.PRISTINE : SessionState.FINISHED;
    }
}
