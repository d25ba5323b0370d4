package dlg.core.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A data drop as an application sees it: inputs are read, outputs are written. Writing moves a
 * drop from INITIALIZED to WRITING; the engine completes it once all its producers finished.
 */
public interface DataDrop {

    String oid();

    String uid();

    /** The drop's display name ({@code name}, else its oid). */
    String name();

    /** A stream over the drop's whole content; several readers may read at once. */
    InputStream open() throws IOException;

    /** The drop's whole content (use {@link #open()} for large data). */
    default byte[] readAll() throws IOException {
        try (InputStream in = open()) {
            return in.readAllBytes();
        }
    }

    /** Appends bytes to the drop's content. */
    void write(byte[] data, int offset, int length) throws IOException;

    default void write(byte[] data) throws IOException {
        write(data, 0, data.length);
    }

    /** Bytes written so far (a file drop: the file's size). */
    long size();

    /** Where the data lives on disk, for drops backed by a file. */
    Optional<Path> path();

    /**
     * A file on this node holding the drop's content, for an app that must be given a path (a
     * shell command's {@code {uid}} or {@code %i0}): the drop's own file, or for data that another
     * node holds a copy fetched on first use; empty for data in memory.
     *
     * @throws IOException if the copy of another node's data cannot be made
     */
    default Optional<Path> readablePath() throws IOException {
        return path();
    }

    /**
     * A file on this node that holds exactly the drop's content, readable in place without a copy
     * (a file drop's file, a shared memory segment, a large value kept in shared memory); empty
     * when the content is in the heap or on another node. Unlike {@link #readablePath()} it never
     * makes a copy.
     */
    default Optional<Path> contentFile() {
        return Optional.empty();
    }

    /**
     * Takes a whole file, written by someone else (a Python worker), as the drop's content, as if
     * it had been written with {@link #write}. The file is the drop's from then on: kept as the
     * content where the drop can (data in memory), otherwise copied in and deleted.
     */
    default void adopt(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] chunk = new byte[1 << 16];
            for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                write(chunk, 0, n);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** DALiuGE's {@code dataURL}: {@code file://host/path}, {@code mem://host/pid/id}, {@code null://}. */
    String dataUrl();
}
