package dlg.web;

import dlg.manager.NodeManager;
import dlg.manager.composite.CompositeManager;
import io.javalin.config.RoutesConfig;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A manager's web UI, served on its REST port: DALiuGE's pages (spec section 3.5) as HTML shells
 * whose scripts read dlg's UI API ({@link UiApi}) and listen to its live feeds, so that no user
 * data is ever rendered on the server (session ids and oids are only inserted by the scripts, as
 * text).
 *
 * <pre>
 *   GET /                                  the sessions table (a composite's: also its nodes, past sessions)
 *   GET /session?sessionId=&lt;sid&gt;             one session: progress, graph, drops, timeline, drop panel
 *   GET /sessions/{sid}/graph/drop/{oid}   one drop's log entries
 *   GET /static/{file}                     the pages' CSS and scripts, and the WebJars they use
 *   GET /api/ui/...                        the UI API and its live feeds ({@link UiApi})
 * </pre>
 *
 * {@code /sessions/{sid}/graph/drop/data/{oid}} (a drop's data) is dlg-manager's: it has one
 * segment more than the drop-log page, so neither route shadows the other.
 */
public final class WebUi {

    private WebUi() {
    }

    /** The pages and the UI API of a NodeManager. */
    public static List<Consumer<RoutesConfig>> forNodeManager(NodeManager nm) {
        LocalSource source = new LocalSource(nm, Clock.systemUTC());
        LiveFeeds feeds = new LocalFeeds(source, new Ticker("dlg-web-live"));
        return List.of(r -> routes(r, source.managerType()), new UiApi(source, feeds)::routes);
    }

    /** The pages and the UI API of a DataIslandManager or MasterManager. */
    public static List<Consumer<RoutesConfig>> forComposite(CompositeManager cm) {
        CompositeSource source = new CompositeSource(cm, Clock.systemUTC());
        LiveFeeds feeds = new CompositeFeeds(source, new Ticker("dlg-web-live"));
        return List.of(r -> routes(r, source.managerType()), new UiApi(source, feeds)::routes);
    }

    /**
     * The pages alone (their API must come from {@link #forNodeManager} or {@link #forComposite}).
     *
     * @param managerType the manager's name as DALiuGE shows it, e.g. {@code NodeManager}
     */
    public static void routes(RoutesConfig r, String managerType) {
        Objects.requireNonNull(managerType, "managerType");
        Assets assets = Assets.load(managerType);
        r.get("/", ctx -> assets.page(ctx, "sessions.html"));
        r.get("/session", ctx -> assets.page(ctx, "session.html"));
        r.get("/sessions/{sid}/graph/drop/{oid}", ctx -> assets.page(ctx, "drop-log.html"));
        r.get("/static/{file}", ctx -> assets.staticFile(ctx, ctx.pathParam("file")));
    }
}
