package dlg.core.runtime;

/**
 * Receives drop events, synchronously on the thread that changed the drop, after the change.
 * Must be quick and must not block (hand events to a queue if there is real work); exceptions are
 * logged and ignored, they never stop a graph.
 */
@FunctionalInterface
public interface DropListener {

    /** Wants nothing: the engine makes no event at all. */
    DropListener NONE = new DropListener() {
        @Override
        public boolean wants(DropEvent.Type type) {
            return false;
        }

        @Override
        public void onEvent(DropEvent event) {
        }
    };

    void onEvent(DropEvent event);

    /**
     * Whether events of this type are wanted now. The engine asks before it makes each event, so
     * that a listener that would drop most of them costs no allocation or clock read per state
     * change (a drop changes state three to five times). May change from call to call.
     */
    default boolean wants(DropEvent.Type type) {
        return true;
    }
}
