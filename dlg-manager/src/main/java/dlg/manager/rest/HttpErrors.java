package dlg.manager.rest;

import dlg.core.error.DlgException;
import dlg.core.error.ErrorManagerCaughtException;
import dlg.core.error.InvalidDropException;
import dlg.core.error.InvalidGraphException;
import dlg.core.error.InvalidRequestException;
import dlg.core.error.InvalidSessionState;
import dlg.core.error.NoDropException;
import dlg.core.error.NoSessionException;
import dlg.core.error.RestClientException;
import dlg.core.error.SessionAlreadyExistsException;
import dlg.core.error.SubManagerException;
import dlg.core.error.UnauthorizedException;

/**
 * The one place where an exception becomes an HTTP status (DALiuGE's codes, with the deliberate
 * differences of our spec: bad input is a 4xx naming the problem, never a 500 or a 555 with empty
 * args).
 */
final class HttpErrors {

    private HttpErrors() {
    }

    static int status(Exception e) {
        return switch (e) {
            case RequestRefused r -> r.status();
            case ErrorManagerCaughtException x -> status(x.caught());
            case UnauthorizedException x -> 401;
            case NoSessionException x -> 404;
            case NoDropException x -> 404;
            case SessionAlreadyExistsException x -> 409;
            case InvalidDropException x -> 409;
            case InvalidGraphException x -> 400;
            case InvalidSessionState x -> 400;
            case InvalidRequestException x -> 400;
            case dlg.manager.history.HistoryUnavailableException x -> 503;
            case SubManagerException x -> 555;
            case RestClientException x -> 556;
            case DlgException x -> 555; // DALiuGE's code for its other exceptions
            default -> 500;
        };
    }
}
