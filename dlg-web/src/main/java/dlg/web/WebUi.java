package dlg.web;

import io.javalin.config.RoutesConfig;
import java.util.Objects;

/**
 * A manager's web pages (spec section 3.5): HTML shells whose scripts read the manager's REST API
 * from the browser, so that the pages need no server-side rendering of user data (session ids and
 * oids are only ever inserted by the scripts, as text).
 *
 * <pre>
 *   GET /                                  the sessions table
 *   GET /session?sessionId=&lt;sid&gt;             one session: progress by drop state, its drops
 *   GET /sessions/{sid}/graph/drop/{oid}   one drop's log entries
 *   GET /static/{file}                     the pages' CSS and scripts
 * </pre>
 *
 * {@code /sessions/{sid}/graph/drop/data/{oid}} (a drop's data) is dlg-manager's: it has one
 * segment more than the drop-log page, so neither route shadows the other.
 */
public final class WebUi {

    private WebUi() {
    }

    /**
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
