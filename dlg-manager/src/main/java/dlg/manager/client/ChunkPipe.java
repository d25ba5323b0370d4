package dlg.manager.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A bounded pipe of byte chunks from one writer thread to one reader thread, unlike
 * {@link java.io.PipedInputStream} indifferent to which threads they are: the HttpClient reads a
 * body from whichever pool thread is free, and the pipe must not call the reader dead because the
 * thread that read last has ended.
 *
 * <p>The writer writes into {@link #sink()} and then calls {@link #finish(Throwable)}, which the
 * reader sees as the end of {@link #source()}, or as an IOException when the writer failed. If the
 * reader closes the source first, the writer's next write throws {@link ReaderGone}.
 */
final class ChunkPipe {

    /** The source was closed: whatever is written now is lost. */
    static final class ReaderGone extends IOException {
        ReaderGone() {
            super("the request body's reader has gone");
        }
    }

    private static final byte[] END = new byte[0];

    private final BlockingQueue<byte[]> chunks;
    /**
     * Chunks the reader has read, for the writer to fill again: a graph of hundreds of MB then
     * goes through a handful of buffers instead of being allocated (and its pages first touched)
     * chunk by chunk.
     */
    private final BlockingQueue<byte[]> free;
    private final int chunkSize;
    private final Sink sink = new Sink();
    private final Source source = new Source();
    private volatile boolean readerGone;
    private int chunksMade = 1; // the writer's: how many buffers it allocated
    private volatile Throwable failure;

    ChunkPipe(int chunkSize, int chunksInFlight) {
        this.chunkSize = chunkSize;
        this.chunks = new ArrayBlockingQueue<>(chunksInFlight);
        this.free = new ArrayBlockingQueue<>(chunksInFlight + 2);
    }

    OutputStream sink() {
        return sink;
    }

    InputStream source() {
        return source;
    }

    /** Ends the stream: cleanly if {@code failure} is null, else the reader gets an IOException. */
    void finish(Throwable failure) {
        this.failure = failure;
        try {
            hand(END);
        } catch (IOException e) {
            chunks.offer(END); // the reader has gone; wakes it should it still wait in take()
        }
    }

    /** How many chunk buffers the writer has allocated so far (read from the writer's thread, or after it). */
    int chunksMade() {
        return chunksMade;
    }

    Throwable failure() {
        return failure;
    }

    /** Closes the source, from any thread: a writer blocked on a full pipe is freed. */
    void closeSource() {
        readerGone = true;
        chunks.clear(); // room for a blocked put, after which the writer sees readerGone
    }

    private void hand(byte[] chunk) throws IOException {
        if (readerGone) {
            throw new ReaderGone();
        }
        try {
            chunks.put(chunk);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while writing a request body");
        }
    }

    private final class Sink extends OutputStream {
        private byte[] buf = new byte[chunkSize];
        private int n;

        @Override
        public void write(int b) throws IOException {
            if (n == buf.length) {
                handFull();
            }
            buf[n++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                if (n == buf.length) {
                    handFull();
                }
                int k = Math.min(len, buf.length - n);
                System.arraycopy(b, off, buf, n, k);
                n += k;
                off += k;
                len -= k;
            }
        }

        private void handFull() throws IOException {
            hand(buf);
            byte[] again = free.poll();
            if (again == null) {
                chunksMade++;
            }
            buf = again != null ? again : new byte[chunkSize];
            n = 0;
        }

        /** Hands over what is buffered; the end of the stream is {@link #finish}'s. */
        @Override
        public void close() throws IOException {
            if (n > 0 && !readerGone) {
                hand(Arrays.copyOf(buf, n));
                n = 0;
            }
        }
    }

    private final class Source extends InputStream {
        private byte[] chunk = new byte[0];
        private int pos;
        private boolean ended;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (pos == chunk.length) {
                if (ended || readerGone) {
                    return -1;
                }
                next();
            }
            int k = Math.min(len, chunk.length - pos);
            System.arraycopy(chunk, pos, b, off, k);
            pos += k;
            return k;
        }

        private void next() throws IOException {
            byte[] read = chunk;
            try {
                chunk = chunks.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while reading a request body");
            }
            pos = 0;
            if (read.length == chunkSize) { // a full chunk the writer handed over, all read: it may fill it again
                free.offer(read);
            }
            if (chunk == END) {
                ended = true;
                if (failure != null) {
                    throw new IOException("the request body could not be generated: " + failure, failure);
                }
            }
        }

        @Override
        public void close() {
            closeSource();
        }
    }
}
