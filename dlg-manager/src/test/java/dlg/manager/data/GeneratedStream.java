package dlg.manager.data;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code size} bytes made up as they are read ({@link #byteAt}), never held: a test can send a
 * huge drop and see how much of it the server has read so far. May fail after {@code failAt} bytes.
 */
final class GeneratedStream extends InputStream {

    private final long size;
    private final long failAt;
    private final AtomicLong produced;

    GeneratedStream(long size, AtomicLong produced) {
        this(size, Long.MAX_VALUE, produced);
    }

    GeneratedStream(long size, long failAt, AtomicLong produced) {
        this.size = size;
        this.failAt = failAt;
        this.produced = produced;
    }

    /** The content: not periodic at any power of two, so a lost or repeated chunk shows. */
    static byte byteAt(long i) {
        return (byte) (i * 31 + (i >>> 13));
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        long pos = produced.get();
        if (pos >= failAt) {
            throw new IOException("disk on fire");
        }
        if (pos >= size) {
            return -1;
        }
        int n = (int) Math.min(len, Math.min(size, failAt) - pos);
        for (int k = 0; k < n; k++) {
            b[off + k] = byteAt(pos + k);
        }
        produced.addAndGet(n);
        return n;
    }
}
