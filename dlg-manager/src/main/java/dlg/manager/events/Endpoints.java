package dlg.manager.events;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/** ZeroMQ TCP endpoints of event sockets, IPv4 only as DALiuGE's NodeManagers listen. */
final class Endpoints {

    private Endpoints() {
    }

    /**
     * The address to bind: {@code localhost} is 127.0.0.1, {@code 0.0.0.0} is every interface and
     * port 0 an ephemeral port.
     */
    static String bind(String host, int port) {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("no host to bind the event publisher to");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("event port out of range: " + port);
        }
        String h = switch (host) {
            case "localhost" -> "127.0.0.1";
            case "0.0.0.0" -> "*";
            default -> host;
        };
        return "tcp://" + h + ":" + (port == 0 ? "*" : Integer.toString(port));
    }

    /**
     * The address to connect to, with the host resolved to an IPv4 address: that is how the
     * socket monitor names the endpoint in its events, and it makes {@code localhost:5555} and
     * {@code 127.0.0.1:5555} the same subscription.
     *
     * @throws UnknownHostException if the host has no IPv4 address
     */
    static String connect(String host, int port) throws UnknownHostException {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("no host to subscribe to");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("event port out of range: " + port);
        }
        for (InetAddress a : InetAddress.getAllByName(host)) {
            if (a instanceof Inet4Address) {
                return "tcp://" + a.getHostAddress() + ":" + port;
            }
        }
        throw new UnknownHostException("no IPv4 address for " + host);
    }

    /** The port of a bound endpoint such as {@code tcp://127.0.0.1:40123}. */
    static int port(String endpoint) {
        return Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
    }
}
