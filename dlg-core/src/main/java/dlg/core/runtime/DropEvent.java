package dlg.core.runtime;

import dlg.core.state.AppState;
import dlg.core.state.DropState;

/**
 * Something that happened to a drop, as DALiuGE names its events.
 *
 * @param execStatus the app's execution state, or null for data drops
 * @param timestamp milliseconds since the epoch, from the engine's clock
 */
public record DropEvent(Type type, String sessionId, String oid, String uid, DropState status,
                        AppState execStatus, long timestamp) {

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
