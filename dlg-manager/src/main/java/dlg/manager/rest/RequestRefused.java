package dlg.manager.rest;

import dlg.core.error.DlgException;

/**
 * A request refused for its form rather than its content: a body over the size limit (413), a
 * content type the route does not take (415). Reported as DALiuGE's {@code DaliugeException}.
 */
final class RequestRefused extends DlgException {

    private final int status;

    RequestRefused(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }

    @Override
    public String type() {
        return "DaliugeException";
    }
}
