package dlg.manager.rest;

import com.fasterxml.jackson.core.JsonGenerator;
import dlg.core.error.InvalidRequestException;
import dlg.core.error.NoSessionException;
import dlg.core.state.SessionState;
import dlg.manager.history.ConstructQuery;
import dlg.manager.history.ConstructSummary;
import dlg.manager.history.HistoryPage;
import dlg.manager.history.HistoryQuery;
import dlg.manager.history.HistoryUnavailableException;
import dlg.manager.history.PastSession;
import dlg.manager.history.SessionHistory;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session history's routes, on every manager: DALiuGE's {@code GET /api/past_sessions}, and
 * queries in the spirit of ipyparallel's {@code db_query}:
 *
 * <pre>
 * GET /api/past_sessions                     [{"sessionId": ...}, ...] (not current ones)
 * GET /api/history?state=&amp;since=&amp;name=&amp;owner=&amp;limit=&amp;offset=   a page of past sessions, with the total
 * GET /api/history/constructs?session=&amp;since=&amp;name=&amp;owner=&amp;limit=&amp;offset=   count, failed, median, p95
 * GET /api/history/sessions/{sid}            one session: states, drop counts, failures, constructs
 * GET /api/history/lookup/{sid}              whether the manager holds the session now, and whether its history has it
 * </pre>
 *
 * Listings are this manager's sessions unless {@code owner=all} (a database shared by several).
 */
public final class HistoryApi {

    private static final Logger log = LoggerFactory.getLogger(HistoryApi.class);

    /** How many recorded ids {@code past_sessions} lists at most. */
    static final int PAST_SESSIONS = 1000;

    private final SessionHistory history;
    private final Supplier<Collection<String>> current;
    private final Supplier<List<String>> dumped;

    /**
     * @param current the ids of the manager's current sessions (not listed as past)
     * @param dumped the past sessions found otherwise (a composite's dumped graphs), listed first
     */
    public HistoryApi(SessionHistory history, Supplier<Collection<String>> current, Supplier<List<String>> dumped) {
        this.history = Objects.requireNonNull(history, "history");
        this.current = Objects.requireNonNull(current, "current");
        this.dumped = Objects.requireNonNull(dumped, "dumped");
    }

    public void routes(RoutesConfig r) {
        r.get("/api/past_sessions", this::pastSessions);
        r.get("/api/history", this::list);
        r.get("/api/history/constructs", this::constructs);
        r.get("/api/history/sessions/{sid}", this::session);
        r.get("/api/history/lookup/{sid}", this::lookup);
    }

    /**
     * Where a session's page finds it: in memory (the live page), in the history (a past session),
     * or nowhere. Always 200, so that a page asking about a session that is gone logs no error.
     */
    private void lookup(Context ctx) throws IOException {
        String sid = ctx.pathParam("sid");
        boolean held = current.get().contains(sid);
        boolean past = history.session(sid).isPresent();
        Responses.json(ctx, g -> {
            g.writeStartObject();
            g.writeStringField("sessionId", sid);
            g.writeBooleanField("current", held);
            g.writeBooleanField("past", past);
            g.writeEndObject();
        });
    }

    private void pastSessions(Context ctx) throws IOException {
        Set<String> ids = new LinkedHashSet<>(dumped.get());
        try {
            ids.addAll(history.sessionIds(PAST_SESSIONS));
        } catch (HistoryUnavailableException e) { // DALiuGE's list goes on without the history
            log.warn("past sessions listed without the history: {}", e.getMessage());
        }
        ids.removeAll(Set.copyOf(current.get()));
        Responses.json(ctx, g -> {
            g.writeStartArray();
            for (String id : ids) {
                g.writeStartObject();
                g.writeStringField("sessionId", id);
                g.writeEndObject();
            }
            g.writeEndArray();
        });
    }

