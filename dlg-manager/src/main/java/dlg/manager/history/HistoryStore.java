package dlg.manager.history;

import dlg.core.state.SessionState;
import dlg.manager.history.PastSession.DropFailure;
import dlg.manager.history.PastSession.StateChange;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The history's SQL, synchronous: the schema (migrated by Flyway from {@code db/history}), writes
 * of whole sessions, queries. Portable between H2 and PostgreSQL (no upsert: a session is deleted
 * and inserted again in one transaction). One connection per call: a history query is rare, and
 * the writer keeps its own connection open (which also keeps an embedded H2 database open).
 */
final class HistoryStore {

    /** Text columns are cut to this (the schema's VARCHAR(4000)). */
    private static final int TEXT = 4000;
    private static final int KEY = 1000;

    private final String url;
    /** The URL connected to: {@link #url} with what this store needs of the driver. */
    private final String connectUrl;

    HistoryStore(String url) {
        this.url = url;
        this.connectUrl = connectable(url);
    }

    /**
     * An H2 URL is told not to close the database when the JVM exits: H2's own shutdown hook would
     * close it under the manager's, which still writes the history's last records then, or under a
     * schema migration that a manager stopped within its first second is still making, which left
     * the schema half made and the history unusable at every start after.
     */
    static String connectable(String url) {
        boolean h2 = url.regionMatches(true, 0, "jdbc:h2:", 0, 8);
        if (!h2 || url.toUpperCase(Locale.ROOT).contains("DB_CLOSE_ON_EXIT")) {
            return url; // not H2, or its user chose
        }
        return (url.endsWith(";") ? url : url + ";") + "DB_CLOSE_ON_EXIT=FALSE";
    }

    String url() {
        return url;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(connectUrl);
    }

    /**
     * Creates or upgrades the schema.
     *
     * @throws IllegalStateException when it cannot, saying what to do about it
     */
    void migrate() {
        try {
            Flyway.configure(HistoryStore.class.getClassLoader())
                    .dataSource(connectUrl, null, null)
                    .locations("classpath:db/history")
                    .table("dlg_schema_history")
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new IllegalStateException(schemaFailure(url, e), e);
        }
    }

    /**
     * What failed in making the schema, and what to do: an H2 file left with half a schema (by a
     * build that let H2 close it under a migration) fails at every start until it is moved aside.
     */
    static String schemaFailure(String url, FlywayException e) {
        String what = JdbcSessionHistory.redacted(e.getMessage() == null ? e.toString()
                : e.getMessage().lines().findFirst().orElse("").strip());
        String prefix = "jdbc:h2:file:";
        if (url.regionMatches(true, 0, prefix, 0, prefix.length())) {
            int end = url.indexOf(';');
            String file = url.substring(prefix.length(), end < 0 ? url.length() : end) + ".mv.db";
            return "its schema could not be made (" + what + "); if no other manager uses " + file
                    + ", stop this one and move that file aside: the next start makes a new history";
        }
        return "its schema could not be made (" + what + "); Flyway's table dlg_schema_history in that database"
                + " tells which migrations were applied";
    }

    // ---- Writes ----

