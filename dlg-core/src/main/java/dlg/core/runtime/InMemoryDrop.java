package dlg.core.runtime;

import dlg.core.graph.DropSpec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * {@code dlg.data.drops.memory.InMemoryDROP}: bytes in the heap. Appends grow the buffer; readers
 * share it without copying (bytes already written never change). Released after use unless
 * {@code persist} is set. Its {@code pydata} is its content until a producer writes: what the
 * producer writes then replaces it (DALiuGE writes over it from the start; the graphs of its
 * {@code dask_emulation} give every drop a placeholder {@code pydata}, producers' outputs included).
 */
final class InMemoryDrop extends AbstractDataDrop {

    private static final byte[] EMPTY = new byte[0];

    private byte[] buffer; // guarded by this; null once released
    private int length;
    private boolean released;
    private boolean holdsPydata; // guarded by this

    InMemoryDrop(DropSpec spec, Execution execution, boolean releaseAfterUse, byte[] initial) {
        super(spec, execution, releaseAfterUse);
        this.buffer = initial == null ? EMPTY : initial;
        this.length = this.buffer.length;
        this.holdsPydata = initial != null;
    }

    @Override
    synchronized void writeBytes(byte[] data, int offset, int len) {
        if (holdsPydata) { // a new buffer: a reader may hold the old one
            buffer = EMPTY;
            length = 0;
            holdsPydata = false;
        }
        if (length + len > buffer.length) {
            long wanted = Math.max((long) length + len, Math.max(64, buffer.length * 2L));
            if (wanted > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("drop '" + oid() + "': in-memory data over 2 GB; use a FileDROP");
            }
            buffer = Arrays.copyOf(buffer, (int) wanted);
        }
        System.arraycopy(data, offset, buffer, length, len);
        length += len;
    }

    @Override
    synchronized void truncate() {
        if (!holdsPydata && !released) { // a new buffer: a reader may hold the old one
            buffer = EMPTY;
            length = 0;
        }
    }

    @Override
    public synchronized InputStream open() throws IOException {
        if (released) {
            throw new IOException("the data of drop '" + oid() + "' was released (" + state() + ")");
        }
        return new ByteArrayInputStream(buffer, 0, length);
    }

    @Override
    public synchronized long size() {
        return length;
    }

    @Override
    synchronized void release() {
        buffer = EMPTY;
        length = 0;
        released = true;
    }

    @Override
    public Optional<Path> path() {
        return Optional.empty();
    }

    @Override
    public String dataUrl() {
        return "mem://" + Host.NAME + "/" + Host.PID + "/" + System.identityHashCode(this);
    }
}
