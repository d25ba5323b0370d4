package dlg.manager.client;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dlg.core.error.RestClientException;
import dlg.core.graph.RawJson;
import dlg.manager.auth.ClusterSecret;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Predicate;
import javax.net.ssl.SSLHandshakeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One manager's REST endpoint: sends a request, reads a JSON reply, and turns every way it can
 * fail into a dlg exception. An error reply becomes the exception it was ({@link ErrorReplies}); no connection,
 * no answer in time or an unreadable answer become a {@link RestClientException} naming
 * {@code host:port} and the cause. Immutable over a thread-safe HttpClient: thread-safe.
 */
final class Endpoint {

    private static final Logger log = LoggerFactory.getLogger(Endpoint.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int EXCERPT = 200;
    /** Error bodies are small; more than this is not read. */
    private static final int MAX_ERROR_BODY = 1 << 20;

    /** Reads a 200 reply's body. */
    @FunctionalInterface
    interface BodyReader<T> {
        T read(InputStream body) throws IOException;
    }

    private final HttpClient http;
    private final String node;
    private final String base;
    /** {@code Bearer TOKEN} when the manager demands the cluster's secret, else null. */
    private final String authorization;

    /**
     * @param https whether to call {@code https://} URLs (the HttpClient then holds the SSLContext that trusts the server)
     * @param secret sent with every request when the manager demands it, or null
     */
    Endpoint(HttpClient http, boolean https, String host, int port, ClusterSecret secret) {
        this.http = http;
        this.authorization = secret == null ? null : "Bearer " + secret.token();
        this.node = host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
        try {
            this.base = new URI(https ? "https" : "http", null, host, port, null, null, null).toString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + host + "' is not a host name", e);
        }
    }

    String node() {
        return node;
    }

    /** A request to {@code path}, whose {@code %s} are replaced by the URL-encoded {@code segments}. */
    HttpRequest.Builder request(Duration timeout, String path, String... segments) {
        return builder(uri(path, segments)).timeout(timeout);
    }

