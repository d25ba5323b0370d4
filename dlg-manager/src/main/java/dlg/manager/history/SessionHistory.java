package dlg.manager.history;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A manager's memory of its sessions, kept after they end and across restarts. Recording never
 * blocks the caller; queries read what has been written.
 */
public interface SessionHistory extends AutoCloseable {

    /** No history ({@code --no-history}): records nothing, finds nothing. */
    SessionHistory NONE = new SessionHistory() {
        @Override
        public void record(Supplier<PastSession> snapshot) {
        }

        @Override
        public HistoryPage query(HistoryQuery q) {
            return new HistoryPage(0, q.limit(), q.offset(), List.of());
        }

        @Override
        public Optional<PastSession> session(String sessionId) {
            return Optional.empty();
        }

        @Override
        public List<ConstructSummary> constructs(ConstructQuery q) {
            return List.of();
        }

        @Override
        public List<String> sessionIds(int max) {
            return List.of();
        }

        @Override
        public String owner() {
            return null;
        }

        @Override
        public void close() {
        }
    };

    /**
     * Records a session: {@code snapshot} is called later, on the history's own thread, and what
     * it returns (null: nothing) replaces what was recorded of that session before. Returns at
     * once; when the history is too far behind, the record is dropped with a warning.
     */
    void record(Supplier<PastSession> snapshot);

    /** One page of past sessions, newest first. */
    HistoryPage query(HistoryQuery q);

    /** One of this manager's sessions, with every detail. */
    Optional<PastSession> session(String sessionId);

    /** Whether this manager's history has the session (without reading all of it). */
    default boolean has(String sessionId) {
        return session(sessionId).isPresent();
    }

    /** Construct statistics of one session or merged over several. */
    List<ConstructSummary> constructs(ConstructQuery q);

    /** This manager's recorded session ids, newest first. */
    List<String> sessionIds(int max);

    /** This manager, {@code host:port}: whose sessions are listed unless asked otherwise. */
    String owner();

    /** Writes what is queued (bounded wait), then stops. */
    @Override
    void close();
}
