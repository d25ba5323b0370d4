package dlg.manager.history;

import dlg.core.state.SessionState;
import java.time.Instant;

/**
 * Which past sessions to list (ipyparallel's {@code db_query} in spirit), newest first.
 *
 * @param owner only this manager's ({@code host:port}), or null for every manager sharing the database
 * @param state only sessions in this state, or null
 * @param since only sessions created at or after this, or null
 * @param name only sessions whose id, or the name of one of whose constructs, contains this
 *     (ignoring case), or null
 * @param limit at most this many (1 to {@value #MAX_LIMIT})
 * @param offset after skipping this many
 */
public record HistoryQuery(String owner, SessionState state, Instant since, String name, int limit, int offset) {

    public static final int MAX_LIMIT = 1000;
    public static final int DEFAULT_LIMIT = 50;

    public HistoryQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be from 1 to " + MAX_LIMIT + ": " + limit);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative: " + offset);
        }
    }

    /** Every session of {@code owner}, the first page. */
    public static HistoryQuery of(String owner) {
        return new HistoryQuery(owner, null, null, null, DEFAULT_LIMIT, 0);
    }
}
