package dlg.core.error;

import java.util.List;

/** No session has this id (HTTP 404). */
public final class NoSessionException extends DlgException {

    private final String sessionId;

    public NoSessionException(String sessionId) {
        super("no session with id '" + sessionId + "'");
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
