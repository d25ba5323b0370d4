package dlg.manager.events;

import dlg.core.runtime.DropEvent;

/** Where a NodeManager sends its drops' events (the ZeroMQ publisher, or nowhere). */
public interface DropEventSink {

    DropEventSink NONE = new DropEventSink() {
        @Override
        public void publish(DropEvent event) {
        }

        @Override
        public void publishToPeers(DropEvent event, boolean retain) {
        }
    };

    /** An event of a session that runs on this node only: may be skipped when nobody listens. */
    void publish(DropEvent event);

    /**
     * An event of a session that spans nodes: always sent, since another node's drops wait for
     * it and may have subscribed an instant ago.
     *
     * @param retain also kept and sent again to every subscriber that joins later (until
     *     {@link #forget}): for the events that settle drops other nodes wait for, so that a
     *     subscriber joining late (ZeroMQ's slow joiner) still gets them
     */
    void publishToPeers(DropEvent event, boolean retain);

    /** Drops what was retained for this session. */
    default void forget(String sessionId) {
    }
}
