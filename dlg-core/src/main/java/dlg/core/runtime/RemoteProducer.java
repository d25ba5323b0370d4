package dlg.core.runtime;

import dlg.core.state.AppState;
import dlg.core.state.DropState;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An app of another node that produces local data drops: its {@code producerFinished} event
 * counts for each of them as a local producer finishing would, and for each local app linked
 * straight after it as a settled input. Only its first event counts.
 */
final class RemoteProducer {

    private final AbstractDataDrop[] outputs;
    /** Local apps linked straight after the remote app: each counts it as an input. */
    private final ApplicationDrop[] followers;
    private final AtomicBoolean finished = new AtomicBoolean();

    RemoteProducer(AbstractDataDrop[] outputs, ApplicationDrop[] followers) {
        this.outputs = outputs;
        this.followers = followers;
    }

    /**
     * The remote app settled: {@code status} COMPLETED (it finished), ERROR or SKIPPED.
     *
     * @return false for a duplicate event, or for any other status
     */
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
            d.fail(cause);
        }
        for (ApplicationDrop app : followers) {
            app.inputFailed(cause);
        }
        return true;
    }

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
            d.producerFinished(outcome);
        }
        for (ApplicationDrop app : followers) {
            app.inputSettled(outcome.settledDropState());
        }
        return true;
    }
}
