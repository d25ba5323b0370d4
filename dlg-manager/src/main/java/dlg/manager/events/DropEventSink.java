package dlg.manager.events;

import dlg.core.runtime.DropEvent;

/** Where a NodeManager sends its drops' events (the ZeroMQ publisher, or nowhere). */
public interface DropEventSink {

    DropEventSink NONE = new DropEventSink() {
        @Override
        public void publish(DropEvent event) {
        }

        @Override
        public void publishToPeers(DropEvent event) {
        }
    };

    /** An event of a session that runs on this node only: may be skipped when nobody listens. */
    void publish(DropEvent event);

    /**
     * An event of a session that spans nodes: always sent, since another node's drops wait for
     * it and may have subscribed an instant ago.
     */
    void publishToPeers(DropEvent event);
}
