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

        @Override
        public boolean listening() {
            return false;
        }
    };

    /** An event of a session that runs on this node only: may be skipped when nobody listens. */
    void publish(DropEvent event);

    /** Whether {@link #publish} would send anything now (false: nobody listens, do not bother). */
    default boolean listening() {
        return true;
    }

    /**
     * An event that settles a drop another node's drops wait for: always sent, since that node may
     * have subscribed an instant ago, and kept to be sent again to every subscriber that joins
     * later (until {@link #forget}), so that one joining late (ZeroMQ's slow joiner) still gets it.
     */
    void publishToPeers(DropEvent event);

    /** Drops what was retained for this session. */
    default void forget(String sessionId) {
    }
}
