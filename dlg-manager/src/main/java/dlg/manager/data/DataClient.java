package dlg.manager.data;

import dlg.core.runtime.RemoteData;
import dlg.manager.NodeAddress;
import dlg.manager.auth.ClusterSecret;
import dlg.manager.data.IdleConnections.Connection;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

/**
 * Reads drops of other NodeManagers from their {@link DataServer}: the {@link RemoteData} of a
 * NodeManager's engine. Each {@link #open} sends the request ({@link Wire}), reads the status and
 * hands back the rest of the reply as the drop's bytes, read off the socket as the app asks for
 * them: an input of any size never sits in memory.
 *
 * <p>A connection whose data was read to its end is kept for the next read from the same node
 * ({@link IdleConnections}): a chain of small reads across two nodes then pays one round trip per
 * read, not a TCP connection, the node's accept and a thread there too. A kept connection that
 * the node closed meanwhile (it restarted) is found out before any answer, and the read goes on
 * over a new one. A stream closed before its end closes its connection.
 *
 * <p>Threading: any number of apps may open inputs at once (the kept connections are a
 * concurrent pool); each stream belongs to the app that reads it. Every failure is an
 * {@link IOException} naming the drop, the node and what went wrong: no connection within the
 * connect timeout, nothing received for the read timeout, a refusal ({@link DataRefusedException},
 * with the node's reason), data cut short, the node declared lost ({@link #abort}).
 *
 * <p>With the cluster's secret, each read proves to the node that it holds it, and has the node
 * prove the same before any data is taken ({@link Handshake}); the first read from a node takes
 * one more round trip, to get the node's ticket.
 */
public final class DataClient implements RemoteData, AutoCloseable {

    private static final byte[] NO_TICKET = new byte[Handshake.TICKET];
    private static final byte[] NO_PROOF = new byte[Handshake.PROOF];
    /** Connections kept per node: about as many as apps that read from one node at once. */
    static final int IDLE_PER_NODE = 8;
    /** Well within the node's request timeout ({@link DataServer}), after which it closes a silent connection. */
    static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final DataLocator locator;
    private final int connectMillis;
    private final int readMillis;
    private final ClusterSecret secret;
    /** The ticket of each node ("host:port") that proved it holds the secret: version 2 signs with it. */
    private final Map<String, byte[]> tickets = new ConcurrentHashMap<>();
    private final OpenReads reads = new OpenReads();
    /** Connections that finished a read, kept for the next one from the same node. */
    private final IdleConnections idle = new IdleConnections(IDLE_PER_NODE, IDLE_NANOS, System::nanoTime);
    /** Bytes of drops' data read from other nodes (one add per read call). */
    private final LongAdder received = new LongAdder();

    /**
     * @param connectTimeout how long to wait for the other node to accept the connection
     * @param readTimeout how long the other node may send nothing before the read fails
     */
    public DataClient(DataLocator locator, Duration connectTimeout, Duration readTimeout) {
        this(locator, connectTimeout, readTimeout, null);
    }

    /**
     * @param connectTimeout how long to wait for the other node to accept the connection
     * @param readTimeout how long the other node may send nothing before the read fails
     * @param secret the cluster's secret, which the other nodes then demand; null for none
     */
    public DataClient(DataLocator locator, Duration connectTimeout, Duration readTimeout, ClusterSecret secret) {
        this.locator = Objects.requireNonNull(locator, "locator");
        this.connectMillis = millis("connectTimeout", connectTimeout);
        this.readMillis = millis("readTimeout", readTimeout);
        this.secret = secret;
    }

