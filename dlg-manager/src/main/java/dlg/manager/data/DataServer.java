package dlg.manager.data;

import dlg.manager.logs.WarnLimiter;
import dlg.core.app.DataDrop;
import dlg.manager.auth.ClusterSecret;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;
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
 * <p>With the cluster's secret, only a reader that proves it holds the secret too is served
 * (version 2, {@link Handshake}); a reader without it, with another one, with one while this
 * node has none, or playing again a request seen on the wire, is refused as
 * {@link DataReply#UNAUTHORIZED} with a message saying which.
 * Without a secret, version 1 is served as DALiuGE's port is: to anyone. Refusals of strangers
 * and of readers without the secret are logged at WARN, at most once a minute for each kind, so
 * that a port scanner cannot flood the log.
 *
 * <p>A connection carries any number of requests, one after the other: after a drop's data went
 * out whole the server reads the next request (a reader keeps its connections for its next reads
 * from this node, {@link DataClient}); a refusal or a failure ends the connection, and so does a
 * connection silent for the request timeout.
 *
 * <p>Threading: one virtual thread accepts connections and one thread serves each of them (never
 * a thread per drop, no pool to size): a platform thread for the first {@link #PLATFORM_THREADS}
 * at once (readers keep their connections, so these carry most reads), a virtual one beyond.
 * {@link #close()} stops accepting and closes every open connection, so that no thread outlives
 * the server.
 */
public final class DataServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DataServer.class);
    /**
     * A peer that connects and says nothing does not hold a connection for ever; nor does a reader's
     * kept connection left unused (readers keep theirs for less, {@link DataClient#IDLE_NANOS}).
     */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final int BACKLOG = 128;
    /**
     * Connections served by platform threads at once; more are served by virtual threads. A platform
     * thread blocked on a kept connection is woken by the kernel when the next request comes; a
     * virtual one through the JDK's poller and a carrier thread: DIM + 2 NMs, {@code chain 10000
     * --split alternate --app copy}, took 6.5 s with virtual threads only, 4.0 to 4.3 s with these.
     */
    static final int PLATFORM_THREADS = 16;
    /** The read buffer's first size: a drop's data is read with it doubled up to a whole chunk. */
    private static final int FIRST_BUFFER = 1024;
    private static final Duration WARN_PERIOD = Duration.ofMinutes(1);
    /** A ticket is renewed this often, or after this many reads: at most 2 x 100,000 nonces held (~15 MB). */
    private static final Duration TICKET_PERIOD = Duration.ofMinutes(10);
    private static final int TICKET_USES = 100_000;

    private final ServerSocket server;
    private final DropLookup drops;
    private final ClusterSecret secret;
    private final WarnLimiter strangerRefusals = new WarnLimiter(log, WARN_PERIOD, System::nanoTime);
    private final WarnLimiter secretRefusals = new WarnLimiter(log, WARN_PERIOD, System::nanoTime);
    private final Tickets tickets = new Tickets(TICKET_PERIOD, TICKET_USES, System::nanoTime);
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final Semaphore platformThreads = new Semaphore(PLATFORM_THREADS);
    /** Connections accepted so far (readers keep theirs: far fewer than reads). */
    private final LongAdder accepted = new LongAdder();
    /** Bytes of drops' data sent to other nodes (one add per chunk). */
    private final LongAdder served = new LongAdder();
    private final Thread acceptor;
    private volatile boolean closed;

    private DataServer(ServerSocket server, DropLookup drops, ClusterSecret secret) {
        this.server = server;
        this.drops = drops;
        this.secret = secret;
        this.acceptor = Thread.ofVirtual().name("dlg-data-accept-" + server.getLocalPort()).start(this::accept);
    }

    /**
     * @param host the interface to listen on: {@code localhost} is 127.0.0.1 (IPv4, as the REST
     *     and event ports), {@code 0.0.0.0} every interface
     * @param port 0 for an ephemeral port
     * @throws UncheckedIOException when the port cannot be bound
     */
    public static DataServer start(String host, int port, DropLookup drops) {
        return start(host, port, drops, null);
    }

    /**
     * @param host the interface to listen on: {@code localhost} is 127.0.0.1 (IPv4, as the REST
     *     and event ports), {@code 0.0.0.0} every interface
     * @param port 0 for an ephemeral port
     * @param secret the cluster's secret, which every reader must then prove it holds; null for
     *     none: anyone may read
     * @throws UncheckedIOException when the port cannot be bound
     */
    public static DataServer start(String host, int port, DropLookup drops, ClusterSecret secret) {
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
            log.debug("serving drop data on {}:{}{}", bind, s.getLocalPort(), secret != null ? " to holders of the"
                    + " cluster's secret" : "");
            return new DataServer(s, drops, secret);
        } catch (IOException e) {
            closeQuietly(s);
            throw new UncheckedIOException("cannot serve drop data on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    /** Bytes of drops' data sent to other nodes so far. */
    public long bytesServed() {
        return served.sum();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Connections accepted so far. */
    long connectionsAccepted() {
        return accepted.sum();
    }

    /** Platform threads free to serve the next connection (see {@link #PLATFORM_THREADS}). */
    int platformThreadsFree() {
        return platformThreads.availablePermits();
    }

    /** Connections open now: reads in progress, and connections readers keep for their next reads. */
    int openConnections() {
        return connections.size();
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
            accepted.increment();
            if (closed) { // close() may have missed it
                closeQuietly(c);
                return;
            }
            boolean own = platformThreads.tryAcquire();
            Thread.Builder thread = own ? Thread.ofPlatform().daemon() : Thread.ofVirtual();
            thread.name("dlg-data-" + c.getRemoteSocketAddress()).start(() -> {
                try {
                    serve(c);
                } finally {
                    if (own) {
                        platformThreads.release();
                    }
                }
            });
        }
    }

    private void serve(Socket c) {
        SocketAddress peer = c.getRemoteSocketAddress();
        try (c) {
            c.setSoTimeout((int) REQUEST_TIMEOUT.toMillis());
            var in = new DataInputStream(new BufferedInputStream(c.getInputStream(), 1024));
            // room for one whole chunk and its length: one write per chunk
            var out = new DataOutputStream(new BufferedOutputStream(c.getOutputStream(), Wire.CHUNK + 16));
            c.setTcpNoDelay(true); // every answer is flushed whole: its last bytes never wait for an ACK
            while (serveRequest(in, out, peer)) {
                // the reader may send its next request on this connection (it closes it when done)
            }
        } catch (IOException e) { // the peer went away or stalled: it reports that on its side
            log.debug("data port {}: connection from {} ended: {}", port(), peer, e.toString());
        } finally {
            connections.remove(c);
        }
    }

    /**
     * Reads one request and answers it. Returns true once the drop's data went out whole, when the
     * connection may carry another request; false after a refusal (the connection ends).
     */
    private boolean serveRequest(DataInputStream in, DataOutputStream out, SocketAddress peer) throws IOException {
        String bad = Wire.readMagic(in);
        int version = bad == null ? in.readUnsignedByte() : -1;
        switch (version) {
            case Wire.VERSION -> {
                return serveOpen(in, out, peer);
            }
            case Wire.VERSION_SECRET -> {
                return serveSecret(in, out, peer);
            }
            default -> {
                bad = bad != null ? bad : "it is version " + version + " of the protocol, this node's are "
                        + Wire.VERSION + " and " + Wire.VERSION_SECRET;
                strangerRefusals.warn("data port {}: refused a request from {}: {}", port(), peer, bad);
                refuse(out, Wire.VERSION, DataReply.BAD_REQUEST, "this is dlg's data port and the request is not"
                        + " of its protocol (" + bad + ")");
                return false;
            }
        }
    }

    /** Version 1: the request follows the header; served only when this node has no secret. */
    private boolean serveOpen(DataInputStream in, DataOutputStream out, SocketAddress peer) throws IOException {
        // read whole even when refused: unread bytes at close would reset the connection, and the refusal with it
        String sessionId = Wire.readString(in);
        String uid = Wire.readString(in);
        if (secret != null) {
            secretRefusals.warn("data port {}: refused drop {} of session {} to {}: the request holds no secret",
                    port(), uid, sessionId, peer);
            refuse(out, Wire.VERSION, DataReply.UNAUTHORIZED, "this node demands the cluster's secret, and the"
                    + " request holds none: start the NodeManager that reads with the same --auth-token-file (or "
                    + ClusterSecret.ENV + ") as this one");
            return false;
        }
        return reply(out, Wire.VERSION, null, sessionId, uid, peer);
    }

    /** Version 2: the request is served once it proves it holds the secret ({@link Handshake}). */
    private boolean serveSecret(DataInputStream in, DataOutputStream out, SocketAddress peer) throws IOException {
        // read whole even when refused, as in version 1
        byte[] ticket = Wire.readBytes(in, Handshake.TICKET);
        byte[] clientNonce = Wire.readBytes(in, Handshake.NONCE);
        byte[] proof = Wire.readBytes(in, Handshake.PROOF);
        byte[] sessionId = Wire.readStringBytes(in);
        byte[] uid = Wire.readStringBytes(in);
        if (secret == null) {
            secretRefusals.warn("data port {}: refused a request from {}: it holds a secret and this node has none",
                    port(), peer);
            refuse(out, Wire.VERSION_SECRET, DataReply.UNAUTHORIZED, "this node has no secret, and the request holds"
                    + " one: start this node with the same --auth-token-file (or " + ClusterSecret.ENV + ") as the"
                    + " NodeManager that reads, or that one without");
            return false;
        }
        Tickets.Ticket t = tickets.live(ticket);
        if (t == null || tickets.full(t)) { // the reader's first read here, or its ticket is done: sign again
            t = tickets.current();
            ticket = t.value();
            Wire.writeHeader(out, Wire.VERSION_SECRET);
            out.writeByte(DataReply.RENEW.code());
            out.write(ticket);
            out.flush();
            proof = Wire.readBytes(in, Handshake.PROOF);
        }
        // nothing is looked up for a reader that has not proven it holds the secret
        if (!Handshake.matches(Handshake.clientProof(secret, ticket, clientNonce, sessionId, uid), proof)) {
            secretRefusals.warn("data port {}: refused a request from {}: wrong secret", port(), peer);
            refuse(out, Wire.VERSION_SECRET, DataReply.UNAUTHORIZED, "wrong secret: the NodeManager that reads holds"
                    + " another secret than this node; start both with the same --auth-token-file (or "
                    + ClusterSecret.ENV + ")");
            return false;
        }
        if (!tickets.use(t, clientNonce)) {
            secretRefusals.warn("data port {}: refused a request from {}: it was sent before (a replay)", port(), peer);
            refuse(out, Wire.VERSION_SECRET, DataReply.UNAUTHORIZED, "this request was sent before: a reader never"
                    + " sends the same twice, so it is played again by someone else");
            return false;
        }
        return reply(out, Wire.VERSION_SECRET, Handshake.serverProof(secret, clientNonce, ticket),
                new String(sessionId, StandardCharsets.UTF_8), new String(uid, StandardCharsets.UTF_8), peer);
    }

    /**
     * @param proof the server's proof, sent before the data in version 2; null in version 1
     * @return whether the data went out whole (else a refusal or a failure marker did)
     */
    private boolean reply(DataOutputStream out, int version, byte[] proof, String sessionId, String uid,
                          SocketAddress peer) throws IOException {
        try (var m = MDC.putCloseable("sessionId", sessionId)) {
            return replyData(out, version, proof, sessionId, uid, peer);
        }
    }

    private boolean replyData(DataOutputStream out, int version, byte[] proof, String sessionId, String uid,
                           SocketAddress peer) throws IOException {
        InputStream data;
        try {
            data = drops.find(sessionId, uid).open();
        } catch (DataRefusedException e) {
            log.info("refused drop {} of session {} to {}: {}", uid, sessionId, peer, e.getMessage());
            refuse(out, version, e.reason(), e.getMessage());
            return false;
        } catch (IOException | RuntimeException e) {
            log.warn("cannot serve drop {} of session {} to {}: {}", uid, sessionId, peer, e.toString());
            refuse(out, version, DataReply.UNREADABLE, "drop '" + uid + "' of session " + sessionId + " cannot be read: " + why(e));
            return false;
        }
        try (data) {
            Wire.writeHeader(out, version);
            out.writeByte(DataReply.OK.code());
            if (proof != null) {
                out.write(proof);
            }
            long sent = stream(data, out, sessionId, uid, served);
            if (sent >= 0) {
                log.debug("sent the {} bytes of drop {} of session {} to {}", sent, uid, sessionId, peer);
            }
            return sent >= 0;
        }
    }

    /**
     * Sends the data in chunks; a read failure is sent as such (and -1 returned), a write failure
     * (the peer left) thrown. Returns the bytes sent.
     */
    private static long stream(InputStream data, DataOutputStream out, String sessionId, String uid, LongAdder served)
            throws IOException {
        // small first, doubled while reads fill it: a small drop (most reads across a chain) does not
        // cost a whole chunk's allocation, a big one reaches whole chunks within a few reads
        byte[] buf = new byte[FIRST_BUFFER];
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
                return -1;
            }
            if (n < 0) {
                out.writeInt(Wire.END);
                out.flush();
                return sent;
            }
            out.writeInt(n);
            out.write(buf, 0, n);
            sent += n;
            served.add(n);
            if (n == buf.length && buf.length < Wire.CHUNK) {
                buf = new byte[Math.min(2 * buf.length, Wire.CHUNK)];
            }
        }
    }

    private static void refuse(DataOutputStream out, int version, DataReply reason, String message) throws IOException {
        Wire.writeHeader(out, version);
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