    private void list(Context ctx) throws IOException {
        var q = new HistoryQuery(owner(ctx), state(ctx), since(ctx), ctx.queryParam("name"), limit(ctx), offset(ctx));
        HistoryPage page = history.query(q);
        Responses.json(ctx, g -> {
            g.writeStartObject();
            g.writeNumberField("total", page.total());
            g.writeNumberField("limit", page.limit());
            g.writeNumberField("offset", page.offset());
            g.writeArrayFieldStart("sessions");
            for (PastSession s : page.sessions()) {
                g.writeStartObject();
                writeHead(g, s);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private void constructs(Context ctx) throws IOException {
        var q = new ConstructQuery(owner(ctx), ctx.queryParam("session"), since(ctx), ctx.queryParam("name"));
        int limit = limit(ctx);
        int offset = offset(ctx);
        List<ConstructSummary> all = history.constructs(q);
        List<ConstructSummary> page = all.subList(Math.min(offset, all.size()), Math.min(all.size(), offset + limit));
        Responses.json(ctx, g -> {
            g.writeStartObject();
            g.writeNumberField("total", all.size());
            g.writeNumberField("limit", limit);
            g.writeNumberField("offset", offset);
            g.writeArrayFieldStart("constructs");
            for (ConstructSummary c : page) {
                writeConstruct(g, c);
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private void session(Context ctx) throws IOException {
        String sid = ctx.pathParam("sid");
        PastSession s = history.session(sid).orElseThrow(() -> new NoSessionException(sid));
        Responses.json(ctx, g -> {
            g.writeStartObject();
            writeHead(g, s);
            g.writeBooleanField("history", true); // served from the history, not from drops in memory
            g.writeStringField("failure", s.failure());
            g.writeStringField("sessionDir", s.sessionDir());
            g.writeStringField("logFile", s.logFile());
            g.writeStringField("graphFile", s.graphFile());
            g.writeArrayFieldStart("states");
            for (var sc : s.states()) {
                g.writeStartObject();
                g.writeStringField("state", sc.state().name());
                g.writeStringField("at", sc.at().toString());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeObjectFieldStart("dropCounts");
            for (var e : s.dropCounts().entrySet()) {
                g.writeNumberField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeArrayFieldStart("failures");
            for (var f : s.failures()) {
                g.writeStartObject();
                g.writeStringField("oid", f.oid());
                g.writeStringField("uid", f.uid());
                g.writeStringField("name", f.name());
                g.writeStringField("cause", f.cause());
                g.writeStringField("node", f.node());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("constructs");
            for (ConstructSummary c : s.constructs()) {
                writeConstruct(g, c);
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private static void writeHead(JsonGenerator g, PastSession s) throws IOException {
        g.writeStringField("sessionId", s.sessionId());
        g.writeStringField("owner", s.owner());
        g.writeStringField("manager", s.manager());
        g.writeStringField("state", s.state().name());
        g.writeNumberField("status", s.state().code());
        g.writeBooleanField("terminal", s.state().isTerminal());
        g.writeBooleanField("interrupted", s.interrupted());
        g.writeNumberField("size", s.graphSize());
        g.writeStringField("created", s.created().toString());
        g.writeStringField("ended", s.ended() == null ? null : s.ended().toString());
        if (s.ended() != null) {
            g.writeNumberField("durationS", (s.ended().toEpochMilli() - s.created().toEpochMilli()) / 1000.0);
        }
        g.writeNumberField("failedDrops", s.failedDrops());
    }

    private static void writeConstruct(JsonGenerator g, ConstructSummary c) throws IOException {
        g.writeStartObject();
        g.writeStringField("key", c.key());
        g.writeStringField("name", c.name());
        g.writeNumberField("count", c.count());
        g.writeNumberField("failed", c.failed());
        g.writeNumberField("ran", c.durations().count());
        if (c.durations().count() > 0) {
            g.writeNumberField("medianMs", c.medianMs());
            g.writeNumberField("p95Ms", c.p95Ms());
            g.writeNumberField("maxMs", c.maxMs());
            g.writeNumberField("totalMs", c.totalMs());
        }
        g.writeEndObject();
    }

    // ---- Parameters ----

    private String owner(Context ctx) {
        String o = ctx.queryParam("owner");
        return o == null || o.isEmpty() ? history.owner() : o.equals("all") ? null : o;
    }

    private static SessionState state(Context ctx) {
        String s = ctx.queryParam("state");
        if (s == null || s.isEmpty()) {
            return null;
        }
        try {
            return SessionState.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("state: not a session state ('" + s + "'); one of "
                    + List.of(SessionState.values()));
        }
    }

    /** An ISO-8601 instant ({@code 2026-12-06T07:00:00Z}, or with an offset) or a date (UTC midnight). */
    static Instant since(Context ctx) {
        String s = ctx.queryParam("since");
        if (s == null || s.isEmpty()) {
            return null;
        }
        try {
            return s.length() == 10 ? LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("since: not an ISO-8601 time such as 2026-12-06T07:00:00Z or a date"
                    + " such as 2026-12-06 ('" + s + "')");
        }
    }

    private static int limit(Context ctx) {
        return integer(ctx, "limit", HistoryQuery.DEFAULT_LIMIT, 1, HistoryQuery.MAX_LIMIT);
    }

    private static int offset(Context ctx) {
        return integer(ctx, "offset", 0, 0, Integer.MAX_VALUE);
    }

    private static int integer(Context ctx, String name, int dflt, int min, int max) {
        String s = ctx.queryParam(name);
        if (s == null || s.isEmpty()) {
            return dflt;
        }
        try {
            int v = Integer.parseInt(s);
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidRequestException(name + ": not a whole number from " + min + " to " + max + " ('" + s + "')");
    }
}
