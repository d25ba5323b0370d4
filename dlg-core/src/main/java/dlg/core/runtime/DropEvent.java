package dlg.core.runtime;

import dlg.core.state.AppState;
import dlg.core.state.DropState;
import java.util.Arrays;
import java.util.Objects;

/**
 * Something that happened to a drop, as DALiuGE names its events.
 *
 * @param execStatus the app's execution state, or null for data drops
 * @param timestamp milliseconds since the epoch, from the engine's clock
 * @param content the whole content of a completed data drop that another node reads, when it is
 *     small enough to travel with this event ({@link #INLINED_MAX} bytes at most); null otherwise,
 *     and the reader fetches it from the drop's node. Never modified once in an event.
 */
public record DropEvent(Type type, String sessionId, String oid, String uid, DropState status,
                        AppState execStatus, long timestamp, byte[] content) {

    /**
     * The largest content that travels with a {@code dropCompleted} event. A node crossing whose
     * reader fetched even an empty input from the data port woke threads about 8 times instead of
     * about 6 (the reader waits for its reply, the data server for the request). Small, because
     * every such event waits in the publisher's bounded queue, and the reading node keeps it until
     * its readers there finished.
     */
    public static final int INLINED_MAX = 1024;

    public DropEvent {
        if (content != null && content.length > INLINED_MAX) {
            throw new IllegalArgumentException("content of " + content.length + " bytes (at most " + INLINED_MAX
                    + " travel with an event)");
        }
    }

    /** An event without content. */
    public DropEvent(Type type, String sessionId, String oid, String uid, DropState status, AppState execStatus,
                     long timestamp) {
        this(type, sessionId, oid, uid, status, execStatus, timestamp, null);
    }

    /** This event without its content (readers then fetch the data from the drop's node). */
    public DropEvent withoutContent() {
        return content == null ? this : new DropEvent(type, sessionId, oid, uid, status, execStatus, timestamp);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DropEvent e && type == e.type && timestamp == e.timestamp && status == e.status
                && execStatus == e.execStatus && Objects.equals(sessionId, e.sessionId) && Objects.equals(oid, e.oid)
                && Objects.equals(uid, e.uid) && Arrays.equals(content, e.content);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, sessionId, oid, uid, status, execStatus, timestamp) * 31 + Arrays.hashCode(content);
    }

    @Override
    public String toString() {
        return "DropEvent[type=" + type + ", sessionId=" + sessionId + ", oid=" + oid + ", uid=" + uid + ", status="
                + status + ", execStatus=" + execStatus + ", timestamp=" + timestamp
                + (content == null ? "" : ", content=" + content.length + " bytes") + "]";
    }

    public enum Type {
        /** The drop's {@code status} changed. */
        STATUS("status"),
        /** An app's {@code execStatus} changed. */
        EXEC_STATUS("execStatus"),
        /** A data drop settled (COMPLETED, ERROR or SKIPPED): its consumers may go on. */
        DROP_COMPLETED("dropCompleted"),
        /** An app settled (FINISHED, ERROR, SKIPPED): its outputs may complete. */
        PRODUCER_FINISHED("producerFinished");

        private final String wireName;

        Type(String wireName) {
            this.wireName = wireName;
        }

        /** DALiuGE's event type name. */
        public String wireName() {
            return wireName;
        }
    }
}
