package dlg.manager.history;

import dlg.core.error.DlgException;

/** The session history cannot be read: its database could not be opened, or a query failed. */
public final class HistoryUnavailableException extends DlgException {

    public HistoryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String type() {
        return "DaliugeException";
    }
}