    private static int millis(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero() || d.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " must be positive and at most " + Integer.MAX_VALUE + " ms: " + d);
        }
        return (int) d.toMillis();
    }

    @Override
    public InputStream open(String sessionId, String uid) throws IOException {
        NodeAddress node = locator.nodeOf(sessionId, uid).orElseThrow(() -> new IOException("cannot read drop '"
                + uid + "' of session " + sessionId + ": no node is known to hold it (no subscription named it"
                + " as an input of this node)"));
        String what = "drop '" + uid + "' of session " + sessionId + " from node " + node;
        String port = node.host() + ":" + node.rpcPort();
        Connection kept = idle.take(node);
        if (kept != null) {
            try {
                return read(kept, true, node, sessionId, uid, what, port);
            } catch (Stale e) {
                // the node closed it while it waited (it restarted, or timed it out): so it did the others
                idle.drop(node::equals);
            }
        }
        return read(connect(node, what, port), false, node, sessionId, uid, what, port);
    }

    /** A new connection to the node's data port, counted as an open read. */
    private Connection connect(NodeAddress node, String what, String port) throws IOException {
        Socket s = new Socket();
        reads.add(s, node);
        try {
            s.setTcpNoDelay(true); // each message goes out whole in one flush: never wait for an ACK
            s.connect(new InetSocketAddress(node.host(), node.rpcPort()), connectMillis);
            s.setSoTimeout(readMillis);
            return new Connection(s, new DataInputStream(new BufferedInputStream(s.getInputStream(), Wire.CHUNK)),
                    new DataOutputStream(new BufferedOutputStream(s.getOutputStream(), 512)));
        } catch (IOException e) {
            String why = reads.abortedWhy(s);
            close(s);
            if (why != null) {
                throw new IOException("cannot read " + what + ": " + why, e);
            }
            throw connectFailure(what, port, node, e);
        }
    }

    /**
     * Sends the request on {@code c} and reads the answer's head; the data follows on the stream
     * returned. On a {@code reused} connection, finding it closed before any answer is {@link Stale}.
     */
    private InputStream read(Connection c, boolean reused, NodeAddress node, String sessionId, String uid, String what,
                             String port) throws IOException {
        Socket s = c.socket();
        reads.add(s, node);
        try {
            if (secret == null) {
                Wire.writeHeader(c.out());
                request(c.out(), sessionId, uid);
                awaitAnswer(c.in(), reused);
                replyHead(c.in(), Wire.VERSION, what, port);
            } else {
                signed(c, reused, sessionId, uid, node, what, port);
            }
            return new ChunkedInput(c, node, what, readMillis, reads, received, idle);
        } catch (Unusable | DataRefusedException e) {
            close(s);
            throw e;
        } catch (IOException e) {
            String why = reads.abortedWhy(s);
            close(s);
            if (why != null) {
                throw new IOException("cannot read " + what + ": " + why, e);
            }
            if (reused && e instanceof SocketException) { // reset, or a broken pipe while sending the request
                throw new Stale(e);
            }
            throw e instanceof Stale ? e : failure(what, e, -1, readMillis);
        }
    }

    /**
     * Waits for the first byte of the answer. On a reused connection none at all (the end of the
     * stream) means that the node closed it while it waited: {@link Stale}, the read goes on
     * elsewhere. Nothing is consumed.
     */
    private static void awaitAnswer(DataInputStream in, boolean reused) throws IOException {
        if (!reused) {
            return; // replyHead's reading says what went wrong, in words
        }
        in.mark(1);
        if (in.read() < 0) {
            throw new Stale(null);
        }
        in.reset();
    }

    /**
     * Version 2: sends the request signed with the node's ticket, signs it again with a new one if
     * the node asks, and checks the node's proof; returns when the data follows.
     */
    private void signed(Connection c, boolean reused, String sessionId, String uid, NodeAddress node, String what,
                        String port) throws IOException {
        DataOutputStream out = c.out();
        DataInputStream in = c.in();
        byte[] sid = Handshake.utf8(sessionId);
        byte[] u = Handshake.utf8(uid);
        byte[] clientNonce = Handshake.nonce();
        byte[] ticket = tickets.get(port);
        Wire.writeHeader(out, Wire.VERSION_SECRET);
        out.write(ticket != null ? ticket : NO_TICKET);
        out.write(clientNonce);
        // with no ticket the node asks to sign again: a proof now would be wasted
        out.write(ticket != null ? Handshake.clientProof(secret, ticket, clientNonce, sid, u) : NO_PROOF);
        request(out, sessionId, uid);
        awaitAnswer(in, reused);
        if (replyHead(in, Wire.VERSION_SECRET, what, port) == DataReply.RENEW) {
            ticket = Wire.readBytes(in, Handshake.TICKET);
            out.write(Handshake.clientProof(secret, ticket, clientNonce, sid, u));
            out.flush();
            if (replyHead(in, Wire.VERSION_SECRET, what, port) == DataReply.RENEW) {
                throw new Unusable("cannot read " + what + ": " + port + " asked twice to sign the request again");
            }
        }
        if (ticket == null) {
            throw new Unusable("cannot read " + what + ": " + port + " took a request signed with no ticket");
        }
        byte[] proof = Wire.readBytes(in, Handshake.PROOF);
        if (!Handshake.matches(Handshake.serverProof(secret, clientNonce, ticket), proof)) {
            tickets.remove(port);
            throw new Unusable("cannot read " + what + ": node " + node + " does not hold this cluster's secret (its"
                    + " answer does not prove it): start it with the same --auth-token-file (or " + ClusterSecret.ENV
                    + ") as this node");
        }
        tickets.put(port, ticket); // the node proved itself: its ticket may sign the next requests
    }

    private static void request(DataOutputStream out, String sessionId, String uid) throws IOException {
        Wire.writeId(out, "the session id", sessionId);
        Wire.writeId(out, "the uid", uid);
        out.flush();
    }

    /**
     * Reads the header and status of the node's answer: returns OK, or RENEW in version 2;
     * throws the refusal (any version's: their framing is the same) or why the answer is not one.
     */
    private static DataReply replyHead(DataInputStream in, int version, String what, String port) throws IOException {
        String bad = Wire.readMagic(in);
        if (bad != null) {
            throw new Unusable("cannot read " + what + ": " + port + " is not a dlg NodeManager's data port (" + bad
                    + ")");
        }
        int answered = in.readUnsignedByte();
        if (answered != Wire.VERSION && answered != Wire.VERSION_SECRET) {
            throw new Unusable("cannot read " + what + ": " + port + " is not a dlg NodeManager's data port (it is"
                    + " version " + answered + " of the protocol, this node's are " + Wire.VERSION + " and "
                    + Wire.VERSION_SECRET + ")");
        }
        int code = in.readUnsignedByte();
        if (code >= DataReply.values().length) {
            throw new Unusable("cannot read " + what + ": unknown reply status " + code);
        }
        DataReply reply = DataReply.ofCode(code);
        if (reply != DataReply.OK && reply != DataReply.RENEW) {
            throw new DataRefusedException(reply, "cannot read " + what + ": refused (" + reply + "): "
                    + Wire.readString(in));
        }
        if (answered != version || reply == DataReply.RENEW && version != Wire.VERSION_SECRET) {
            throw new Unusable("cannot read " + what + ": " + port + " answered a request of version " + version
                    + " of the protocol with an answer (" + reply + ") of version " + answered);
        }
        return reply;
    }

    /** A kept connection that the node closed while it waited: not a failure of the read, which goes on anew. */
    private static final class Stale extends IOException {
        Stale(IOException cause) {
            super("the kept connection was closed by the node", cause);
        }
    }

    /** An answer that ends the read, already worded: not a failure of the connection. */
    private static final class Unusable extends IOException {
        Unusable(String message) {
            super(message);
        }
    }

    /**
     * Cuts the reads in progress from the node whose events come from {@code host:eventsPort}
     * (it was declared lost): they fail at once, naming the node and {@code reason}, instead of
     * waiting for the read timeout.
     *
     * @return how many reads were cut
     */
    public int abort(String host, int eventsPort, String reason) {
        Predicate<NodeAddress> lost = n -> n.host().equals(host) && n.eventsPort() == eventsPort;
        idle.drop(lost);
        return reads.abort(lost, n -> "node " + n + " stopped answering: " + reason);
    }

    /** Connections kept open for the next read (not counted as {@linkplain #openReads() open reads}). */
    int idleConnections() {
        return idle.size();
    }

    /** Closes the connections kept for later reads; reads in progress go on. */
    @Override
    public void close() {
        idle.closeAll();
    }

    /** Bytes of drops' data read from other nodes so far. */
    public long bytesRead() {
        return received.sum();
    }

    /** Data connections open now. */
    public int openReads() {
        return reads.size();
    }

    private IOException connectFailure(String what, String port, NodeAddress node, IOException e) {
        return switch (e) {
            case SocketTimeoutException t -> new IOException("cannot read " + what + ": no connection to " + port
                    + " within " + seconds(connectMillis), e);
            case UnknownHostException u -> new IOException("cannot read " + what + ": unknown host " + node.host(), e);
            default -> new IOException("cannot read " + what + ": cannot connect to " + port + ": " + e.getMessage(), e);
        };
    }

    /**
     * The exception for a read that failed, saying why in words.
     *
     * @param received bytes of data read before, or -1 if it failed before the data (in the reply's header)
     */
    static IOException failure(String what, IOException e, long received, int readMillis) {
        String after = received >= 0 ? " after " + received + " bytes" : "";
        String why = switch (e) {
            case SocketTimeoutException t -> "the node sent nothing for " + seconds(readMillis) + after;
            case EOFException t -> received < 0 ? "the connection closed before the reply"
                    : "the connection closed" + after + ", before the end of the data";
            default -> e.getMessage() + (received < 0 ? "" : " (" + after.trim() + ")");
        };
        return new IOException("cannot read " + what + ": " + why, e);
    }

    private static String seconds(int millis) {
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    private void close(Socket s) {
        reads.remove(s);
        try {
            s.close();
        } catch (IOException e) {
            // nothing was read; the caller reports the real failure
        }
    }
}
