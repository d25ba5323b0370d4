package dlg.core.error;

/**
 * A request that DALiuGE has no specific exception for: a malformed body, a bad session id, a
 * missing field, an unsupported content type, a body over the size limit. Reported under
 * DALiuGE's base name {@code DaliugeException}, so that its Python client raises that class with
 * our message.
 */
public final class InvalidRequestException extends DlgException {

    public InvalidRequestException(String message) {
        super(message);
    }

    public InvalidRequestException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String type() {
        return "DaliugeException";
    }
}