    /** Writes (or rewrites) these sessions in one transaction. */
    void write(Connection c, List<PastSession> sessions) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (var del = c.prepareStatement("DELETE FROM dlg_session WHERE owner = ? AND session_id = ?");
             var ses = c.prepareStatement("INSERT INTO dlg_session (owner, session_id, manager, state, graph_size,"
                     + " created_ms, ended_ms, failed_drops, failure, session_dir, log_file, graph_file, interrupted)"
                     + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
             var st = c.prepareStatement("INSERT INTO dlg_session_state (owner, session_id, state, at_ms) VALUES (?, ?, ?, ?)");
             var cnt = c.prepareStatement("INSERT INTO dlg_drop_count (owner, session_id, drop_state, n) VALUES (?, ?, ?, ?)");
             var fail = c.prepareStatement("INSERT INTO dlg_failure (owner, session_id, seq, oid, uid, name, cause, node,"
                     + " on_its_own) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
             var con = c.prepareStatement("INSERT INTO dlg_construct (owner, session_id, construct_key, name, n, failed,"
                     + " timed, total_ms, max_ms, histogram) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (PastSession s : sessions) {
                del.setString(1, s.owner());
                del.setString(2, s.sessionId());
                del.executeUpdate();
                int i = 1;
                ses.setString(i++, s.owner());
                ses.setString(i++, s.sessionId());
                ses.setString(i++, s.manager());
                ses.setString(i++, s.state().name());
                ses.setInt(i++, s.graphSize());
                ses.setLong(i++, s.created().toEpochMilli());
                setLong(ses, i++, s.ended() == null ? null : s.ended().toEpochMilli());
                ses.setLong(i++, s.failedDrops());
                ses.setString(i++, cut(s.failure(), TEXT));
                ses.setString(i++, cut(s.sessionDir(), TEXT));
                ses.setString(i++, cut(s.logFile(), TEXT));
                ses.setString(i++, cut(s.graphFile(), TEXT));
                ses.setBoolean(i, s.interrupted());
                ses.executeUpdate();
                for (StateChange sc : s.states()) {
                    keyed(st, s);
                    st.setString(3, sc.state().name());
                    st.setLong(4, sc.at().toEpochMilli());
                    st.addBatch();
                }
                for (var e : s.dropCounts().entrySet()) {
                    keyed(cnt, s);
                    cnt.setString(3, e.getKey());
                    cnt.setLong(4, e.getValue());
                    cnt.addBatch();
                }
                int seq = 0;
                for (DropFailure f : s.failures()) {
                    keyed(fail, s);
                    fail.setInt(3, seq++);
                    fail.setString(4, cut(f.oid(), KEY));
                    fail.setString(5, cut(f.uid(), KEY));
                    fail.setString(6, cut(f.name(), KEY));
                    fail.setString(7, cut(f.cause(), TEXT));
                    fail.setString(8, cut(f.node(), 255));
                    fail.setObject(9, f.onItsOwn(), java.sql.Types.BOOLEAN);
                    fail.addBatch();
                }
                for (ConstructSummary cs : s.constructs()) {
                    keyed(con, s);
                    con.setString(3, cut(cs.key(), KEY));
                    con.setString(4, cut(cs.name(), KEY));
                    con.setLong(5, cs.count());
                    con.setLong(6, cs.failed());
                    con.setLong(7, cs.durations().count());
                    con.setLong(8, cs.totalMs());
                    con.setLong(9, cs.maxMs());
                    con.setString(10, cs.durations().encode());
                    con.addBatch();
                }
            }
            st.executeBatch();
            cnt.executeBatch();
            fail.executeBatch();
            con.executeBatch();
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    private static void keyed(PreparedStatement p, PastSession s) throws SQLException {
        p.setString(1, s.owner());
        p.setString(2, s.sessionId());
    }

    private static void setLong(PreparedStatement p, int i, Long v) throws SQLException {
        if (v == null) {
            p.setNull(i, Types.BIGINT);
        } else {
            p.setLong(i, v);
        }
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    /** Sessions of {@code owner} that had not ended when it stopped: marked interrupted. */
    int markInterrupted(Connection c, String owner) throws SQLException {
        try (var p = c.prepareStatement("UPDATE dlg_session SET interrupted = TRUE WHERE owner = ? AND ended_ms IS NULL")) {
            p.setString(1, owner);
            return p.executeUpdate();
        }
    }

    /** Deletes the sessions of {@code owner} that ended (or began, if they never ended) before {@code before}. */
    int prune(Connection c, String owner, Instant before) throws SQLException {
        try (var p = c.prepareStatement("DELETE FROM dlg_session WHERE owner = ? AND COALESCE(ended_ms, created_ms) < ?")) {
            p.setString(1, owner);
            p.setLong(2, before.toEpochMilli());
            return p.executeUpdate();
        }
    }

    // ---- Queries ----

    HistoryPage query(HistoryQuery q) throws SQLException {
        List<Object> args = new ArrayList<>();
        String where = where(q, args);
        try (Connection c = connect()) {
            long total;
            try (var p = prepare(c, "SELECT COUNT(*) FROM dlg_session s" + where, args);
                 ResultSet r = p.executeQuery()) {
                r.next();
                total = r.getLong(1);
            }
            List<PastSession> page = new ArrayList<>();
            args.add(q.limit());
            args.add(q.offset());
            try (var p = prepare(c, "SELECT " + SESSION_COLUMNS + " FROM dlg_session s" + where
                    + " ORDER BY s.created_ms DESC, s.session_id LIMIT ? OFFSET ?", args);
                 ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    page.add(session(r, List.of(), Map.of(), List.of(), List.of()));
                }
            }
            return new HistoryPage(total, q.limit(), q.offset(), page);
        }
    }

    private static String where(HistoryQuery q, List<Object> args) {
        List<String> terms = new ArrayList<>();
        if (q.owner() != null) {
            terms.add("s.owner = ?");
            args.add(q.owner());
        }
        if (q.state() != null) {
            terms.add("s.state = ?");
            args.add(q.state().name());
        }
        if (q.since() != null) {
            terms.add("s.created_ms >= ?");
            args.add(q.since().toEpochMilli());
        }
        if (q.name() != null && !q.name().isEmpty()) {
            String like = like(q.name());
            terms.add("(LOWER(s.session_id) LIKE ? ESCAPE '!' OR EXISTS (SELECT 1 FROM dlg_construct c"
                    + " WHERE c.owner = s.owner AND c.session_id = s.session_id AND LOWER(c.name) LIKE ? ESCAPE '!'))");
            args.add(like);
            args.add(like);
        }
        return terms.isEmpty() ? "" : " WHERE " + String.join(" AND ", terms);
    }

    /** {@code %text%}, lower case, with LIKE's own characters escaped by '!'. */
    private static String like(String text) {
        String t = text.toLowerCase(Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_");
        return "%" + t + "%";
    }

    private static PreparedStatement prepare(Connection c, String sql, List<Object> args) throws SQLException {
        PreparedStatement p = c.prepareStatement(sql);
        for (int i = 0; i < args.size(); i++) {
            p.setObject(i + 1, args.get(i));
        }
        return p;
    }

    private static final String SESSION_COLUMNS = "s.owner, s.session_id, s.manager, s.state, s.graph_size, s.created_ms,"
            + " s.ended_ms, s.failed_drops, s.failure, s.session_dir, s.log_file, s.graph_file, s.interrupted";

    private static PastSession session(ResultSet r, List<StateChange> states, Map<String, Long> counts,
                                       List<DropFailure> failures, List<ConstructSummary> constructs) throws SQLException {
        long ended = r.getLong(7);
        Instant endedAt = r.wasNull() ? null : Instant.ofEpochMilli(ended);
        return new PastSession(r.getString(1), r.getString(2), r.getString(3), SessionState.valueOf(r.getString(4)),
                r.getInt(5), Instant.ofEpochMilli(r.getLong(6)), endedAt, states, counts, r.getLong(8), failures,
                constructs, r.getString(9), r.getString(10), r.getString(11), r.getString(12), r.getBoolean(13));
    }

    /** One session of {@code owner}, with every detail. */
    Optional<PastSession> session(String owner, String sessionId) throws SQLException {
        try (Connection c = connect()) {
            List<StateChange> states = new ArrayList<>();
            try (var p = prepare(c, "SELECT state, at_ms FROM dlg_session_state WHERE owner = ? AND session_id = ?"
                    + " ORDER BY at_ms, state", List.of(owner, sessionId)); ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    states.add(new StateChange(SessionState.valueOf(r.getString(1)), Instant.ofEpochMilli(r.getLong(2))));
                }
            }
            states.sort(java.util.Comparator.comparing(StateChange::at).thenComparing(StateChange::state));
            Map<String, Long> counts = new LinkedHashMap<>();
            try (var p = prepare(c, "SELECT drop_state, n FROM dlg_drop_count WHERE owner = ? AND session_id = ?"
                    + " ORDER BY drop_state", List.of(owner, sessionId)); ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    counts.put(r.getString(1), r.getLong(2));
                }
            }
            List<DropFailure> failures = new ArrayList<>();
            try (var p = prepare(c, "SELECT oid, uid, name, cause, node, on_its_own FROM dlg_failure WHERE owner = ?"
                    + " AND session_id = ?"
                    + " ORDER BY seq", List.of(owner, sessionId)); ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    boolean own = r.getBoolean(6);
                    Boolean onItsOwn = r.wasNull() ? null : own; // wasNull speaks of the last column read
                    failures.add(new DropFailure(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                            r.getString(5), onItsOwn));
                }
            }
            List<ConstructSummary> constructs = constructs(c, new ConstructQuery(owner, sessionId, null, null));
            try (var p = prepare(c, "SELECT " + SESSION_COLUMNS + " FROM dlg_session s WHERE s.owner = ? AND s.session_id = ?",
                    List.of(owner, sessionId)); ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(session(r, states, counts, failures, constructs)) : Optional.empty();
            }
        }
    }

    List<ConstructSummary> constructs(ConstructQuery q) throws SQLException {
        try (Connection c = connect()) {
            return constructs(c, q);
        }
    }

    /** The constructs of the matching sessions, merged by key, the most time-consuming first. */
    private static List<ConstructSummary> constructs(Connection c, ConstructQuery q) throws SQLException {
        List<Object> args = new ArrayList<>();
        List<String> terms = new ArrayList<>();
        if (q.owner() != null) {
            terms.add("s.owner = ?");
            args.add(q.owner());
        }
        if (q.sessionId() != null) {
            terms.add("s.session_id = ?");
            args.add(q.sessionId());
        }
        if (q.since() != null) {
            terms.add("s.created_ms >= ?");
            args.add(q.since().toEpochMilli());
        }
        if (q.name() != null && !q.name().isEmpty()) {
            terms.add("(LOWER(c.name) LIKE ? ESCAPE '!' OR LOWER(c.construct_key) LIKE ? ESCAPE '!')");
            args.add(like(q.name()));
            args.add(like(q.name()));
        }
        String sql = "SELECT c.construct_key, c.name, c.n, c.failed, c.total_ms, c.max_ms, c.histogram"
                + " FROM dlg_construct c JOIN dlg_session s ON s.owner = c.owner AND s.session_id = c.session_id"
                + (terms.isEmpty() ? "" : " WHERE " + String.join(" AND ", terms));
        Map<String, ConstructSummary> merged = new LinkedHashMap<>();
        try (var p = prepare(c, sql, args); ResultSet r = p.executeQuery()) {
            while (r.next()) {
                var cs = new ConstructSummary(r.getString(1), r.getString(2), r.getLong(3), r.getLong(4), r.getLong(5),
                        r.getLong(6), DurationHistogram.decode(r.getString(7)));
                merged.merge(cs.key(), cs, ConstructSummary::plus);
            }
        }
        List<ConstructSummary> out = new ArrayList<>(merged.values());
        out.sort(java.util.Comparator.comparingLong(ConstructSummary::totalMs).reversed()
                .thenComparing(ConstructSummary::key));
        return out;
    }

    /** Whether {@code owner} has recorded session {@code sessionId} (one indexed row, not its record). */
    boolean has(String owner, String sessionId) throws SQLException {
        try (Connection c = connect();
             var p = prepare(c, "SELECT 1 FROM dlg_session WHERE owner = ? AND session_id = ?", List.of(owner, sessionId));
             ResultSet r = p.executeQuery()) {
            return r.next();
        }
    }

    /** The ids of {@code owner}'s sessions, newest first. */
    List<String> sessionIds(String owner, int max) throws SQLException {
        try (Connection c = connect();
             var p = prepare(c, "SELECT session_id FROM dlg_session WHERE owner = ? ORDER BY created_ms DESC, session_id"
                     + " LIMIT ?", List.of(owner, max));
             ResultSet r = p.executeQuery()) {
            List<String> ids = new ArrayList<>();
            while (r.next()) {
                ids.add(r.getString(1));
            }
            return ids;
        }
    }
}
