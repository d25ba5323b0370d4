package dlg.manager;

import java.util.Objects;

/**
 * DALiuGE's node string {@code host[:rest[:events[:rpc]]]}: where a manager answers REST calls,
 * publishes drop events and serves data. Missing ports take the defaults (REST 8000, or 8001 for
 * a DataIslandManager; events 5555; rpc 6666). Compared, as DALiuGE does, by the 4-part text:
 * {@code localhost} is not {@code 127.0.0.1}.
 */
public record NodeAddress(String host, int restPort, int eventsPort, int rpcPort) {

    public static final int NM_PORT = 8000;
    public static final int DIM_PORT = 8001;
    public static final int MM_PORT = 8002;
    public static final int EVENTS_PORT = 5555;
    public static final int RPC_PORT = 6666;

    public NodeAddress {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("a node string needs a host");
        }
        checkPort(restPort);
        checkPort(eventsPort);
        checkPort(rpcPort);
    }

    /** Parses a NodeManager's node string (REST port defaults to 8000). */
    public static NodeAddress parse(String node) {
        return parse(node, NM_PORT);
    }

    /**
     * @param defaultRestPort the REST port when the string has none
     * @throws IllegalArgumentException naming the string when it is not a node string
     */
    public static NodeAddress parse(String node, int defaultRestPort) {
        Objects.requireNonNull(node, "node");
        String[] parts = node.trim().split(":", -1);
        if (parts.length > 4) {
            throw new IllegalArgumentException("'" + node + "' is not a node string host[:rest[:events[:rpc]]]");
        }
        try {
            return new NodeAddress(parts[0],
                    parts.length > 1 ? port(parts[1]) : defaultRestPort,
                    parts.length > 2 ? port(parts[2]) : EVENTS_PORT,
                    parts.length > 3 ? port(parts[3]) : RPC_PORT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + node + "' is not a node string host[:rest[:events[:rpc]]]: "
                    + e.getMessage(), e);
        }
    }

    private static int port(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port '" + s + "' is not a number");
        }
    }

    private static void checkPort(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is out of range");
        }
    }

    /** The canonical 4-part form {@code host:rest:events:rpc}. */
    @Override
    public String toString() {
        return host + ":" + restPort + ":" + eventsPort + ":" + rpcPort;
    }
}
