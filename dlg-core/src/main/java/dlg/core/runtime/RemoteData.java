package dlg.core.runtime;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the data of a drop held by another node: the seam for cross-node data transfer (DALiuGE
 * reads remote inputs through its RPC port, protocol spec 6.3). An {@link Engine} is given one
 * for all its executions; {@link #REFUSING}, the default, says clearly that the data cannot be read.
 *
 * <p>Implementations are called on the thread of the app that reads the input, possibly by many
 * apps at once, so they must be thread-safe; the stream they return is read by that one app.
 */
@FunctionalInterface
public interface RemoteData {

    RemoteData REFUSING = (sessionId, uid) -> {
        throw new IOException("the data of remote drop '" + uid
                + "' is not readable from this node (cross-node data transfer is not supported yet)");
    };

    /**
     * A stream over the whole content of drop {@code uid} of session {@code sessionId}, held by
     * another node; the caller closes it.
     *
     * @throws IOException naming the node and why the data cannot be read
     */
    InputStream open(String sessionId, String uid) throws IOException;
}
