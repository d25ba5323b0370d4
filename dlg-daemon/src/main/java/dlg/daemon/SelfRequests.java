package dlg.daemon;

import dlg.manager.NodeAddress;
import dlg.manager.auth.Access;
import dlg.manager.auth.ClusterSecret;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Requests a fresh manager's warm-up sends to the manager's own REST port over loopback, each
 * round: a graph appended to a session that does not exist (404, before its body is parsed) and
 * the list of sessions. They change nothing; they run, once the manager answers, what every real
 * request runs first: Jetty reading a request and its body, the routing, an error's and a list's
 * JSON. Each goes over a socket of its own, written by hand: the JDK's HTTP client would load
 * its classes and start its thread in every NodeManager (which never uses it) for this alone.
 *
 * <p>Why: the in-process rehearsal compiled the graph's reading, yet a fresh DataIslandManager over
 * two fresh NodeManagers appended {@code chain 1000 --split alternate} in 38 to 57 ms, and in 24 to
 * 35 ms after three such requests to each manager from outside (2026-12-07, 3 fresh sets each);
 * the request creating the session took 34 to 52 ms against 23 to 27.
 *
 * <p>Seen from outside, the manager answered a few 404s: metrics scraped that early count them.
 * Over HTTPS there are none (the warm-up does not trust the manager's certificate).
 */
final class SelfRequests {

    private static final int TIMEOUT_MILLIS = 30_000;
    /**
     * The refused append's body: a graph of about 12 kB, which the sockets' buffers hold whole (the
     * manager answers before reading it, and closes the connection: a larger body could still be
     * on its way, and be cut, when the answer comes).
     */
    private static final byte[] BODY = SyntheticGraphs.mixedLayouts(SyntheticGraphs.chain(40))
            .getBytes(StandardCharsets.UTF_8);

    private final Target target;
    /** A session no one has: its append is refused before the body is read. */
    private final String absent = "dlg-warm-up-" + UUID.randomUUID();

    /** Where the manager answers this process, and the secret it demands (null for none). */
    record Target(URI base, ClusterSecret secret) {

        /**
         * A manager serving on {@code host:port} with {@code access}, or null over HTTPS.
         *
         * @param host the host the manager listens on: a wildcard address is reached on loopback
         */
        static Target of(String host, int port, Access access) {
            return access.tls() != null ? null : new Target(base(host, port), access.secret());
        }

        static URI base(String host, int port) {
            String h = switch (host.strip()) {
                case "", "0.0.0.0", "localhost" -> "127.0.0.1";
                case "::", "[::]" -> "[::1]";
                default -> host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
            };
            return URI.create("http://" + h + ":" + port);
        }

        /** The manager as a node string's address (its events and data ports unknown: 0). */
        NodeAddress node() {
            return new NodeAddress(host(), base.getPort(), 0, 0);
        }

        /** The host to connect to: an IPv6 address without the URI's brackets. */
        String host() {
            return base.getHost().replaceAll("^\\[|\\]$", "");
        }
    }

    SelfRequests(Target target) {
        this.target = target;
    }

    /** The round's requests. */
    WarmUp.Step step() {
        return () -> {
            expect(404, "POST", "/api/sessions/" + absent + "/graph/append", BODY);
            expect(200, "GET", "/api/sessions", null);
        };
    }

    /** One HTTP/1.1 request on a connection of its own, closed after the answer; fails unless answered {@code status}. */
    private void expect(int status, String method, String path, byte[] body) throws IOException {
        URI base = target.base();
        StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: ")
                .append(base.getHost()).append(':').append(base.getPort()).append("\r\nConnection: close\r\n");
        if (target.secret() != null) {
            head.append("Authorization: Bearer ").append(target.secret().token()).append("\r\n");
        }
        if (body != null) {
            head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
        }
        String what = method + " " + base.resolve(path);
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(target.host(), base.getPort()), TIMEOUT_MILLIS);
            s.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = s.getOutputStream();
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            int answered = status(s.getInputStream(), what);
            if (answered != status) {
                throw new IOException(what + " answered " + answered + ", not " + status);
            }
        }
    }

    /** The status code of the answer's first line ({@code HTTP/1.1 404 Not Found}); the rest is left unread. */
    private static int status(InputStream in, String what) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0 && b != '\n' && line.size() < 200; b = in.read()) {
            line.write(b);
        }
        String[] words = line.toString(StandardCharsets.US_ASCII).split(" ");
        if (words.length < 2 || !words[0].startsWith("HTTP/") || !words[1].matches("\\d{3}")) {
            throw new IOException(what + ": not an HTTP answer: " + line.toString(StandardCharsets.US_ASCII).strip());
        }
        return Integer.parseInt(words[1]);
    }
}
