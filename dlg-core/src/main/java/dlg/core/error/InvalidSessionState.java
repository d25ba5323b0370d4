package dlg.core.error;

/** The session is not in a state that allows the requested operation. */
public final class InvalidSessionState extends DlgException {

    public InvalidSessionState(String message) {
        super(message);
    }
}
