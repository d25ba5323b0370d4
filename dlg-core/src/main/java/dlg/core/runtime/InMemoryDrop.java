package dlg.core.runtime;

import dlg.core.graph.DropSpec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;

/**
 * {@code dlg.data.drops.memory.InMemoryDROP}: bytes in the heap. Appends grow the buffer; readers
 * share it without copying (bytes already written never change). Released after use unless
 * {@code persist} is set. Its {@code pydata} is its content until a producer writes: what the
 * producer writes then replaces it (DALiuGE writes over it from the start; the graphs of its
 * {@code dask_emulation} give every drop a placeholder {@code pydata}, producers' outputs included).
 *
 * <p>A large value that a Python worker wrote to a file in shared memory is {@linkplain #adopt
 * adopted} as it is: the file becomes the content (read in place, by Java apps mapped, by Python
 * workers by its path) and is deleted when the data is released or the session ends.
 */
final class InMemoryDrop extends AbstractDataDrop {

    private static final byte[] EMPTY = new byte[0];

    private byte[] buffer; // guarded by this; null once released
    private int length;
    private boolean released;
    private boolean holdsPydata; // guarded by this
    private Path file; // guarded by this; the content when adopted, until released

    InMemoryDrop(DropSpec spec, Execution execution, boolean releaseAfterUse, byte[] initial) {
        super(spec, execution, releaseAfterUse);
        this.buffer = initial == null ? EMPTY : initial;
        this.length = this.buffer.length;
        this.holdsPydata = initial != null;
    }

    @Override
    synchronized void writeBytes(byte[] data, int offset, int len) throws IOException {
        if (file != null) {
            Files.write(file, Arrays.copyOfRange(data, offset, offset + len), StandardOpenOption.APPEND);
            return;
        }
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

    /** Keeps the file as the content when nothing else was written; else copies it in. */
    @Override
    void adoptFile(Path adopted) throws IOException {
        if (Files.size(adopted) > Integer.MAX_VALUE - 8) {
            Files.deleteIfExists(adopted);
            throw new IOException("drop '" + oid() + "': in-memory data over 2 GB; use a FileDROP");
        }
        synchronized (this) {
            if (!released && file == null && (holdsPydata || length == 0)) {
                file = adopted;
                buffer = EMPTY;
                length = 0;
                holdsPydata = false;
                execution.whenEnded(this::unadopt);
                return;
            }
        }
        super.adoptFile(adopted);
    }

    /**
     * At the session's end a kept value leaves shared memory for the heap, where it stays readable
     * as any in-memory value: no file outlives its session.
     */
    private synchronized void unadopt() {
        if (file == null) {
            return;
        }
        try {
            if (!released && Files.size(file) < Integer.MAX_VALUE - 8) {
                buffer = Files.readAllBytes(file);
                length = buffer.length;
            }
        } catch (IOException e) {
            buffer = EMPTY; // gone from under us: what is left is nothing
            length = 0;
        }
        deleteFile();
    }

    private void deleteFile() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // shared memory refused the delete: the OS frees it at reboot
        }
        file = null;
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
        return file != null ? MappedFiles.open(file) : new ByteArrayInputStream(buffer, 0, length);
    }

    @Override
    synchronized byte[] smallContent(int max) {
        return released || file != null || length > max ? null : Arrays.copyOf(buffer, length);
    }

    @Override
    public synchronized long size() {
        if (file != null) {
            try {
                return Files.size(file);
            } catch (IOException e) {
                return 0;
            }
        }
        return length;
    }

    @Override
    public synchronized Optional<Path> contentFile() {
        return Optional.ofNullable(file);
    }

    @Override
    synchronized void release() {
        buffer = EMPTY;
        length = 0;
        released = true;
        if (file != null) {
            deleteFile();
        }
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
