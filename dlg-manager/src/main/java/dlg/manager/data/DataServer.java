package dlg.manager.data;

import dlg.core.app.DataDrop;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Serves the data of this node's drops to other NodeManagers, on the port DALiuGE calls the RPC
 * port (6666). The wire format is {@link Wire}'s: a request names a session and a uid, the reply
 * is a status and either why not or the drop's content in chunks, read from
 * {@link DataDrop#open()} as they are sent, so that a drop of any size crosses with one chunk
 * buffer per connection. Which drops may be served is {@link DropLookup}'s to say.
 *
 * <p>Threading: one virtual thread accepts connections and one virtual thread serves each of
 * them (never a thread per drop, no pool to size). {@link #close()} stops accepting and closes
 * every open connection, so that no thread outlives the server.
 */
public final class DataServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DataServer.class);
    /** A peer that connects and says nothing does not hold a connection for ever. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final int BACKLOG = 128;

    private final ServerSocket server;
    private final DropLookup drops;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean closed;

    private DataServer(ServerSocket server, DropLookup drops) {
        this.server = server;
        this.drops = drops;
        this.acceptor = Thread.ofVirtual().name("dlg-data-accept-" + server.getLocalPort()).start(this::accept);
    }

    /**
     * @param host the interface to listen on: {@code localhost} is 127.0.0.1 (IPv4, as the REST
     *     and event ports), {@code 0.0.0.0} every interface
     * @param port 0 for an ephemeral port
     * @throws UncheckedIOException when the port cannot be bound
     */
    public static DataServer start(String host, int port, DropLookup drops) {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(drops, "drops");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("data port out of range: " + port);
        }
        String bind = "localhost".equalsIgnoreCase(host) ? "127.0.0.1" : host;
        ServerSocket s = null;
        try {
            s = new ServerSocket();
            s.bind(new InetSocketAddress(bind, port), BACKLOG);
            log.debug("serving drop data on {}:{}", bind, s.getLocalPort());
            return new DataServer(s, drops);
        } catch (IOException e) {
            closeQuietly(s);
            throw new UncheckedIOException("cannot serve drop data on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!closed) {
            Socket c;
            try {
                c = server.accept();
            } catch (IOException e) {
                if (server.isClosed()) {
                    return;
                }
                log.warn("data port {}: cannot accept a connection: {}", port(), e.toString());
                continue;
            }
            connections.add(c);
            if (closed) { // close() may have missed it
                closeQuietly(c);
                return;
            }
            Thread.ofVirtual().name("dlg-data-" + c.getRemoteSocketAddress()).start(() -> serve(c));
        }
    }

    private void serve(Socket c) {
        SocketAddress peer = c.getRemoteSocketAddress();
        try (c) {
            c.setSoTimeout((int) REQUEST_TIMEOUT.toMillis());
            var in = new DataInputStream(new BufferedInputStream(c.getInputStream(), 1024));
            // room for one whole chunk and its length: one write per chunk
            var out = new DataOutputStream(new BufferedOutputStream(c.getOutputStream(), Wire.CHUNK + 16));
            String bad = Wire.readHeader(in);
            if (bad != null) {
                log.info("data port {}: refused a request from {}: {}", port(), peer, bad);
                refuse(out, DataReply.BAD_REQUEST, "this is dlg's data port and the request is not of its protocol ("
                        + bad + ")");
                return;
            }
            String sessionId = Wire.readString(in);
            String uid = Wire.readString(in);
            try (var m = MDC.putCloseable("sessionId", sessionId)) {
                reply(out, sessionId, uid, peer);
            }
        } catch (IOException e) { // the peer went away or stalled: it reports that on its side
            log.debug("data port {}: connection from {} ended: {}", port(), peer, e.toString());
        } finally {
            connections.remove(c);
        }
    }

    private void reply(DataOutputStream out, String sessionId, String uid, SocketAddress peer) throws IOException {
        InputStream data;
        try {
            data = drops.find(sessionId, uid).open();
        } catch (DataRefusedException e) {
            log.info("refused drop {} of session {} to {}: {}", uid, sessionId, peer, e.getMessage());
            refuse(out, e.reason(), e.getMessage());
            return;
        } catch (IOException | RuntimeException e) {
            log.warn("cannot serve drop {} of session {} to {}: {}", uid, sessionId, peer, e.toString());
            refuse(out, DataReply.UNREADABLE, "drop '" + uid + "' of session " + sessionId + " cannot be read: " + why(e));
            return;
        }
        try (data) {
            Wire.writeHeader(out);
            out.writeByte(DataReply.OK.code());
            long sent = stream(data, out, sessionId, uid);
            log.debug("sent the {} bytes of drop {} of session {} to {}", sent, uid, sessionId, peer);
        }
    }

    /** Sends the data in chunks; a read failure is sent as such, a write failure (the peer left) thrown. */
    private static long stream(InputStream data, DataOutputStream out, String sessionId, String uid) throws IOException {
        byte[] buf = new byte[Wire.CHUNK];
        long sent = 0;
        for (;;) {
            int n;
            try {
                n = data.read(buf);
            } catch (IOException | RuntimeException e) {
                log.warn("reading drop {} of session {} failed after {} bytes: {}", uid, sessionId, sent, e.toString());
                out.writeInt(Wire.FAILED);
                Wire.writeString(out, "reading drop '" + uid + "' of session " + sessionId + " failed after " + sent
                        + " bytes: " + why(e));
                out.flush();
                return sent;
            }
            if (n < 0) {
                out.writeInt(Wire.END);
                out.flush();
                return sent;
            }
            out.writeInt(n);
            out.write(buf, 0, n);
            sent += n;
        }
    }

    private static void refuse(DataOutputStream out, DataReply reason, String message) throws IOException {
        Wire.writeHeader(out);
        out.writeByte(reason.code());
        Wire.writeString(out, message);
        out.flush();
    }

    private static String why(Exception e) {
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }

    /** Stops accepting and closes every connection (readers on other nodes see their data cut short). */
    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        for (Socket c : connections) {
            closeQuietly(c);
        }
        try {
            acceptor.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception e) {
                log.debug("closing {}: {}", c, e.toString());
            }
        }
    }
}
