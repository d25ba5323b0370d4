package dlg.core.runtime;

import dlg.core.graph.DropSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A data drop whose content is a file it writes itself: a FileDROP, or the stand-in of an output
 * on another node. Written through {@link FileWriting}, created empty if nobody wrote it, so that
 * readers always find a file; how it is emptied, released and read is each kind's own.
 */
abstract sealed class FileBackedDrop extends AbstractDataDrop permits FileDrop, RemoteOutputDrop {

    final Path path;
    final FileWriting writing; // guarded by this

    FileBackedDrop(DropSpec spec, Execution execution, boolean releaseAfterUse, Path path) {
        super(spec, execution, releaseAfterUse);
        this.path = path;
        this.writing = new FileWriting(path, true);
    }

    @Override
    final synchronized void writeBytes(byte[] data, int offset, int length) throws IOException {
        writing.write(data, offset, length);
    }

    @Override
    final synchronized void seal() throws IOException {
        writing.close();
        if (!Files.exists(path)) {
            Files.createFile(path);
        }
    }

    @Override
    public final long size() {
        try {
            return Files.size(path);
        } catch (IOException e) {
            return 0;
        }
    }

    /** The file: apps that write their outputs by path (commands) write it there. */
    @Override
    public final Optional<Path> path() {
        return Optional.of(path);
    }

    @Override
    public final Optional<Path> contentFile() {
        return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
    }

    @Override
    public final String dataUrl() {
        return "file://" + Host.NAME + path;
    }
}
