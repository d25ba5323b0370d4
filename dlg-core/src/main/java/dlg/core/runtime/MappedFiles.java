package dlg.core.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Streams over files read in place: mapped (shared memory is then read without a copy into the heap). */
final class MappedFiles {

    private MappedFiles() {
    }

    /** A stream over the whole file: mapped up to 2 GB, a plain file stream beyond. */
    static InputStream open(Path file) throws IOException {
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = c.size();
            if (size > Integer.MAX_VALUE) {
                return Files.newInputStream(file);
            }
            return new MappedStream(c.map(FileChannel.MapMode.READ_ONLY, 0, size));
        }
    }

    /** A stream over a mapped file: reads straight from its pages. */
    private static final class MappedStream extends InputStream {
        private final MappedByteBuffer buffer;

        MappedStream(MappedByteBuffer buffer) {
            this.buffer = buffer;
        }

        @Override
        public int read() {
            return buffer.hasRemaining() ? buffer.get() & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (!buffer.hasRemaining()) {
                return -1;
            }
            int n = Math.min(len, buffer.remaining());
            buffer.get(b, off, n);
            return n;
        }

        @Override
        public int available() {
            return buffer.remaining();
        }
    }
}
