package dlg.manager.logs;

import ch.qos.logback.core.spi.ContextAware;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One session's log file, appended to through a buffer that is flushed at once for WARN and above,
 * by {@link #flush()} (SessionLogs' flusher, every second) otherwise, and at {@link #close()}.
 *
 * <p>Threading: every method holds this object's monitor, only to copy already formatted bytes
 * into the buffer or to flush it. A write failure is reported once to Logback's status messages
 * (logging it would come back here) and the file takes no more lines.
 */
final class SessionFile {

    private static final int BUFFER_BYTES = 32 * 1024;

    private final Path path;
    private final OutputStream out;
    private final ContextAware status;
    private boolean dirty;
    private boolean closed;

    private SessionFile(Path path, OutputStream out, ContextAware status) {
        this.path = path;
        this.out = out;
        this.status = status;
    }

    static SessionFile open(Path path, ContextAware status) throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        // a stream, never a FileChannel: a channel is closed for good when a thread with its interrupt
        // flag set writes to it, and cancelling an app interrupts the thread that then logs its end
        var out = new FileOutputStream(path.toFile(), true);
        return new SessionFile(path, new BufferedOutputStream(out, BUFFER_BYTES), status);
    }

    synchronized void write(byte[] line, boolean flush) {
        if (closed) {
            return;
        }
        try {
            out.write(line);
            if (flush) {
                out.flush();
            }
            dirty = !flush;
        } catch (IOException e) {
            fail(e);
        }
    }

    synchronized void flush() {
        if (!dirty || closed) {
            return;
        }
        try {
            out.flush();
            dirty = false;
        } catch (IOException e) {
            fail(e);
        }
    }

    synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            out.close();
        } catch (IOException e) {
            status.addError("session log " + path + ": cannot complete the file", e);
        }
    }

    private void fail(IOException e) {
        closed = true;
        status.addError("session log " + path + ": cannot write, the file takes no more lines", e);
        try {
            out.close();
        } catch (IOException ignored) {
            // already reported the cause
        }
    }
}
