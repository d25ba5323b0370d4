package dlg.daemon.proc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dlg.core.error.UnauthorizedException;
import dlg.manager.auth.Access;
import dlg.manager.rest.Exposure;
import dlg.manager.rest.TokenGate;
import dlg.manager.metrics.Metrics;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST face of {@code dlg daemon} (spec section 7), DALiuGE's routes:
 * <pre>
 *   GET  /  and  /managers          {"master": pid|null, "island": pid|null, "node": pid|null}
 *   GET  /managers/{kind}           {"pid": pid|null}
 *   POST /managers/{kind}/start     starts it: {"pid": pid}; 409 if it runs; island: JSON {"nodes": [...]}
 *   POST /managers/{kind}/stop      stops it: 200, empty body; 409 if it does not run
 * </pre>
 * Beyond DALiuGE, a running manager's reply also says where it listens ({@code "address":
 * "host:rest:events:rpc"}) and a manager that died by itself is reported with its exit code
 * ({@code "exited": {"pid": N, "exitCode": C}}) until it is started again.
 *
 * <p>With the cluster's secret, every request must show it as the managers' do ({@link TokenGate}):
 * whoever may start managers on this host may run anything on it.
 */
public final class DaemonServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DaemonServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JSON_TYPE = "application/json";

    private final Javalin app;
    private final Metrics metrics;

    private DaemonServer(Javalin app, Metrics metrics) {
        this.app = app;
        this.metrics = metrics;
    }

    /** Serves {@code daemon} on {@code host:port} (0: an ephemeral port), open to all as DALiuGE's. */
    public static DaemonServer start(ProcessDaemon daemon, String host, int port) {
        return start(daemon, host, port, Access.OPEN);
    }

    /** Serves {@code daemon} on {@code host:port}; with a secret in {@code access}, to its holders only. */
    public static DaemonServer start(ProcessDaemon daemon, String host, int port, Access access) {
        Metrics metrics = new Metrics(); // the JVM's own and the requests' latency, on GET /metrics
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jetty.host = "localhost".equalsIgnoreCase(host) ? "127.0.0.1" : host;
            config.jetty.port = port;
            config.routes.exception(Exception.class, DaemonServer::error);
            if (access.guarded()) {
                TokenGate.install(config.routes, access.secret());
            }
            metrics.routes(config.routes);
            routes(config.routes, daemon);
        });
        try {
            app.start();
        } catch (RuntimeException e) {
            metrics.close();
            throw e;
        }
        log.info("dlg daemon serving on {}:{}{}", host, app.port(),
                access.guarded() ? ", to holders of the cluster's secret" : "");
        Exposure.warnIfOpen(host, app.port(), access, log);
        return new DaemonServer(app, metrics);
    }

    private static void routes(RoutesConfig r, ProcessDaemon daemon) {
        r.get("/", ctx -> json(ctx, all(daemon)));
        r.get("/managers", ctx -> json(ctx, all(daemon)));
        r.get("/managers/{kind}", ctx -> json(ctx, one(daemon, kind(ctx))));
        r.post("/managers/{kind}/start", ctx -> {
            ManagerKind kind = kind(ctx);
            daemon.start(kind, kind == ManagerKind.ISLAND ? nodes(ctx.body()) : List.of());
            json(ctx, one(daemon, kind));
        });
        r.post("/managers/{kind}/stop", ctx -> {
            daemon.stop(kind(ctx));
            ctx.status(200).result(""); // DALiuGE's empty body
        });
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
        metrics.close();
    }

    // ---- Replies ----

    private static Map<String, Object> all(ProcessDaemon daemon) {
        Map<ManagerKind, ProcessDaemon.ManagerStatus> statuses = daemon.statuses();
        Map<String, Object> reply = new LinkedHashMap<>();
        Map<String, Object> exited = new LinkedHashMap<>();
        for (ManagerKind kind : List.of(ManagerKind.MASTER, ManagerKind.ISLAND, ManagerKind.NODE)) {
            ProcessDaemon.ManagerStatus s = statuses.get(kind);
            reply.put(kind.routeName(), s != null && s.running() ? s.pid() : null);
            if (s != null && s.state() == ChildState.DIED) {
                exited.put(kind.routeName(), exited(s));
            }
        }
        if (!exited.isEmpty()) {
            reply.put("exited", exited);
        }
        return reply;
    }

    private static Map<String, Object> one(ProcessDaemon daemon, ManagerKind kind) {
        Map<String, Object> reply = new LinkedHashMap<>();
        ProcessDaemon.ManagerStatus s = daemon.status(kind).orElse(null);
        reply.put("pid", s != null && s.running() ? s.pid() : null);
        if (s != null && s.running() && s.address() != null) {
            reply.put("address", s.address().toString());
        }
        if (s != null && s.state() == ChildState.DIED) {
            reply.put("exited", exited(s));
        }
        return reply;
    }

    private static Map<String, Object> exited(ProcessDaemon.ManagerStatus s) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("pid", s.pid());
        e.put("exitCode", s.exitCode());
        return e;
    }

    // ---- Requests ----

    private static ManagerKind kind(Context ctx) {
        return ManagerKind.ofRouteName(ctx.pathParam("kind"));
    }

    /** An island's {@code {"nodes": ["host[:port...]", ...]}}; no body: no nodes (DALiuGE). */
    static List<String> nodes(String body) {
        if (body == null || body.isBlank()) {
            return List.of();
        }
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the body is not JSON: " + e.getOriginalMessage());
        }
        JsonNode nodes = json.path("nodes");
        if (nodes.isMissingNode() || nodes.isNull()) {
            return List.of();
        }
        if (!nodes.isArray()) {
            throw new IllegalArgumentException("\"nodes\" must be a list of node strings: " + nodes);
        }
        List<String> list = new ArrayList<>();
        for (JsonNode n : nodes) {
            if (!n.isTextual() || n.asText().isBlank() || n.asText().contains(",")) {
                throw new IllegalArgumentException("not a node string in \"nodes\": " + n);
            }
            list.add(n.asText().strip());
        }
        return list;
    }

    private static void json(Context ctx, Object value) throws JsonProcessingException {
        ctx.contentType(JSON_TYPE).result(JSON.writeValueAsBytes(value));
    }

    /**
     * The one place errors become statuses: 409 for a manager in the wrong state, as DALiuGE's daemon;
     * 401 for a request without the cluster's secret (the gate logs those, at most every few seconds).
     */
    private static void error(Exception e, Context ctx) {
        int status = switch (e) {
            case UnauthorizedException ignored -> 401;
            case IllegalStateException ignored -> 409;
            case IllegalArgumentException ignored -> 400;
            default -> 500;
        };
        if (status == 500) {
            log.error("{} {} failed", ctx.method(), ctx.path(), e);
        } else if (status == 401) {
            log.debug("{} {}: 401 {}", ctx.method(), ctx.path(), e.getMessage());
        } else {
            log.info("{} {}: {} {}", ctx.method(), ctx.path(), status, e.getMessage());
        }
        ctx.status(status).contentType("text/plain; charset=utf-8").result(String.valueOf(e.getMessage()));
    }
}
