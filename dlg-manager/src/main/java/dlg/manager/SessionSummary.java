package dlg.manager;

import dlg.core.state.SessionState;

/** One line of {@code GET /api/sessions}: the id, the state, the number of drops in the graph. */
public record SessionSummary(String sessionId, SessionState status, int size) {
}
