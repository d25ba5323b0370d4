package dlg.core.runtime;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The writing side of a drop whose content is a file (a FileDROP's, a shared-memory segment, a
 * stand-in for an output on another node): the file is opened, truncated, on the first write,
 * emptied for a retry, and closed when the drop is sealed or released. Not thread-safe: the
 * drop that owns it guards it with its own lock.
 */
final class FileWriting {

    private static final OpenOption[] CREATING = {StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING};
    private static final OpenOption[] EXISTING = {StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING};

    private final Path path;
    private final OpenOption[] options;
    private FileChannel channel;

    /** @param create whether the first write creates the file (a segment is made beforehand) */
    FileWriting(Path path, boolean create) {
        this.path = path;
        this.options = create ? CREATING : EXISTING;
    }

    void write(byte[] data, int offset, int length) throws IOException {
        if (channel == null) {
            channel = FileChannel.open(path, options);
        }
        ByteBuffer b = ByteBuffer.wrap(data, offset, length);
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }

    /**
     * Empties what was written through it (a retry).
     *
     * @return false when nothing was written through it: the file, if any, was written some other
     *     way (a command writing the path), which is the caller's to handle
     */
    boolean truncate() throws IOException {
        if (channel == null) {
            return false;
        }
        channel.truncate(0);
        channel.position(0);
        return true;
    }

    /** Closes the file if it is open; it may be opened again by a write. */
    void close() throws IOException {
        if (channel != null) {
            try {
                channel.close();
            } finally {
                channel = null;
            }
        }
    }
}
