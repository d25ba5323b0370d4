package dlg.core.runtime;

import dlg.core.graph.DropSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code dlg.data.drops.memory.SharedMemoryDROP}: POSIX shared memory, the segment
 * {@code /dev/shm/<session>_<uid>} that DALiuGE's {@code SharedMemoryIO} names the same way, so any
 * process on the node (a Python worker with {@code multiprocessing.shared_memory}) can map it.
 * Readers map the segment instead of copying it. The segment is removed once the data is released
 * (after use, as an InMemoryDROP) and at the latest when the session ends.
 */
final class SharedMemoryDrop extends AbstractDataDrop {

    /** Where Linux keeps POSIX shared memory segments. */
    static final Path SHM = Path.of("/dev/shm");
    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._-]");

    private final Path segment;
    private final FileWriting writing; // guarded by this
    private boolean released; // guarded by this

    /**
     * @throws IllegalArgumentException when this machine has no {@code /dev/shm}, or the segment
     *     cannot be created
     */
    SharedMemoryDrop(DropSpec spec, Execution execution, boolean releaseAfterUse, byte[] initial, Path shm) {
        super(spec, execution, releaseAfterUse);
        if (!Files.isDirectory(shm)) {
            throw new IllegalArgumentException("SharedMemoryDROP needs POSIX shared memory (" + shm
                    + "), which this machine does not have");
        }
        this.segment = shm.resolve(name(execution.sessionId(), spec.uid()));
        this.writing = new FileWriting(segment, false);
        try {
            Files.write(segment, initial == null ? new byte[0] : initial);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot create shared memory segment " + segment + ": " + e);
        }
        execution.whenEnded(this::release);
    }

    /** DALiuGE's segment name, {@code <session>_<uid>}, made a safe single file name. */
    static String name(String sessionId, String uid) {
        return UNSAFE.matcher(sessionId + "_" + uid).replaceAll("_");
    }

    Path segment() {
        return segment;
    }

    @Override
    synchronized void writeBytes(byte[] data, int offset, int length) throws IOException {
        if (released) {
            throw new IOException("the shared memory of drop '" + oid() + "' was released");
        }
        writing.write(data, offset, length);
    }

    @Override
    synchronized void truncate() throws IOException {
        writing.truncate();
    }

    @Override
    synchronized void seal() throws IOException {
        writing.close();
    }

    @Override
    synchronized void release() {
        if (released) {
            return;
        }
        released = true;
        try {
            writing.close();
        } catch (IOException e) {
            // the segment goes anyway
        }
        try {
            Files.deleteIfExists(segment);
        } catch (IOException e) {
            // /dev/shm refused: nothing else can be done; the OS frees it at reboot
        }
    }


    @Override
    public synchronized InputStream open() throws IOException {
        if (released) {
            throw new IOException("the shared memory of drop '" + oid() + "' was released (" + state() + ")");
        }
        return MappedFiles.open(segment);
    }

    @Override
    public synchronized long size() {
        try {
            return released ? 0 : Files.size(segment);
        } catch (IOException e) {
            return 0;
        }
    }

    @Override
    public Optional<Path> path() {
        return Optional.empty();
    }

    @Override
    public synchronized Optional<Path> contentFile() {
        return released ? Optional.empty() : Optional.of(segment);
    }

    /** The segment itself: a shell command or a Python worker on this node maps it in place. */
    @Override
    public synchronized Optional<Path> readablePath() throws IOException {
        if (released) {
            throw new IOException("the shared memory of drop '" + oid() + "' was released (" + state() + ")");
        }
        return Optional.of(segment);
    }

    @Override
    public String dataUrl() {
        return "shmem://" + Host.NAME + "/" + Host.PID + "/" + System.identityHashCode(this);
    }
}