    /** A request to {@code uri}, with the secret if there is one. */
    HttpRequest.Builder builder(URI uri) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri);
        return authorization == null ? b : b.header("Authorization", authorization);
    }

    /** The URI of {@code path}, whose {@code %s} are replaced by the URL-encoded {@code segments}. */
    URI uri(String path, String... segments) {
        Object[] encoded = new Object[segments.length];
        for (int i = 0; i < segments.length; i++) {
            // a path segment: a space is %20 there, and '+' is '+', unlike in a form
            encoded[i] = URLEncoder.encode(segments[i], StandardCharsets.UTF_8).replace("+", "%20");
        }
        return URI.create(base + path.formatted(encoded));
    }

    HttpClient http() {
        return http;
    }

    // ---- Calls by shape ----

    /** POSTs {@code body}, expecting DALiuGE's {@code {"Status": "Success"}}. */
    void post(Duration timeout, String sessionId, String contentType, BodyPublisher body, String path,
              String... segments) {
        HttpRequest.Builder b = request(timeout, path, segments);
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        call(b.POST(body).build(), sessionId);
    }

    /** GETs a JSON reply, read by {@code reading} with the parser before the reply's first token. */
    <T> T getJson(Duration timeout, String sessionId, RestDropManagerClient.JsonReading<T> reading, String path,
                  String... segments) {
        HttpRequest request = request(timeout, path, segments).header("Accept", "application/json").GET().build();
        return call(request, sessionId, in -> {
            try (JsonParser p = MAPPER.createParser(in)) {
                return reading.read(p);
            }
        });
    }

    /** GETs a small JSON reply as a tree, which must be {@code expected}. */
    JsonNode getTree(Duration timeout, String sessionId, Predicate<JsonNode> expected, String path,
                     String... segments) {
        return getJson(timeout, sessionId, p -> {
            JsonNode tree = MAPPER.readTree(p);
            if (tree == null || tree.isMissingNode()) {
                throw new JsonParseException(p, "an empty answer");
            }
            if (!expected.test(tree)) {
                String text = tree.toString();
                throw new JsonParseException(p, "did not expect "
                        + (text.length() > EXCERPT ? text.substring(0, EXCERPT) + "..." : text));
            }
            return tree;
        }, path, segments);
    }

    /** GETs a JSON reply as it was written. */
    RawJson getRaw(Duration timeout, String sessionId, String path, String... segments) {
        HttpRequest request = request(timeout, path, segments).header("Accept", "application/json").GET().build();
        return call(request, sessionId, in -> new RawJson(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
    }

    // ---- Exchanges ----

    /** Sends, and reads the 200 reply with {@code reader}; any other status is thrown as its exception. */
    <T> T call(HttpRequest request, String sessionId, BodyReader<T> reader) {
        HttpResponse<InputStream> response = open(request, sessionId);
        try (InputStream body = response.body()) {
            return reader.read(body);
        } catch (JsonProcessingException e) {
            throw new RestClientException(node + ": answered with unexpected JSON: " + e.getOriginalMessage()
                    + " (" + describe(request) + ")", e);
        } catch (IOException e) {
            throw new RestClientException(node + ": the answer broke off: " + e + " (" + describe(request) + ")", e);
        }
    }

    /** Sends, expecting a 200 reply whose body does not matter (DALiuGE's {@code {"Status": "Success"}}). */
    void call(HttpRequest request, String sessionId) {
        call(request, sessionId, body -> body.transferTo(OutputStream.nullOutputStream()));
    }

    /** Sends and returns the 200 reply with its body still to read; any other status is thrown. */
    HttpResponse<InputStream> open(HttpRequest request, String sessionId) {
        HttpResponse<InputStream> response = send(request);
        int status = response.statusCode();
        log.debug("{} {} -> {}", node, describe(request), status);
        if (status == 200) {
            return response;
        }
        byte[] body;
        try (InputStream in = response.body()) {
            body = in.readNBytes(MAX_ERROR_BODY);
        } catch (IOException e) {
            throw new RestClientException(node + ": status " + status + " whose body broke off: " + e
                    + " (" + describe(request) + ")", e);
        }
        throw ErrorReplies.decode(node, status, body, sessionId, describe(request));
    }

    private HttpResponse<InputStream> send(HttpRequest request) {
        try {
            return http.send(request, BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw unreachable(request, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RestClientException(node + ": interrupted while waiting for the answer ("
                    + describe(request) + ")", e);
        }
    }

    private RestClientException unreachable(HttpRequest request, IOException e) {
        String cause = switch (e) {
            case HttpConnectTimeoutException x -> "no connection within "
                    + http.connectTimeout().map(Endpoint::seconds).orElse("the system's time limit");
            case HttpTimeoutException x -> "no answer within "
                    + request.timeout().map(Endpoint::seconds).orElse("the time limit");
            case ConnectException x -> "cannot connect: " + rootMessage(x, "connection refused");
            case SSLHandshakeException x -> "no HTTPS with it: " + rootMessage(x, "the TLS handshake failed")
                    + " (its certificate must name the host and be trusted: --tls-ca)";
            default -> "the exchange failed: " + rootMessage(e, e.getClass().getSimpleName()) + httpsHint(e);
        };
        return new RestClientException(node + ": " + cause + " (" + describe(request) + ")", e);
    }

    /** A manager serving HTTPS closes a plain HTTP connection unanswered: say what that may mean. */
    private String httpsHint(IOException e) {
        String m = rootMessage(e, "");
        return base.startsWith("http:") && (m.contains("EOF") || m.contains("received no bytes"))
                ? " (if it serves HTTPS, call it with https:// or --tls-ca)" : "";
    }

    private static String describe(HttpRequest request) {
        return request.method() + " " + request.uri().getRawPath();
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() / 1000.0 + " s";
    }

    /**
     * The innermost message, or {@code otherwise}: the JDK's own messages are often null (a
     * refused connection is a ConnectException over a ClosedChannelException, neither with one).
     */
    private static String rootMessage(Throwable e, String otherwise) {
        String message = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
        }
        if (message == null) {
            return otherwise;
        }
        return message.toLowerCase(Locale.ROOT).contains("refused") ? "connection refused" : message;
    }
}
