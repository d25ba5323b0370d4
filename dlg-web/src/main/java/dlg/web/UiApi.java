package dlg.web;

import dlg.core.error.InvalidRequestException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The JSON routes the pages read, dlg's own (DALiuGE's pages poll DALiuGE's routes instead): the
 * route table first, the handlers after it. Every reply has a Content-Length; errors are dlg's
 * exceptions, answered by the manager's one error handler.
 *
 * <pre>
 *   GET /api/ui/sessions                     the sessions, with counts per state and times
 *   GET /api/ui/sessions/{sid}               one session, with its first failures
 *   GET /api/ui/sessions/{sid}/drops         a page of drops (offset, limit, state, node, name, group), failed first
 *   GET /api/ui/sessions/{sid}/drops/{oid}   one drop: spec, states, times, error, log tail
 *   GET /api/ui/sessions/{sid}/graph         the graph view (mode, budget, focus), bounded
 *   GET /api/ui/sessions/{sid}/timeline      the apps that ran, as bars by construct over the whole session (limit: sampled)
 *   GET /api/ui/sessions/{sid}/constructs    per construct: progress, durations, in pipeline order
 *   GET /api/ui/sessions/{sid}/failures      the failures grouped by root cause, bounded
 *   GET /api/ui/sessions/{sid}/live          server-sent events: snapshot, delta, gone
 *   GET /api/ui/live                         server-sent events: sessions (and nodes)
 *   GET /api/ui/nodes                        a composite's sub-managers and their health
 * </pre>
 */
final class UiApi {

    private final UiSource source;
    private final LiveFeeds feeds;

    UiApi(UiSource source, LiveFeeds feeds) {
        this.source = Objects.requireNonNull(source, "source");
        this.feeds = Objects.requireNonNull(feeds, "feeds");
    }

    void routes(RoutesConfig r) {
        r.get("/api/ui/sessions", ctx -> Json.reply(ctx, source.sessions()));
        r.get("/api/ui/sessions/{sid}", ctx -> Json.reply(ctx, source.session(ctx.pathParam("sid"))));
        r.get("/api/ui/sessions/{sid}/drops", ctx -> Json.reply(ctx, source.drops(ctx.pathParam("sid"), dropQuery(ctx))));
        r.get("/api/ui/sessions/{sid}/drops/{oid}",
                ctx -> Json.reply(ctx, source.drop(ctx.pathParam("sid"), ctx.pathParam("oid"))));
        r.get("/api/ui/sessions/{sid}/graph", ctx -> Json.reply(ctx, source.graph(ctx.pathParam("sid"), graphQuery(ctx))));
        r.get("/api/ui/sessions/{sid}/timeline", ctx -> Json.reply(ctx, source.timeline(ctx.pathParam("sid"),
                (int) number(ctx, "limit", Timeline.DEFAULT_LIMIT, 1, 100_000))));
        r.get("/api/ui/sessions/{sid}/constructs", ctx -> Json.reply(ctx, source.constructs(ctx.pathParam("sid"))));
        r.get("/api/ui/sessions/{sid}/failures", ctx -> Json.reply(ctx, source.rootCauses(ctx.pathParam("sid"))));
        // an unknown session is a 404 before the stream opens (a browser's EventSource then stops)
        r.before("/api/ui/sessions/{sid}/live", ctx -> source.requireSession(ctx.pathParam("sid")));
        r.sse("/api/ui/sessions/{sid}/live", client -> feeds.watchSession(client.ctx().pathParam("sid"), client));
        r.sse("/api/ui/live", feeds::watchManager);
        r.get("/api/ui/nodes", ctx -> Json.reply(ctx, source.nodes()));
    }

    static DropQuery dropQuery(Context ctx) {
        String states = ctx.queryParam("state");
        Set<String> set = states == null || states.isBlank() ? Set.of()
                : Arrays.stream(states.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                        .collect(Collectors.toSet());
        for (String s : set) {
            if (ShownState.ofWireName(s) == null) {
                throw new InvalidRequestException("state '" + s + "' is not one of "
                        + Arrays.stream(ShownState.values()).map(ShownState::wireName).toList());
            }
        }
        try {
            return new DropQuery(number(ctx, "offset", 0, 0, Long.MAX_VALUE),
                    (int) number(ctx, "limit", 100, 0, DropQuery.MAX_LIMIT), set, ctx.queryParam("node"),
                    ctx.queryParam("name"), ctx.queryParam("group"));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(e.getMessage(), e);
        }
    }

    static GraphQuery graphQuery(Context ctx) {
        try {
            return new GraphQuery(ctx.queryParam("mode"),
                    (int) number(ctx, "budget", GraphQuery.DEFAULT_BUDGET, 1, GraphQuery.MAX_BUDGET),
                    ctx.queryParam("focus"));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(e.getMessage(), e);
        }
    }

    private static long number(Context ctx, String name, long otherwise, long min, long max) {
        String text = ctx.queryParam(name);
        if (text == null || text.isBlank()) {
            return otherwise;
        }
        long n;
        try {
            n = Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidRequestException(name + " must be a number, not '" + text + "'");
        }
        if (n < min || n > max) {
            throw new InvalidRequestException(name + " must be between " + min + " and " + max + ", not " + n);
        }
        return n;
    }
}
