package dlg.manager.data;

import dlg.core.runtime.RemoteData;
import dlg.manager.NodeAddress;
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
import java.util.Objects;

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
 */
public final class DataClient implements RemoteData {

    private final DataLocator locator;
    private final int connectMillis;
    private final int readMillis;
    private final OpenReads reads = new OpenReads();

    /**
     * @param connectTimeout how long to wait for the other node to accept the connection
     * @param readTimeout how long the other node may send nothing before the read fails
     */
    public DataClient(DataLocator locator, Duration connectTimeout, Duration readTimeout) {
        this.locator = Objects.requireNonNull(locator, "locator");
        this.connectMillis = millis("connectTimeout", connectTimeout);
        this.readMillis = millis("readTimeout", readTimeout);
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
        String bad;
        int code = -1;
        String refusal = null;
        try {
            s.setSoTimeout(readMillis);
            var out = new DataOutputStream(new BufferedOutputStream(s.getOutputStream(), 512));
            Wire.writeHeader(out);
            Wire.writeId(out, "the session id", sessionId);
            Wire.writeId(out, "the uid", uid);
            out.flush();
            var in = new DataInputStream(new BufferedInputStream(s.getInputStream(), Wire.CHUNK));
            bad = Wire.readHeader(in);
            if (bad == null) {
                code = in.readUnsignedByte();
                if (code == DataReply.OK.code()) {
                    return new ChunkedInput(s, in, what, readMillis, reads);
                }
                if (code < DataReply.values().length) {
                    refusal = Wire.readString(in);
                }
            }
        } catch (IOException e) {
            String why = reads.abortedWhy(s);
            close(s);
            throw why != null ? new IOException("cannot read " + what + ": " + why, e) : failure(what, e, -1, readMillis);
        }
        close(s);
        if (bad != null) {
            throw new IOException("cannot read " + what + ": " + port + " is not a dlg NodeManager's data port ("
                    + bad + ")");
        }
        if (code >= DataReply.values().length) {
            throw new IOException("cannot read " + what + ": unknown reply status " + code);
        }
        DataReply reply = DataReply.ofCode(code);
        throw new DataRefusedException(reply, "cannot read " + what + ": refused (" + reply + "): " + refusal);
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
