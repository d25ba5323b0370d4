package dlg.core.error;

/**
 * A manager could not talk to another one (a sub-manager, a daemon): no connection, no answer in
 * time, or an answer it cannot read. The message names the other side ({@code host:port}) and
 * what went wrong. HTTP 556, as in DALiuGE.
 */
public final class RestClientException extends DlgException {

    public RestClientException(String message) {
        super(message);
    }

    public RestClientException(String message, Throwable cause) {
        super(message, cause);
    }
}
