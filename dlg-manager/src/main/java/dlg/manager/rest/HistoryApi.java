package dlg.manager.rest;

import dlg.core.error.InvalidRequestException;
import dlg.core.error.NoSessionException;
import dlg.core.state.SessionState;
import dlg.manager.SubManager.Query;
import dlg.manager.composite.CompositeManager;
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
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
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
    private final Function<String, Map<String, PastSession>> nodes;

    /**
     * @param current the ids of the manager's current sessions (not listed as past)
     * @param dumped the past sessions found otherwise (a composite's dumped graphs), listed first
     */
    public HistoryApi(SessionHistory history, Supplier<Collection<String>> current, Supplier<List<String>> dumped) {
        this(history, current, dumped, sid -> Map.of());
    }

    /**
     * A composite's: a past session's page shows its own record with its sub-managers' records of
     * the session merged in (drop counts, failures, constructs).
     *
     * @param nodes by sub-manager, its history's record of a session (those that have one)
     */
    public HistoryApi(SessionHistory history, Supplier<Collection<String>> current, Supplier<List<String>> dumped,
                      Function<String, Map<String, PastSession>> nodes) {
        this.nodes = Objects.requireNonNull(nodes, "nodes");
        this.history = Objects.requireNonNull(history, "history");
        this.current = Objects.requireNonNull(current, "current");
        this.dumped = Objects.requireNonNull(dumped, "dumped");
    }

    /**
     * Each sub-manager's history's record of a session, asked of them all at once: those without
     * one (no such session, no history, DALiuGE's managers) are left out.
     */
    public static Function<String, Map<String, PastSession>> subManagerRecords(CompositeManager cm) {
        return sid -> {
            Map<String, PastSession> parts = new TreeMap<>();
            cm.askEveryNode(Query.HISTORY_SESSION, sid).results().forEach((node, json) -> {
                try {
                    parts.put(node, PastSessionJson.read(json.json()));
                } catch (UncheckedIOException e) {
                    log.debug("session {}: {}'s history answered what is not a past session: {}", sid, node,
                            e.getMessage());
                }
            });
            return parts;
        };
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
        boolean past = history.has(sid);
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
                PastSessionJson.writeHead(g, s);
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
                PastSessionJson.writeConstruct(g, c, false);
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private void session(Context ctx) throws IOException {
        String sid = ctx.pathParam("sid");
        PastSession own = history.session(sid).orElseThrow(() -> new NoSessionException(sid));
        Map<String, PastSession> parts = nodes.apply(sid);
        PastSession s = parts.isEmpty() ? own : own.withParts(parts.values());
        boolean histograms = "true".equals(ctx.queryParam("histograms"));
        Responses.json(ctx, g -> PastSessionJson.write(g, s, histograms, parts));
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
