package dlg.manager.data;

import dlg.manager.NodeAddress;
import dlg.manager.data.IdleConnections.Connection;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * The data of a reply ({@link Wire}'s chunks) as a plain stream of the drop's bytes. The end
 * marker is the end of the stream; a failure marker, a truncated reply or a silent node is an
 * {@link IOException} saying so. Closing it after the end marker gives the connection back for
 * the next read from that node ({@link IdleConnections}); closing it before, or after a failure,
 * closes the connection. Read by one thread at a time.
 */
final class ChunkedInput extends InputStream {

    private final Connection connection;
    private final NodeAddress node;
    private final IdleConnections idle;
    private final Socket socket;
    private final DataInputStream in;
    private final String what;
    private final int readMillis;
    private final OpenReads reads;
    private final LongAdder total;
    private int remaining; // bytes left in the current chunk
    private long received;
    private boolean ended;
    private boolean failed;
    private boolean closed;

    /**
     * @param total every read adds what it read to it (the client's count of bytes read)
     * @param idle where the connection goes once the data was read to its end
     */
    ChunkedInput(Connection connection, NodeAddress node, String what, int readMillis, OpenReads reads, LongAdder total,
                 IdleConnections idle) {
        this.connection = connection;
        this.node = node;
        this.idle = idle;
        this.reads = reads;
        this.total = total;
        this.socket = connection.socket();
        this.in = connection.in();
        this.what = what;
        this.readMillis = readMillis;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (remaining == 0 && !nextChunk()) {
            return -1;
        }
        int n;
        try {
            n = in.read(b, off, Math.min(len, remaining));
        } catch (IOException e) {
            throw failure(e);
        }
        if (n < 0) {
            throw failure(new EOFException());
        }
        remaining -= n;
        received += n;
        total.add(n);
        return n;
    }

    /** Reads the next chunk's length: false at the end of the data. */
    private boolean nextChunk() throws IOException {
        if (ended) {
            return false;
        }
        int n;
        String why = null;
        try {
            n = in.readInt();
            if (n == Wire.FAILED) {
                why = Wire.readString(in);
            }
        } catch (IOException e) {
            throw failure(e);
        }
        if (n > 0 && n <= Wire.CHUNK) {
            remaining = n;
            return true;
        }
        if (n == Wire.END) {
            ended = true;
            return false;
        }
        failed = true; // the framing is lost (or the node gave up): the connection is of no more use
        if (n == Wire.FAILED) {
            throw new IOException("cannot read " + what + ": the node failed to send it: " + why);
        }
        throw new IOException("cannot read " + what + ": bad chunk length " + n + " after " + received + " bytes");
    }

    /** Why the read failed: cut because the node was declared lost, or what the connection said. */
    private IOException failure(IOException e) {
        failed = true;
        String why = reads.abortedWhy(socket);
        return why != null ? new IOException("cannot read " + what + ": " + why + " (after " + received + " bytes)", e)
                : DataClient.failure(what, e, received, readMillis);
    }

    @Override
    public int available() throws IOException {
        return Math.min(remaining, in.available());
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        boolean aborted = reads.abortedWhy(socket) != null;
        reads.remove(socket);
        if (ended && !failed && !aborted) {
            idle.giveBack(node, connection);
        } else {
            socket.close();
        }
    }
}
