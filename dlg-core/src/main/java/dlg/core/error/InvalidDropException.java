package dlg.core.error;

import java.util.List;

/** A drop cannot be created or used as asked (e.g. a missing file, an unknown uid to trigger). */
public final class InvalidDropException extends DlgException {

    private final String oid;

    public InvalidDropException(String oid, String message) {
        super("drop '" + oid + "': " + message);
        this.oid = oid;
    }

    public InvalidDropException(String oid, String message, Throwable cause) {
        super("drop '" + oid + "': " + message, cause);
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
