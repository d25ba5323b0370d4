package dlg.manager.events;

/**
 * Told when a publisher this node subscribes to stops answering, and when it answers again. Called
 * on the subscriber thread: implementations hand real work to another thread.
 */
public interface PeerListener {

    PeerListener NONE = new PeerListener() {
        @Override
        public void peerLost(String host, int eventPort, String reason) {
        }

        @Override
        public void peerBack(String host, int eventPort) {
        }
    };

    /**
     * The publisher at {@code host:eventPort} (as it was {@linkplain EventSubscriber#subscribe
     * subscribed to}) stopped answering: killed, stopped, or cut off.
     *
     * @param reason what was waited for, e.g. "no answer on its drop events connection
     *     tcp://10.0.0.2:5555 for 10 s"
     */
    void peerLost(String host, int eventPort, String reason);

    /** A publisher declared lost answers again (e.g. it was restarted on the same port). */
    void peerBack(String host, int eventPort);
}
