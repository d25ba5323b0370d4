package dlg.core.runtime;

import dlg.core.state.AppState;
import dlg.core.state.DropState;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An app of another node that produces local data drops: its {@code producerFinished} event
 * counts for each of them as a local producer finishing would. Only its first event counts.
 */
final class RemoteProducer {

    private final AbstractDataDrop[] outputs;
    private final AtomicBoolean finished = new AtomicBoolean();

    RemoteProducer(AbstractDataDrop[] outputs) {
        this.outputs = outputs;
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
            d.producerFinished(outcome);
        }
        return true;
    }
}
