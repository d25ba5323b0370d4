package dlg.manager.history;

import java.time.Instant;

/**
 * Which constructs to summarise: those of one session, or merged over every matching session.
 *
 * @param owner only this manager's sessions, or null for all
 * @param sessionId only this session, or null
 * @param since only sessions created at or after this, or null
 * @param name only constructs whose name or key contains this (ignoring case), or null
 */
public record ConstructQuery(String owner, String sessionId, Instant since, String name) {
}
