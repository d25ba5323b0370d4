package dlg.manager;

/**
 * Told when a NodeManager's sessions start running and end (the session history listens). Called
 * on whichever thread made the change, the end on the thread of the drop that settled last: an
 * implementation must only hand the session over, never do work there.
 */
public interface SessionWatcher {

    SessionWatcher NONE = new SessionWatcher() {
    };

    /** {@code s} was deployed (it is RUNNING, or has ended already). */
    default void deployed(Session s) {
    }

    /** {@code s} ended: FINISHED, FAILED or CANCELLED. */
    default void ended(Session s) {
    }
}
