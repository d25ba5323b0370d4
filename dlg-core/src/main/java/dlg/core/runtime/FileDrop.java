package dlg.core.runtime;

import dlg.core.graph.DropSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * {@code dlg.data.drops.file.FileDROP}: a file (path rules in {@link FilePaths}). The first write
 * truncates it; it is closed when the drop completes, and created empty if nobody wrote it, so
 * that readers downstream always find a file.
 */
final class FileDrop extends FileBackedDrop {

    FileDrop(DropSpec spec, Execution execution, boolean releaseAfterUse, Path path) {
        super(spec, execution, releaseAfterUse, path);
    }

    /** Also empties a file the app wrote by its path (a command's {@code >>}). */
    @Override
    synchronized void truncate() throws IOException {
        if (!writing.truncate() && Files.isRegularFile(path)) {
            try (FileChannel c = FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                // opening it truncated it
            }
        }
    }

    @Override
    synchronized void release() {
        try {
            writing.close();
        } catch (IOException e) {
            // the drop is failing or being cancelled already; nothing more to report
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
}
