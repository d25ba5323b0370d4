package dlg.core.runtime;

/**
 * Receives drop events, synchronously on the thread that changed the drop, after the change.
 * Must be quick and must not block (hand events to a queue if there is real work); exceptions are
 * logged and ignored, they never stop a graph.
 */
@FunctionalInterface
public interface DropListener {

    DropListener NONE = event -> { };

    void onEvent(DropEvent event);
}
