package dlg.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A manager's REST API for tests: sessions made, graphs submitted, as DALiuGE's client does. */
final class Rest {

    private final HttpClient http;
    private final String base;
    private final String token;

    Rest(int port) {
        this(port, null);
    }

    /** @param token sent as {@code Authorization: Bearer}, or null */
    Rest(int port, String token) {
        this(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(), "http://127.0.0.1:" + port, token);
    }

    /** @param base {@code scheme://host:port} */
    Rest(HttpClient http, String base) {
        this(http, base, null);
    }

    private Rest(HttpClient http, String base, String token) {
        this.http = http;
        this.base = base;
        this.token = token;
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path));
        return token == null ? b : b.header("Authorization", "Bearer " + token);
    }

    /** Creates the session, appends the graph and deploys it with these roots. */
    void submit(String sessionId, String graph, String roots) {
        post("/api/sessions", "application/json", "{\"sessionId\": \"" + sessionId + "\"}");
        post("/api/sessions/" + sessionId + "/graph/append", "application/json", graph);
        post("/api/sessions/" + sessionId + "/deploy", "application/x-www-form-urlencoded", "completed=" + roots);
    }

    /** Creates the session and appends the graph, then deploys it: the deploy's reply, whatever its status. */
    HttpResponse<String> submitAnyway(String sessionId, String graph, String roots) {
        post("/api/sessions", "application/json", "{\"sessionId\": \"" + sessionId + "\"}");
        post("/api/sessions/" + sessionId + "/graph/append", "application/json", graph);
        return exchange(request("/api/sessions/" + sessionId + "/deploy")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("completed=" + roots)).build());
    }

    /** POSTs JSON: the reply, whatever its status. */
    HttpResponse<String> postAnyway(String path, String json) {
        return exchange(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    String get(String path) {
        return send(request(path).GET().build());
    }

    String post(String path, String type, String body) {
        return send(request(path).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    URI uri(String path) {
        return URI.create(base + path);
    }

    private String send(HttpRequest r) {
        HttpResponse<String> reply = exchange(r);
        if (reply.statusCode() != 200) {
            throw new AssertionError(r.method() + " " + r.uri() + ": " + reply.statusCode() + " " + reply.body());
        }
        return reply.body();
    }

    private HttpResponse<String> exchange(HttpRequest r) {
        try {
            return http.send(r, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
