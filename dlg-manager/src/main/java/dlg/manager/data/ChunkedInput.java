package dlg.manager.data;

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
 * {@link IOException} saying so. Closing it closes the connection. Read by one thread at a time.
 */
final class ChunkedInput extends InputStream {

    private final Socket socket;
    private final DataInputStream in;
    private final String what;
    private final int readMillis;
    private final OpenReads reads;
    private final LongAdder total;
    private int remaining; // bytes left in the current chunk
    private long received;
    private boolean ended;

    /** @param total every read adds what it read to it (the client's count of bytes read) */
    ChunkedInput(Socket socket, DataInputStream in, String what, int readMillis, OpenReads reads, LongAdder total) {
        this.reads = reads;
        this.total = total;
        this.socket = socket;
        this.in = in;
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
        if (n == Wire.FAILED) {
            throw new IOException("cannot read " + what + ": the node failed to send it: " + why);
        }
        throw new IOException("cannot read " + what + ": bad chunk length " + n + " after " + received + " bytes");
    }

    /** Why the read failed: cut because the node was declared lost, or what the connection said. */
    private IOException failure(IOException e) {
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
        reads.remove(socket);
        socket.close();
    }
}
