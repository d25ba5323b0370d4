package dlg.manager.data;

import java.io.IOException;
import java.util.Objects;

/** A node will not give the data of a drop, and says why: the reason is the reply's status. */
public final class DataRefusedException extends IOException {

    private final DataReply reason;

    public DataRefusedException(DataReply reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
        if (reason == DataReply.OK || reason == DataReply.RENEW) {
            throw new IllegalArgumentException(reason + " is not a refusal: " + message);
        }
    }

    public DataReply reason() {
        return reason;
    }
}
