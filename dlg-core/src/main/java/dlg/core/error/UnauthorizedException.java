package dlg.core.error;

/**
 * A request to a manager that demands the cluster's secret came without it, or with another one.
 * HTTP 401. DALiuGE has no authentication, hence no name of its own for this error.
 */
public final class UnauthorizedException extends DlgException {

    public UnauthorizedException(String message) {
        super(message);
    }
}
