package dlg.manager.data;

import dlg.manager.NodeAddress;
import java.io.IOException;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The data connections of a {@link DataClient} open now, with their node, so that the reads from
 * a node declared lost can be cut at once instead of waiting for the read timeout. A cut read
 * fails with the reason given here. Thread-safe: apps open and close, the peer watchdog aborts.
 */
final class OpenReads {

    private final Map<Socket, NodeAddress> open = new ConcurrentHashMap<>();
    private final Map<Socket, String> aborted = new ConcurrentHashMap<>();

    void add(Socket s, NodeAddress node) {
        open.put(s, node);
    }

    /** The connection is closed: forget it. */
    void remove(Socket s) {
        open.remove(s);
        aborted.remove(s);
    }

    /** Why the connection was cut, or null if it was not. */
    String abortedWhy(Socket s) {
        return aborted.get(s);
    }

    /**
     * Cuts every connection to a node that {@code lost} accepts; their reads fail with the node's {@code reason}.
     *
     * @return how many were cut
     */
    int abort(Predicate<NodeAddress> lost, Function<NodeAddress, String> reason) {
        int n = 0;
        for (var e : open.entrySet()) {
            if (lost.test(e.getValue())) {
                aborted.put(e.getKey(), reason.apply(e.getValue()));
                try {
                    e.getKey().close(); // the reading thread's read or connect fails at once
                } catch (IOException ex) {
                    // closed anyway
                }
                n++;
            }
        }
        return n;
    }

    int size() {
        return open.size();
    }
}
