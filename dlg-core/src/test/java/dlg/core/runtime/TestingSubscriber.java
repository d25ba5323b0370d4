package dlg.core.runtime;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Emulates another node's event subscriber: listens to one node's drops and hands their
 * {@code dropCompleted} and {@code producerFinished} events (the two DALiuGE publishes) to the
 * other node's execution, on one thread of its own, while both nodes' workers run.
 */
public final class TestingSubscriber implements DropListener, AutoCloseable {

    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-subscriber"));
    private final AtomicInteger delivered = new AtomicInteger();
    private volatile Execution target;

    /** Where events go from now on (set before the sending node is triggered). */
    public void deliverTo(Execution execution) {
        this.target = execution;
    }

    @Override
    public void onEvent(DropEvent e) {
        if (e.type() != DropEvent.Type.DROP_COMPLETED && e.type() != DropEvent.Type.PRODUCER_FINISHED) {
            return;
        }
        Execution to = target;
        if (to == null) {
            throw new IllegalStateException("TestingSubscriber: event " + e + " before deliverTo");
        }
        thread.execute(() -> {
            if (to.deliverRemote(e.uid(), e.type(), e.status(), e.content())) { // as the events carry it
                delivered.incrementAndGet();
            }
        });
    }

    /** Events the target acted upon. */
    public int delivered() {
        return delivered.get();
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
