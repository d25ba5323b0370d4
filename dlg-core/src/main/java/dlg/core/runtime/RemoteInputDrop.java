package dlg.core.runtime;

import dlg.core.graph.Category;
import dlg.core.graph.DropSpec;
import dlg.core.state.DropState;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stands in for a data drop of another node that local apps read (DALiuGE's {@code DropProxy}).
 * Its state comes from that drop's {@code dropCompleted} event, and settling tells its local
 * consumers exactly as a local input would. It is not one of the execution's drops: its changes
 * are neither counted nor reported, and it takes no part in ending the run.
 */
final class RemoteInputDrop extends AbstractDataDrop {

    private final RemoteData data;
    private Path copy; // guarded by this
    /** The whole content, when it came with the drop's event (set before the proxy settles), until its readers finished. */
    private volatile byte[] content;

    RemoteInputDrop(String uid, Execution execution, RemoteData data) {
        super(new DropSpec(uid, uid, Category.DATA, "remote", null, null, null, List.of(), Map.of(), Map.of()),
                execution, false);
        this.data = data;
    }

    /**
     * The remote drop settled as {@code remote} (COMPLETED, ERROR or SKIPPED), its whole content
     * given when it came with the event (null: apps read it from its node).
     *
     * @return false if the proxy had settled already (a duplicate event), or for any other state
     */
    boolean settle(DropState remote, byte[] inlined) {
        if (remote != DropState.COMPLETED && remote != DropState.ERROR && remote != DropState.SKIPPED) {
            return false;
        }
        if (remote == DropState.COMPLETED && inlined != null && state() != DropState.COMPLETED) {
            content = inlined; // before the consumers hear of it; not again for a duplicate, after its readers let it go
        }
        if (!tryTransitionTo(remote)) {
            return false;
        }
        for (int k = 0, n = consumerCount(); k < n; k++) {
            consumer(k).inputSettled(remote);
        }
        return true;
    }

    /**
     * The node holding the drop is lost before the drop settled: it fails with {@code cause}, and
     * so do the local apps waiting for it (naming the cause).
     *
     * @return false if the proxy had settled already
     */
    boolean lost(String cause) {
        if (!tryTransitionTo(DropState.ERROR)) { // the proxy is not reported: the cause goes to its readers
            return false;
        }
        for (int k = 0, n = consumerCount(); k < n; k++) {
            consumer(k).inputFailed(cause);
        }
        return true;
    }

    /**
     * Its last local reader finished: the content that came with the event is not kept for the
     * rest of the session (a later read, were there one, fetches it from its node). Nothing else
     * to release: a proxy holds no data of its own, so it is never released after use.
     */
    @Override
    void lastConsumerFinished() {
        content = null;
    }

    @Override
    void changed(DropState from, DropState to) {
        // the drop belongs to another node's session: it counts there
    }

    @Override
    void writeBytes(byte[] bytes, int offset, int length) throws IOException {
        throw new IOException("drop '" + oid() + "' is an input held by another node: it cannot be written here");
    }

    @Override
    public InputStream open() throws IOException {
        byte[] inlined = content;
        return inlined != null ? new ByteArrayInputStream(inlined) : data.open(execution.sessionId(), uid());
    }

    /** The size of content that came with the event; else unknown on this node: 0. */
    @Override
    public long size() {
        byte[] inlined = content;
        return inlined != null ? inlined.length : 0;
    }

    @Override
    public Optional<Path> path() {
        return Optional.empty();
    }

    /**
     * The content, streamed from its node into {@code remote-inputs/} of this node's session
     * directory on the first call; later calls (other apps, other placeholders) share that copy.
     */
    @Override
    public synchronized Optional<Path> readablePath() throws IOException {
        if (copy == null) {
            Path dir = Files.createDirectories(execution.sessionDir().resolve("remote-inputs"));
            String name = URLEncoder.encode(uid(), StandardCharsets.UTF_8);
            Path target = dir.resolve(name.matches("\\.*") ? "_" + name : name); // not "", "." or ".."
            Path partial = Files.createTempFile(dir, ".fetching-", "");
            try (InputStream in = open()) {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
            copy = target;
        }
        return Optional.of(copy);
    }

    /** @throws IllegalStateException always: where the data lives is known only to its node */
    @Override
    public String dataUrl() {
        throw new IllegalStateException("the data URL of remote drop '" + uid() + "' is not known on this node");
    }
}
