package dlg.daemon.proc;

import dlg.manager.NodeAddress;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads where a {@code dlg nm|dim|mm} process listens from the line it prints once it serves:
 * {@code ... listening on HOST:PORT (events on port E, data on port R)} (the last part from a
 * NodeManager only). The daemon learns its children's real ports this way, ephemeral ones too.
 * Only a line of {@code dlg} itself counts ({@code dlg nm: ...} at its start): a log line may say
 * "listening on" first (a manager open beyond loopback warns so) without the event and data ports.
 */
public final class Listening {

    private static final Pattern LINE = Pattern.compile(
            "(?m)^dlg [\\w-]+: (?:\\w+ )?listening on (\\S+?):(\\d+)(?: \\(events on port (\\d+), data on port (\\d+)\\))?");

    private Listening() {
    }

    /**
     * The address in {@code output}, if the line is there; a wildcard or {@code localhost} host is
     * given as {@code 127.0.0.1}, where the process can be reached from this host.
     */
    public static Optional<NodeAddress> find(String output) {
        Matcher m = LINE.matcher(output);
        if (!m.find()) {
            return Optional.empty();
        }
        String host = switch (m.group(1)) {
            case "0.0.0.0", "localhost", "*" -> "127.0.0.1";
            default -> m.group(1);
        };
        int events = m.group(3) == null ? NodeAddress.EVENTS_PORT : Integer.parseInt(m.group(3));
        int rpc = m.group(4) == null ? NodeAddress.RPC_PORT : Integer.parseInt(m.group(4));
        return Optional.of(new NodeAddress(host, Integer.parseInt(m.group(2)), events, rpc));
    }
}
