package dlg.manager;

import dlg.core.graph.ParsedGraph;
import dlg.core.state.SessionState;
import java.util.List;

/**
 * What a manager does with sessions, in DALiuGE's terms. Implemented by {@link NodeManager}
 * (drops in this process); a composite manager talks to its sub-managers through a larger role,
 * {@link SubManager}, which a REST client implements.
 *
 * <p>Every method taking a session id throws {@link dlg.core.error.NoSessionException} for an
 * unknown one.
 */
public interface DropManager {

    /** @throws dlg.core.error.SessionAlreadyExistsException if the id is taken */
    void createSession(String sessionId);

    /** Cancels the session if it runs, then forgets it. */
    void destroySession(String sessionId);

    List<SessionSummary> sessions();

    SessionState sessionStatus(String sessionId);

    /** Adds a validated graph part; a refused part changes nothing. */
    void addGraphSpec(String sessionId, ParsedGraph part);

    /** Creates the drops and runs them, completing {@code completedUids} (the roots). */
    void deploySession(String sessionId, List<String> completedUids);

    void cancelSession(String sessionId);

    /** Completes root data drops and runs apps, by uid. */
    void trigger(String sessionId, List<String> uids);
}
