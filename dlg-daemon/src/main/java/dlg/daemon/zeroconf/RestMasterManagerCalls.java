package dlg.daemon.zeroconf;

import dlg.manager.NodeAddress;
import dlg.manager.auth.ClusterSecret;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * {@link MasterManagerCalls} over the MasterManager's REST API, with the cluster's secret when there
 * is one (the MasterManager then demands it). A failed call throws {@link IllegalStateException}
 * naming it.
 */
public final class RestMasterManagerCalls implements MasterManagerCalls {

    private final HttpClient http;
    private final String base;
    private final Duration timeout;
    /** {@code Bearer TOKEN}, or null without a secret. */
    private final String authorization;

    /** @param secret the cluster's secret, null for none */
    public RestMasterManagerCalls(String host, int port, Duration timeout, ClusterSecret secret) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.base = "http://" + host + ":" + port;
        this.timeout = timeout;
        this.authorization = secret == null ? null : "Bearer " + secret.token();
    }

    @Override
    public void addNode(NodeAddress node) {
        call("POST", "/api/node/" + path(node));
    }

    @Override
    public void removeNode(NodeAddress node) {
        call("DELETE", "/api/node/" + path(node));
    }

    @Override
    public void addIsland(NodeAddress island) {
        call("POST", "/api/island/" + path(island));
    }

    @Override
    public void removeIsland(NodeAddress island) {
        call("DELETE", "/api/island/" + path(island));
    }

    @Override
    public void addNodeToIsland(NodeAddress island, NodeAddress node) {
        call("POST", "/api/managers/" + path(island) + "/node/" + path(node));
    }

    @Override
    public void removeNodeFromIsland(NodeAddress island, NodeAddress node) {
        call("DELETE", "/api/managers/" + path(island) + "/node/" + path(node));
    }

    private static String path(NodeAddress a) {
        return URLEncoder.encode(a.toString(), StandardCharsets.UTF_8);
    }

    private void call(String method, String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        HttpRequest request = b.build();
        try {
            HttpResponse<String> reply = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (reply.statusCode() != 200) {
                throw new IllegalStateException(method + " " + base + path + ": " + reply.statusCode() + " " + reply.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + base + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + method + " " + base + path, e);
        }
    }
}
