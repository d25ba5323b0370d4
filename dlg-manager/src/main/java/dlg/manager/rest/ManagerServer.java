package dlg.manager.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dlg.core.error.DlgException;
import dlg.manager.auth.Access;
import dlg.manager.auth.TlsFiles;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import jakarta.servlet.DispatcherType;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server of a manager: Javalin on Jetty, set up for DALiuGE's clients (IPv4, bodies with
 * a Content-Length, no response compression, CORS headers for browsers) with every error answered
 * as {@code {"type": ..., "args": [...]}} by one exception handler ({@link HttpErrors} picks the
 * status), and those Jetty answers itself before routing alike ({@link JettyErrors}). Routes come
 * from the manager's API class and, for the UI, from dlg-web. A request is routed by its own
 * method only ({@link NoMethodOverride}).
 */
public final class ManagerServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ManagerServer.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Javalin app;
    private final int port;

    private ManagerServer(Javalin app) {
        this.app = app;
        this.port = app.port();
    }

    /**
     * Parses made-up request bodies as the routes do. A fresh manager's first session took 64 to
     * 94 ms to create, later ones 4 to 7 ms: Jackson's first read builds its deserialisers (by
     * reflection, annotations and generated classes); a manager's warm-up calls this first.
     */
    public static void rehearseRequestBodies() {
        Json.parse("{\"sessionId\": \"warm-up\", \"values\": [1, 2.5, true, null, {\"a\": \"b\"}]}");
        Json.uidList("[\"a\", \"b\"]".getBytes(StandardCharsets.UTF_8), "a list of uids");
    }

    /**
     * Starts serving.
     *
     * @param host the interface to listen on ({@code localhost} means IPv4 127.0.0.1, where DALiuGE's
     *     client connects)
     * @param port 0 for an ephemeral port
     * @param routes each adds its routes
     */
    public static ManagerServer start(String host, int port, List<Consumer<RoutesConfig>> routes) {
        return start(host, port, Access.OPEN, routes);
    }

    /**
     * Starts serving, over HTTPS only when {@code access} has a certificate.
     *
     * @param access with a secret, every request must show it ({@link TokenGate})
     * @throws IllegalArgumentException when the PEM files of {@code access} cannot serve
     */
    public static ManagerServer start(String host, int port, Access access, List<Consumer<RoutesConfig>> routes) {
        HttpsConnector https = access.tls() == null ? null : HttpsConnector.of(access.tls());
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.compressionStrategy = CompressionStrategy.NONE;
            config.http.maxRequestSize = Long.MAX_VALUE; // limits are per route (RequestBodies)
            config.jetty.host = "localhost".equalsIgnoreCase(host) ? "127.0.0.1" : host;
            config.jetty.port = port;
            if (https != null) {
                https.installIn(config.jetty);
            }
            config.jetty.modifyServer(server -> server.setErrorHandler(new JettyErrors()));
            config.jetty.modifyServletContextHandler(h -> h.addFilter(new FilterHolder(new NoMethodOverride()), "/*",
                    EnumSet.of(DispatcherType.REQUEST)));
            config.routes.before("/api/*", ManagerServer::cors);
            if (access.guarded()) {
                TokenGate.install(config.routes, access.secret());
            }
            config.routes.before(Utf8::checkQuery);
            // A body read only up to its JSON's end (a zlib stream, a chunked terminator) is read
            // to its end: Jetty would otherwise close the connection under a client still sending.
            config.routes.after(RequestBodies::discardRest);
            config.routes.exception(Exception.class, ManagerServer::error);
            config.routes.error(404, ManagerServer::noRoute); // after the routes: only if none wrote an error
            config.routes.error(405, ManagerServer::noRoute);
            for (Consumer<RoutesConfig> r : routes) {
                r.accept(config.routes);
            }
        });
        app.start();
        log.info("serving {} on {}:{}{}", https == null ? "HTTP" : "HTTPS", host, app.port(),
                access.guarded() ? ", to holders of the cluster's secret" : "");
        Exposure.warnIfOpen(host, app.port(), access, log);
        return new ManagerServer(app);
    }

    /** The port it listens (or listened) on. */
    public int port() {
        return port;
    }

    /** Every route it serves, as {@code METHOD /path/{param}}: what a check of all of them goes over. */
    public List<String> routes() {
        return app.unsafe.internalRouter.allHttpHandlers().stream()
                .map(e -> e.endpoint.method + " " + e.endpoint.path).distinct().toList();
    }

    @Override
    public void close() {
        app.stop();
    }

    /** What browsers need to call the API from another origin (EAGLE, the translator's page). */
    private static void cors(Context ctx) {
        String origin = ctx.header("Origin");
        ctx.header("Access-Control-Allow-Origin", origin == null ? "*" : origin);
        ctx.header("Access-Control-Allow-Credentials", "true");
        ctx.header("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE, OPTIONS, HEAD");
        ctx.header("Access-Control-Allow-Headers",
                "Origin, Accept, Content-Type, Content-Encoding, X-Requested-With, X-CSRF-Token");
    }

    /** Javalin's own 404/405 (no such route) as an error body like ours; our errors pass untouched. */
    private static void noRoute(Context ctx) {
        if (Responses.JSON_TYPE.equals(ctx.res().getContentType())) {
            return;
        }
        String what = ctx.status().getCode() == 404 ? "no such route: " : "method not allowed: ";
        writeError(ctx, ctx.status().getCode(), "NotFound", List.of(what + ctx.method() + " " + ctx.path()));
    }

    private static void error(Exception e, Context ctx) {
        String request;
        try {
            request = ctx.method() + " " + ctx.path();
        } catch (RuntimeException gone) { // an event stream whose browser left: its request is over, nobody to answer
            log.debug("error after the request ended: {}", e.toString());
            return;
        }
        switch (e) {
            case DlgException d -> {
                int status = HttpErrors.status(d);
                log.debug("{}: {} {}", request, status, d.getMessage());
                writeBody(ctx, status, d.toWire());
            }
            case HttpResponseException h -> // Javalin's own: no such route, method not allowed
                writeError(ctx, h.getStatus(), "NotFound", List.of(h.getMessage()));
            default -> {
                log.error("{} failed", request, e);
                writeError(ctx, HttpErrors.status(e), e.getClass().getSimpleName(),
                        List.of(String.valueOf(e.getMessage())));
            }
        }
    }

    private static void writeError(Context ctx, int status, String type, Object args) {
        writeBody(ctx, status, errorMap(type, args));
    }

    /** @param body {@code type}, {@code args} (a list, or SubManagerException's object) and maybe {@code cause} */
    private static void writeBody(Context ctx, int status, Map<String, Object> body) {
        RequestBodies.discardRest(ctx);
        Responses.bytes(ctx, status, Responses.JSON_TYPE, errorBody(body));
    }

    /** {@code {"type": type, "args": args}}: args a list, or SubManagerException's object. */
    static byte[] errorBody(String type, Object args) {
        return errorBody(errorMap(type, args));
    }

    private static Map<String, Object> errorMap(String type, Object args) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("args", args);
        return body;
    }

    private static byte[] errorBody(Map<String, Object> body) {
        try {
            return MAPPER.writeValueAsBytes(body);
        } catch (Exception x) {
            return ("{\"type\": \"" + body.get("type") + "\", \"args\": []}").getBytes(StandardCharsets.UTF_8);
        }
    }
}
