package dlg.manager.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dlg.core.error.RestClientException;
import dlg.manager.auth.Access;
import dlg.manager.auth.TlsContexts;
import dlg.manager.NodeAddress;
import dlg.manager.composite.CompositeManager;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import javax.net.ssl.SSLContext;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * A MasterManager's {@code /api/managers/<host>/...} routes (spec 3.4): they start and stop
 * managers through the {@code dlg daemon} of a host (port 9000), and add NodeManagers to a host's
 * DataIslandManager. A daemon or manager that cannot be reached is a 556 RestClientException
 * naming it.
 */
public final class DaemonRoutes {

    /** How long a daemon or island may take to accept the connection. */
    static final Duration CONNECT_LIMIT = Duration.ofSeconds(10);
    /**
     * How long a daemon or island may take to answer: longer than a {@code dlg daemon}'s own bounds
     * (90 s for a manager it starts to serve; by default 10 s for one it stops to exit, before it
     * kills it). A call cut before the daemon's answer tells the client that a start or stop failed
     * while the daemon goes on with it: a stop that ended in the daemon's kill at 10 s was seen to
     * reach a MasterManager that had given up at 10 s.
     */
    public static final Duration REPLY_LIMIT = Duration.ofMinutes(2);

    private static final ObjectMapper READER = new ObjectMapper();

    private final CompositeManager mm;
    private final int daemonPort;
    private final HttpClient http;
    /** {@code Bearer TOKEN} for daemons and islands that demand the cluster's secret, else null. */
    private final String authorization;
    /** Islands are called over HTTPS when the MasterManager speaks it; daemons serve plain HTTP only. */
    private final boolean https;

    DaemonRoutes(CompositeManager mm, int daemonPort, Access access) {
        this.authorization = access.secret() == null ? null : "Bearer " + access.secret().token();
        this.mm = mm;
        this.daemonPort = daemonPort;
        this.https = access.https();
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(CONNECT_LIMIT);
        SSLContext tls = TlsContexts.forClients(access);
        this.http = (tls == null ? b : b.sslContext(tls)).build();
    }

    void routes(RoutesConfig r) {
        r.post("/api/managers/{host}/island", this::createIsland);
        for (String kind : List.of("node", "island", "master")) {
            r.get("/api/managers/{host}/" + kind, ctx -> forward(ctx, "GET", daemon(ctx, "/managers/" + kind), null));
        }
        r.post("/api/managers/{host}/node/start", ctx -> forward(ctx, "POST", daemon(ctx, "/managers/node/start"), ""));
        r.post("/api/managers/{host}/node/stop", ctx -> forward(ctx, "POST", daemon(ctx, "/managers/node/stop"), ""));
        r.post("/api/managers/{host}/node/{node}", ctx -> forward(ctx, "POST", dimNode(ctx), ""));
        r.delete("/api/managers/{host}/node/{node}", ctx -> forward(ctx, "DELETE", dimNode(ctx), null));
    }

    /** Starts a DataIslandManager on the host (through its daemon) and makes it one of this manager's islands. */
    private void createIsland(Context ctx) throws IOException {
        String body = RequestBodies.text(ctx, 10L << 20);
        HttpResponse<byte[]> started = send(ctx, "POST", daemon(ctx, "/managers/island/start"),
                body.isBlank() ? "{\"nodes\": []}" : body);
        if (started.statusCode() != 200) {
            throw new RestClientException("the daemon of " + hostOnly(ctx.pathParam("host")) + " did not start a"
                    + " DataIslandManager: " + started.statusCode() + " " + new String(started.body(), StandardCharsets.UTF_8));
        }
        mm.addSubManager(island(ctx.pathParam("host"), started.body()));
        List<String> islands = mm.subManagers().stream().map(NodeAddress::toString).toList();
        Responses.json(ctx, g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("islands");
            for (String i : islands) {
                g.writeString(i);
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    /**
     * The island the daemon started: on the host of the path, at the port the daemon reports (a dlg
     * daemon's {@code "address"}), else the host's own port or DALiuGE's 8001.
     */
    private static NodeAddress island(String host, byte[] reply) {
        NodeAddress named = NodeAddress.parse(host, NodeAddress.DIM_PORT);
        if (host.indexOf(':') >= 0) {
            return named;
        }
        try {
            JsonNode address = READER.readTree(reply).path("address");
            if (address.isTextual()) {
                return new NodeAddress(named.host(), NodeAddress.parse(address.asText()).restPort(), named.eventsPort(),
                        named.rpcPort());
            }
        } catch (IOException | IllegalArgumentException e) {
            // DALiuGE's daemon: {"pid": N} only
        }
        return named;
    }

    private URI daemon(Context ctx, String path) {
        return URI.create("http://" + hostOnly(ctx.pathParam("host")) + ":" + daemonPort + path);
    }

    private URI dimNode(Context ctx) {
        NodeAddress dim = NodeAddress.parse(ctx.pathParam("host"), NodeAddress.DIM_PORT);
        return URI.create((https ? "https://" : "http://") + dim.host() + ":" + dim.restPort() + "/api/node/"
                + URLEncoder.encode(ctx.pathParam("node"), StandardCharsets.UTF_8).replace("+", "%20"));
    }

    private static String hostOnly(String host) {
        int colon = host.indexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }

    /** The target's reply as it is; an empty body (the daemon's stop) as DALiuGE's success. */
    private void forward(Context ctx, String method, URI target, String body) throws IOException {
        HttpResponse<byte[]> reply = send(ctx, method, target, body);
        if (reply.body().length == 0) {
            Responses.success(ctx);
            return;
        }
        Responses.bytes(ctx, reply.statusCode(), reply.headers().firstValue("Content-Type").orElse(Responses.JSON_TYPE),
                reply.body());
    }

    private HttpResponse<byte[]> send(Context ctx, String method, URI target, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(target).timeout(REPLY_LIMIT);
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null && !body.isEmpty()) {
            b.header("Content-Type", "application/json");
        }
        String at = target.getHost() + ":" + target.getPort();
        String call = " (" + method + " " + target.getPath() + ")";
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (ConnectException e) {
            throw new RestClientException("cannot connect to " + at + call + ": connection refused");
        } catch (HttpConnectTimeoutException e) {
            throw new RestClientException("cannot connect to " + at + " within " + CONNECT_LIMIT.toSeconds() + " s" + call);
        } catch (HttpTimeoutException e) {
            throw new RestClientException(at + " did not answer within " + REPLY_LIMIT.toSeconds() + " s" + call);
        } catch (IOException e) {
            throw new RestClientException(at + ": " + e + call, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RestClientException("interrupted calling " + target);
        }
    }
}
