package dlg.core.error;

/**
 * A NodeManager could not subscribe to another node's drop events in time (DALiuGE: "ZMQ
 * subscription not achieved"). Reported as DALiuGE's {@code DaliugeException}, HTTP 555.
 */
public final class SubscriptionFailedException extends DlgException {

    public SubscriptionFailedException(String message) {
        super(message);
    }

    @Override
    public String type() {
        return "DaliugeException";
    }
}
