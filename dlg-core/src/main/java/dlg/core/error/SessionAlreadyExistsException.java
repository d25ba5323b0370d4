package dlg.core.error;

import java.util.List;

/** A session with this id exists already (HTTP 409). */
public final class SessionAlreadyExistsException extends DlgException {

    private final String sessionId;

    public SessionAlreadyExistsException(String sessionId) {
        super("a session with id '" + sessionId + "' exists already");
        this.sessionId = sessionId;
    }

    public String sessionId() {
        return sessionId;
    }

    /** DALiuGE's client rebuilds the exception from the session id alone. */
    @Override
    public List<Object> args() {
        return List.of(sessionId);
    }
}
