package dlg.daemon.proc;

import dlg.core.error.DlgException;

/** A manager the daemon started exited, or said nothing of where it listens, before it served. */
public final class ManagerStartException extends DlgException {

    public ManagerStartException(String message) {
        super(message);
    }
}
