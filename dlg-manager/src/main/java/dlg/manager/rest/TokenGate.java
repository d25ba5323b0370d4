package dlg.manager.rest;

import dlg.core.error.UnauthorizedException;
import dlg.manager.auth.ClusterSecret;
import dlg.manager.logs.WarnLimiter;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The door of a server that demands the cluster's secret: every request (routes, pages, live
 * streams, unknown paths alike) passes here first. It may carry the secret in three ways:
 * <ul>
 *   <li>{@code Authorization: Bearer TOKEN}: programs (dlg's own clients, curl);</li>
 *   <li>the cookie set by the login page ({@code /login}) or by a URL holding {@code ?token=TOKEN}
 *       once (the address {@code dlg cluster} prints): browsers. The cookie holds a value derived
 *       from the token, not the token, is HttpOnly and SameSite=Strict (another site's page cannot
 *       make the browser send it), and is named after the secret: browsers send a host's cookies
 *       to all its ports, so one login opens every manager of the cluster on that host (a
 *       composite's links to its nodes' pages), and clusters with other secrets on the same
 *       host keep cookies of their own;</li>
 *   <li>nothing: a browser asking for a page is sent to the login page, anything else answered
 *       401 ({@link UnauthorizedException}, naming what was missing or wrong).</li>
 * </ul>
 * Preflight requests ({@code OPTIONS}) pass: browsers send them without credentials, and they
 * answer nothing but CORS headers.
 */
public final class TokenGate {

    private static final Logger log = LoggerFactory.getLogger(TokenGate.class);
    private static final String LOGIN = "/login";
    private static final String TOKEN_PARAM = "token";
    private static final Duration COOKIE_LIFE = Duration.ofDays(7);
    /** Refused attempts are logged, but a scanner must not flood the log. */
    private static final Duration WARN_EVERY = Duration.ofSeconds(10);

    private final ClusterSecret secret;
    private final String cookieName;
    private final String cookieValue;
    private final WarnLimiter refusals = new WarnLimiter(log, WARN_EVERY, System::nanoTime);

    private TokenGate(ClusterSecret secret) {
        this.secret = secret;
        this.cookieName = "dlg_auth_" + HexFormat.of().formatHex(secret.derive("dlg-ui-cookie-name"), 0, 6);
        this.cookieValue = Base64.getUrlEncoder().withoutPadding().encodeToString(secret.derive("dlg-ui-cookie"));
    }

    /** Makes every request to {@code routes}' server show the secret first, and adds the login page. */
    public static void install(RoutesConfig routes, ClusterSecret secret) {
        TokenGate gate = new TokenGate(secret);
        routes.before(gate::check);
        routes.get(LOGIN, gate::loginPage);
        routes.post(LOGIN, gate::login);
    }

    private void check(Context ctx) {
        if (ctx.method() == HandlerType.OPTIONS || ctx.path().equals(LOGIN)) {
            return;
        }
        String auth = ctx.header("Authorization");
        if (auth != null) {
            if (auth.regionMatches(true, 0, "Bearer ", 0, 7) && secret.matches(auth.substring(7))) {
                return;
            }
            refuse(ctx, "the token in its Authorization header is not this cluster's");
        }
        String fromUrl = ctx.queryParam(TOKEN_PARAM);
        if (fromUrl != null) {
            if (!secret.matches(fromUrl)) {
                refuse(ctx, "the token in its URL is not this cluster's");
            }
            setCookie(ctx);
            if (ctx.method() == HandlerType.GET) { // the same page, without the token in the address bar
                ctx.redirect(withoutToken(ctx), HttpStatus.SEE_OTHER);
                ctx.skipRemainingHandlers();
            }
            return;
        }
        String cookie = ctx.cookie(cookieName);
        if (cookie != null) {
            if (MessageDigest.isEqual(cookie.getBytes(StandardCharsets.UTF_8), cookieValue.getBytes(StandardCharsets.UTF_8))) {
                return;
            }
            refuse(ctx, "its login cookie is not this cluster's (the manager was restarted with another secret?)");
        }
        if (ctx.method() == HandlerType.GET && wantsPage(ctx)) {
            ctx.redirect(LOGIN + "?next=" + URLEncoder.encode(pathAndQuery(ctx), StandardCharsets.UTF_8),
                    HttpStatus.SEE_OTHER);
            ctx.skipRemainingHandlers();
            return;
        }
        refuse(ctx, "it carries no token");
    }

    private void refuse(Context ctx, String why) {
        warn(ctx, why);
        ctx.header("WWW-Authenticate", "Bearer realm=\"dlg\"");
        throw new UnauthorizedException("this manager demands the cluster's secret and " + why + ": send"
                + " 'Authorization: Bearer TOKEN', or log in at " + LOGIN);
    }

    private void warn(Context ctx, String why) {
        refusals.warn("refused {} {} from {}: {}", ctx.method(), ctx.path(), ctx.ip(), why);
    }

    private void loginPage(Context ctx) {
        page(ctx, 200, ctx.queryParam("next"), null);
    }

    private void login(Context ctx) {
        String next = ctx.formParam("next");
        if (!secret.matches(ctx.formParam(TOKEN_PARAM))) {
            warn(ctx, "the token typed on the login page is not this cluster's");
            // the form again, saying so: 200, as a 4xx is an error in the browser's console
            page(ctx, 200, next, "That is not this cluster's token.");
            return;
        }
        setCookie(ctx);
        ctx.redirect(safeNext(next), HttpStatus.SEE_OTHER);
    }

    private void setCookie(Context ctx) {
        ctx.header("Set-Cookie", cookieName + "=" + cookieValue + "; Path=/; HttpOnly; SameSite=Strict; Max-Age="
                + COOKIE_LIFE.toSeconds() + (ctx.scheme().equals("https") ? "; Secure" : ""));
    }

    private static boolean wantsPage(Context ctx) {
        String accept = ctx.header("Accept");
        return accept != null && accept.contains("text/html") && !ctx.path().startsWith("/api/");
    }

    /** Only a path of this server: never another site ({@code //evil}, {@code https://...}). */
    private static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.contains("\\")) {
            return "/";
        }
        return next;
    }

    private static String pathAndQuery(Context ctx) {
        return ctx.queryString() == null ? ctx.path() : ctx.path() + "?" + ctx.queryString();
    }

    private static String withoutToken(Context ctx) {
        Map<String, List<String>> params = ctx.queryParamMap();
        String rest = params.entrySet().stream().filter(e -> !e.getKey().equals(TOKEN_PARAM))
                .flatMap(e -> e.getValue().stream().map(v -> enc(e.getKey()) + "=" + enc(v)))
                .collect(Collectors.joining("&"));
        return rest.isEmpty() ? ctx.path() : ctx.path() + "?" + rest;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static void page(Context ctx, int status, String next, String problem) {
        String n = safeNext(next);
        ctx.status(status).contentType("text/html; charset=utf-8").result("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>dlg: log in</title><link rel="icon" href="data:,">
                <style>body{font-family:sans-serif;margin:4em auto;max-width:28em;color:#222}
                input{font-size:1em;padding:.4em;width:100%%;box-sizing:border-box;margin:.4em 0}
                button{font-size:1em;padding:.4em 1.2em}[role=alert]{color:#b00020;font-weight:bold}</style></head>
                <body><h1>dlg</h1>
                <p>This manager demands its cluster's secret: the token in the file given to it with
                <code>--auth-token-file</code> (or in <code>$DLG_AUTH_TOKEN</code>).</p>%s
                <form method="post" action="/login">
                <input type="password" name="token" autofocus autocomplete="current-password" aria-label="token">
                <input type="hidden" name="next" value="%s">
                <button type="submit">Log in</button></form></body></html>
                """.formatted(problem == null ? "" : "<p role=\"alert\">" + problem + "</p>", escape(n)));
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
