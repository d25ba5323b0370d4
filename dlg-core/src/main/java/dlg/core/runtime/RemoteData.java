package dlg.core.runtime;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the data of a drop held by another node: the seam for cross-node data transfer (DALiuGE
 * reads remote inputs through its RPC port, protocol spec 6.3). Until a transport plugs in here,
 * {@link #REFUSING} says clearly that the data cannot be read.
 */
@FunctionalInterface
interface RemoteData {

    RemoteData REFUSING = (sessionId, uid) -> {
        throw new IOException("the data of remote drop '" + uid
                + "' is not readable from this node (cross-node data transfer is not supported yet)");
    };

    InputStream open(String sessionId, String uid) throws IOException;
}
