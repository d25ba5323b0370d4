package dlg.manager.data;

import dlg.manager.NodeAddress;
import java.util.Optional;

/** Where a drop of another node lives: the node string its subscription came with. Thread-safe. */
@FunctionalInterface
public interface DataLocator {

    /** The node holding drop {@code uid} of session {@code sessionId}, if this node knows it. */
    Optional<NodeAddress> nodeOf(String sessionId, String uid);
}
