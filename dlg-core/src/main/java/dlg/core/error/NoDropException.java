package dlg.core.error;

import java.util.List;

/** A session has no drop with this oid or uid (HTTP 404). */
public final class NoDropException extends DlgException {

    private final String oid;

    public NoDropException(String sessionId, String oid) {
        super("session '" + sessionId + "' has no drop '" + oid + "'");
        this.oid = oid;
    }

    public String oid() {
        return oid;
    }

    @Override
    public List<Object> args() {
        return List.of(oid, getMessage());
    }
}
