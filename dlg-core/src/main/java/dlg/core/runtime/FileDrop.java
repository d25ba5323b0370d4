package dlg.core.runtime;

import dlg.core.graph.DropSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * {@code dlg.data.drops.file.FileDROP}: a file (path rules in {@link FilePaths}). The first write
 * truncates it; it is closed when the drop completes, and created empty if nobody wrote it, so
 * that readers downstream always find a file.
 */
final class FileDrop extends AbstractDataDrop {

    private final Path path;
    private FileChannel writer; // guarded by this

    FileDrop(DropSpec spec, Execution execution, boolean releaseAfterUse, Path path) {
        super(spec, execution, releaseAfterUse);
        this.path = path;
    }

    @Override
    synchronized void writeBytes(byte[] data, int offset, int length) throws IOException {
        if (writer == null) {
            writer = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
        }
        ByteBuffer b = ByteBuffer.wrap(data, offset, length);
        while (b.hasRemaining()) {
            writer.write(b);
        }
    }

    @Override
    synchronized void seal() throws IOException {
        closeWriter();
        if (!Files.exists(path)) {
            Files.createFile(path);
        }
    }

    /** Also empties a file the app wrote by its path (a command's {@code >>}). */
    @Override
    synchronized void truncate() throws IOException {
        if (writer != null) {
            writer.truncate(0);
            writer.position(0);
        } else if (Files.isRegularFile(path)) {
            try (FileChannel c = FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                // opening it truncated it
            }
        }
    }

    @Override
    synchronized void release() {
        try {
            closeWriter();
        } catch (IOException e) {
            // the drop is failing or being cancelled already; nothing more to report
        }
    }

    private void closeWriter() throws IOException {
        if (writer != null) {
            try {
                writer.close();
            } finally {
                writer = null;
            }
        }
    }

    @Override
    public InputStream open() throws IOException {
        try {
            return Files.newInputStream(path);
        } catch (NoSuchFileException e) {
            throw new IOException("drop '" + oid() + "': file " + path + " does not exist", e);
        }
    }

    @Override
    public long size() {
        try {
            return Files.size(path);
        } catch (IOException e) {
            return 0;
        }
    }

    @Override
    public Optional<Path> path() {
        return Optional.of(path);
    }

    @Override
    public Optional<Path> contentFile() {
        return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
    }

    @Override
    public String dataUrl() {
        return "file://" + Host.NAME + path;
    }
}
