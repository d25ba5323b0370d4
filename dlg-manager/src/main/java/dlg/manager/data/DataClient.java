package dlg.manager.data;

import dlg.core.runtime.RemoteData;
import dlg.manager.NodeAddress;
import dlg.manager.auth.ClusterSecret;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Reads drops of other NodeManagers from their {@link DataServer}: the {@link RemoteData} of a
 * NodeManager's engine. Each {@link #open} makes one connection, sends the request ({@link Wire}),
 * reads the status and hands back the rest of the reply as the drop's bytes, read off the socket
 * as the app asks for them: an input of any size never sits in memory.
 *
 * <p>Threading: no state beyond its settings, so any number of apps may open inputs at once;
 * each stream belongs to the app that reads it. Every failure is an {@link IOException} naming the
 * drop, the node and what went wrong: no connection within the connect timeout, nothing received
 * for the read timeout, a refusal ({@link DataRefusedException}, with the node's reason), data
 * cut short, the node declared lost ({@link #abort}).
 *
 * <p>With the cluster's secret, each read proves to the node that it holds it, and has the node
 * prove the same before any data is taken ({@link Handshake}); the first read from a node takes
 * one more round trip, to get the node's ticket.
 */
public final class DataClient implements RemoteData {

    private static final byte[] NO_TICKET = new byte[Handshake.TICKET];
    private static final byte[] NO_PROOF = new byte[Handshake.PROOF];

    private final DataLocator locator;
    private final int connectMillis;
    private final int readMillis;
    private final ClusterSecret secret;
    /** The ticket of each node ("host:port") that proved it holds the secret: version 2 signs with it. */
    private final Map<String, byte[]> tickets = new ConcurrentHashMap<>();
    private final OpenReads reads = new OpenReads();
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
        Socket s = new Socket();
        reads.add(s, node);
        try {
            s.connect(new InetSocketAddress(node.host(), node.rpcPort()), connectMillis);
        } catch (IOException e) {
            String why = reads.abortedWhy(s);
            close(s);
            if (why != null) {
                throw new IOException("cannot read " + what + ": " + why, e);
            }
            throw connectFailure(what, port, node, e);
        }
        try {
            s.setSoTimeout(readMillis);
            var out = new DataOutputStream(new BufferedOutputStream(s.getOutputStream(), 512));
            var in = new DataInputStream(new BufferedInputStream(s.getInputStream(), Wire.CHUNK));
            if (secret == null) {
                Wire.writeHeader(out);
                request(out, sessionId, uid);
                replyHead(in, Wire.VERSION, what, port);
            } else {
                signed(out, in, sessionId, uid, node, what, port);
            }
            return new ChunkedInput(s, in, what, readMillis, reads, received);
        } catch (Unusable | DataRefusedException e) {
            close(s);
            throw e;
        } catch (IOException e) {
            String why = reads.abortedWhy(s);
            close(s);
            throw why != null ? new IOException("cannot read " + what + ": " + why, e) : failure(what, e, -1, readMillis);
        }
    }

    /**
     * Version 2: sends the request signed with the node's ticket, signs it again with a new one if
     * the node asks, and checks the node's proof; returns when the data follows.
     */
    private void signed(DataOutputStream out, DataInputStream in, String sessionId, String uid, NodeAddress node,
                        String what, String port) throws IOException {
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
        return reads.abort(n -> n.host().equals(host) && n.eventsPort() == eventsPort,
                n -> "node " + n + " stopped answering: " + reason);
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
