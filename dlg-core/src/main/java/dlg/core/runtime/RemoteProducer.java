package dlg.core.runtime;

import dlg.core.state.AppState;
import dlg.core.state.DropState;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * An app of another node that produces local data drops: its {@code producerFinished} event
 * counts for each of them as a local producer finishing would, and for each local app linked
 * straight after it as a settled input. Only its first event counts.
 *
 * <p>The app wrote its node's {@link RemoteOutputDrop stand-in} of each of these drops: once it
 * finished, the content is read from that node ({@link RemoteData}, by the drop's uid) into the
 * drop, on a waiting thread, and only then does the app count as finished for the drop. A read
 * that fails fails the drop, naming the app and the node.
 */
final class RemoteProducer {

    private static final Logger log = LoggerFactory.getLogger(RemoteProducer.class);
    /** The copy buffer of a fetch: the data port's chunk size. */
    private static final int CHUNK = 64 << 10;

    private final String uid;
    private final AbstractDataDrop[] outputs;
    /** Local apps linked straight after the remote app: each counts it as an input. */
    private final ApplicationDrop[] followers;
    private final Execution execution;
    private final RemoteData data;
    private final AtomicBoolean finished = new AtomicBoolean();

    /** @param uid the remote app's */
    RemoteProducer(String uid, AbstractDataDrop[] outputs, ApplicationDrop[] followers, Execution execution,
                   RemoteData data) {
        this.uid = uid;
        this.outputs = outputs;
        this.followers = followers;
        this.execution = execution;
        this.data = data;
    }

    /**
     * The node running the app is lost before the app's event came: the local data drops it
     * writes fail with {@code cause}, and the local apps following it fail naming it.
     *
     * @return false if the app's event had come already
     */
    boolean lost(String cause) {
        if (!finished.compareAndSet(false, true)) {
            return false;
        }
        for (AbstractDataDrop d : outputs) {
            d.failBecauseOfInputs(cause);
        }
        for (ApplicationDrop app : followers) {
            app.inputFailed(cause);
        }
        return true;
    }

    /**
     * The remote app settled: {@code status} COMPLETED (it finished), ERROR or SKIPPED.
     *
     * @return false for a duplicate event, or for any other status
     */
    boolean finished(DropState status) {
        AppState outcome = switch (status) {
            case COMPLETED -> AppState.FINISHED;
            case ERROR -> AppState.ERROR;
            case SKIPPED -> AppState.SKIPPED;
            default -> null;
        };
        if (outcome == null || !finished.compareAndSet(false, true)) {
            return false;
        }
        for (AbstractDataDrop d : outputs) {
            if (outcome == AppState.FINISHED) {
                fetch(d);
            } else {
                d.producerFinished(outcome);
            }
        }
        for (ApplicationDrop app : followers) {
            app.inputSettled(outcome.settledDropState());
        }
        return true;
    }

    /** Reads what the app wrote for {@code d} into it, then counts the app as finished for it. */
    private void fetch(AbstractDataDrop d) {
        try {
            execution.engine().workers().waiting().execute(() -> {
                try (var c = MDC.putCloseable("sessionId", execution.sessionId())) {
                    copyInto(d);
                }
            });
        } catch (RejectedExecutionException e) { // the engine is closing
            d.fail("the content written by app '" + uid + "' of another node was not read: the node is shutting down");
        }
    }

    private void copyInto(AbstractDataDrop d) {
        long copied = 0;
        try (InputStream in = data.open(execution.sessionId(), d.uid())) {
            byte[] buf = new byte[CHUNK];
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                if (n > 0) {
                    d.write(buf, 0, n);
                    copied += n;
                }
            }
        } catch (IOException | RuntimeException e) {
            if (!d.state().isDone()) { // a cancelled run stops writing: nothing to report
                log.warn("session {}: drop {} fails: the content app {} wrote on another node could not be read"
                        + " after {} bytes: {}", execution.sessionId(), d.oid(), uid, copied, e.toString());
            }
            d.fail("the content app '" + uid + "' wrote on another node could not be read: "
                    + (e.getMessage() != null ? e.getMessage() : e.toString()));
            return;
        }
        log.debug("session {}: read the {} bytes app {} wrote on another node into drop {}", execution.sessionId(),
                copied, uid, d.oid());
        d.producerFinished(AppState.FINISHED);
    }
}
