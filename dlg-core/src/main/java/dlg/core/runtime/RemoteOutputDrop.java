package dlg.core.runtime;

import dlg.core.graph.Category;
import dlg.core.graph.DropSpec;
import dlg.core.state.DropState;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stands in, on the node of the app that writes it, for an output drop held by another node:
 * the app writes it as any local output (DALiuGE has it write the remote drop through an RPC
 * proxy instead). Its content goes to a file in {@code remote-outputs/} of the session
 * directory, so that an output of any size never sits in memory. It completes before the app's
 * {@code producerFinished} event leaves this node; on that event the node holding the real drop
 * reads this content (by the drop's uid, from this node's data port) into it, and only then
 * completes it. Once read to the end the content is released: the real drop has it.
 *
 * <p>It is not one of the execution's drops: its changes are neither counted nor reported, and it
 * takes no part in ending the run here.
 */
final class RemoteOutputDrop extends FileBackedDrop {

    private static final Logger log = LoggerFactory.getLogger(RemoteOutputDrop.class);

    private boolean released; // guarded by this

    /**
     * @param uid the uid of the drop on the other node
     * @throws UncheckedIOException when the directory of stand-ins cannot be made
     */
    RemoteOutputDrop(String uid, Execution execution) {
        super(new DropSpec(uid, uid, Category.DATA, "remote-output", null, null, null, List.of(), Map.of(), Map.of()),
                execution, false, standIn(uid, execution));
        execution.whenEnded(this::releaseUnlessCompleted);
    }

    /** The stand-in's file, in the session's directory of them. */
    private static Path standIn(String uid, Execution execution) {
        try {
            Path dir = Files.createDirectories(execution.sessionDir().resolve("remote-outputs"));
            String name = URLEncoder.encode(uid, StandardCharsets.UTF_8);
            return dir.resolve(name.matches("\\.*") ? "_" + name : name); // not "", "." or ".."
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the stand-in of remote output '" + uid + "': " + e, e);
        }
    }

    @Override
    boolean ofThisExecution() {
        return false;
    }

    @Override
    void changed(DropState from, DropState to) {
        // the real drop belongs to another node's session: it counts there
    }

    /** Also empties a file the app wrote by its path. */
    @Override
    synchronized void truncate() throws IOException {
        if (!writing.truncate()) {
            Files.deleteIfExists(path);
        }
    }

    /** The content, once read to its end by the other node: deleted. */
    @Override
    synchronized void release() {
        released = true;
        try {
            writing.close();
            Files.deleteIfExists(path);
        } catch (IOException e) {
            log.warn("session {}: cannot delete stand-in {} of remote output '{}': {}", execution.sessionId(), path,
                    uid(), e.toString());
        }
    }

    /** At the end of the run here, what never completed (the app failed, was cancelled) goes. */
    private void releaseUnlessCompleted() {
        if (state() != DropState.COMPLETED) {
            release();
        }
    }

    /**
     * The content, for the other node. Once read to the end and closed, the stand-in is released
     * (EXPIRED) unless the engine keeps data ({@code --no-dlm}).
     */
    @Override
    public synchronized InputStream open() throws IOException {
        if (released) {
            throw new IOException("the stand-in of remote output '" + uid() + "' was released (" + state() + ")");
        }
        return new FilterInputStream(Files.newInputStream(path)) {
            private boolean atEnd;

            @Override
            public int read() throws IOException {
                int b = super.read();
                atEnd |= b < 0;
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                int n = super.read(buf, off, len);
                atEnd |= n < 0;
                return n;
            }

            @Override
            public void close() throws IOException {
                super.close();
                if (atEnd) {
                    readToTheEnd();
                }
            }
        };
    }

    private void readToTheEnd() {
        if (execution.options().releaseData() && tryTransitionTo(DropState.EXPIRED)) {
            release();
            log.debug("session {}: stand-in of remote output '{}' read by its node and released",
                    execution.sessionId(), uid());
        }
    }
}
