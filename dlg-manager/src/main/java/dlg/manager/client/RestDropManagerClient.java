package dlg.manager.client;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dlg.core.error.RestClientException;
import dlg.core.graph.GraphWriter;
import dlg.core.graph.ParsedGraph;
import dlg.core.graph.RawJson;
import dlg.core.state.SessionState;
import dlg.manager.DropData;
import dlg.manager.DropManager;
import dlg.manager.DropRel;
import dlg.manager.SessionSummary;
import dlg.manager.SubManager;
import dlg.manager.auth.ClusterSecret;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * A {@link DropManager} on the other end of DALiuGE's REST API, and the {@link SubManager} a
 * composite manager talks to ({@code host:port}): its {@link SubManager.Query questions} are
 * mapped to their routes here, in {@link #route}, and nowhere else.
 *
 * <p>Time limits: every call waits at most {@link Options#requestTimeout()} for its answer
 * (a composite passes its {@code --dmCheckTimeout}, so that a node that is stopped, which still
 * accepts connections, cannot hang its callers), except the calls whose work grows with the graph
 * (append, deploy, subscriptions, trigger, cancel, destroy, the whole graph, its status, a
 * session's full description, the reproducibility data), which wait at most
 * {@link Options#graphTimeout()}. The live feed ({@link #follow}) has no limit: it lasts.
 *
 * <p>Errors: a sub-manager's error reply is thrown as the dlg exception it was, with its message;
 * a type without a class here as a {@link dlg.core.error.GenericDlgException} keeping type and
 * args; no connection, no answer within the timeout, or an unreadable answer as a
 * {@link RestClientException} naming {@code host:port}, the cause and the call.
 *
 * <p>Threading: thread-safe and immutable; every call blocks its caller (fan out with
 * {@link Fanout}, on virtual threads). All clients may share one {@link HttpClient}, whose
 * connections they reuse. A graph part is generated into the request on a virtual thread of its
 * own while it is sent.
 */
public final class RestDropManagerClient implements SubManager {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String JSON = "application/json";
    private static final Pattern FILE_NAME = Pattern.compile("filename=\"([^\"]*)\"");

    /**
     * @param requestTimeout how long a call may wait for its answer
     * @param graphTimeout the same for calls whose work grows with the graph (append, deploy,
     *     subscriptions, trigger, cancel, destroy, the graph and its status): generous, a graph
     *     may have millions of drops
     * @param compressGraphs send graph parts as zlib streams (less network, more CPU)
     * @param https call {@code https://} URLs: the HttpClient must trust the server's certificate
     *     ({@link #httpClient(Duration, SSLContext)})
     */
    public record Options(Duration requestTimeout, Duration graphTimeout, boolean compressGraphs, boolean https) {

        public static final Options DEFAULTS = new Options(Duration.ofMinutes(1), Duration.ofMinutes(30), false);

        public Options {
            requirePositive(requestTimeout, "requestTimeout");
            requirePositive(graphTimeout, "graphTimeout");
        }

        /** Over plain HTTP. */
        public Options(Duration requestTimeout, Duration graphTimeout, boolean compressGraphs) {
            this(requestTimeout, graphTimeout, compressGraphs, false);
        }

        /** These options over HTTPS, or plain HTTP. */
        public Options withHttps(boolean h) {
            return new Options(requestTimeout, graphTimeout, compressGraphs, h);
        }

        private static void requirePositive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive: " + d);
            }
        }
    }

    /** Receives a graph's status drop by drop; {@code execStatus} is -1 for a data drop. */
    @FunctionalInterface
    public interface StatusSink {
        void drop(String oid, int status, int execStatus);
    }

    /** Reads a JSON reply as it arrives; the parser stands before the reply's first token. */
    @FunctionalInterface
    public interface JsonReading<T> {
        T read(JsonParser parser) throws IOException;
    }

    private final Endpoint endpoint;
    private final Options options;

    /** A client with the default timeouts, on the process's shared HttpClient. */
    public RestDropManagerClient(String host, int port) {
        this(sharedHttpClient(), host, port, Options.DEFAULTS);
    }

    /** @param http its connect timeout is this client's (see {@link #httpClient(Duration)}) */
    public RestDropManagerClient(HttpClient http, String host, int port, Options options) {
        this(http, host, port, options, null);
    }

    /**
     * @param http its connect timeout is this client's (see {@link #httpClient(Duration)})
     * @param secret sent with every call when the manager demands it, or null
     */
    public RestDropManagerClient(HttpClient http, String host, int port, Options options, ClusterSecret secret) {
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(options, "options");
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is out of range");
        }
        this.endpoint = new Endpoint(http, options.https(), host, port, secret);
        this.options = Objects.requireNonNull(options, "options");
    }

    /** An HttpClient fit for these clients: HTTP/1.1 as our managers speak it, no redirects. */
    public static HttpClient httpClient(Duration connectTimeout) {
        return httpClient(connectTimeout, null);
    }

    /**
     * The same, for HTTPS: trusting what {@code tls} trusts ({@link dlg.manager.auth.TlsContexts#forClients}).
     *
     * @param tls null for the JDK's default (its certificate authorities)
     */
    public static HttpClient httpClient(Duration connectTimeout, SSLContext tls) {
        HttpClient.Builder b = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1) // no h2c upgrade attempt on every connection
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout);
        if (tls != null) {
            b.sslContext(tls);
        }
        return b.build();
    }

    /** The process's HttpClient, with the default connect timeout: one pool of connections for all. */
    public static HttpClient sharedHttpClient() {
        return Shared.HTTP;
    }

    private static final class Shared {
        static final HttpClient HTTP = httpClient(DEFAULT_CONNECT_TIMEOUT);
    }

    /** {@code host:port}, as errors name it. */
    public String node() {
        return endpoint.node();
    }

    // ---- Sessions ----

    @Override
    public void createSession(String sessionId) {
        endpoint.post(options.requestTimeout(), sessionId, JSON, json(Map.of("sessionId", sessionId)), "/api/sessions");
    }

    @Override
    public void destroySession(String sessionId) {
        endpoint.call(endpoint.request(options.graphTimeout(), "/api/sessions/%s", sessionId).DELETE().build(),
                sessionId);
    }

    @Override
    public List<SessionSummary> sessions() {
        JsonNode list = endpoint.getTree(options.requestTimeout(), null, l -> l.isArray() && all(l,
                s -> s.path("sessionId").isTextual() && isState(s.path("status")) && s.path("size").isInt()),
                "/api/sessions");
        List<SessionSummary> sessions = new ArrayList<>(list.size());
        for (JsonNode s : list) {
            sessions.add(new SessionSummary(s.get("sessionId").asText(), SessionState.ofCode(s.get("status").asInt()),
                    s.get("size").asInt()));
        }
        return sessions;
    }

    @Override
    public SessionState sessionStatus(String sessionId) {
        JsonNode status = endpoint.getTree(options.requestTimeout(), sessionId, RestDropManagerClient::isState,
                "/api/sessions/%s/status", sessionId);
        return SessionState.ofCode(status.asInt());
    }

    /** Sends the part as a JSON list, generated while it is sent (never held whole in memory). */
    @Override
    public void addGraphSpec(String sessionId, ParsedGraph part) {
        Objects.requireNonNull(part, "part");
        try (StreamedBody body = new StreamedBody(g -> GraphWriter.writeList(g, part), options.compressGraphs())) {
            HttpRequest.Builder request = endpoint.request(options.graphTimeout(), "/api/sessions/%s/graph/append",
                    sessionId).header("Content-Type", JSON);
            if (options.compressGraphs()) {
                request.header("Content-Encoding", "deflate"); // HTTP's name for a zlib stream
            }
            try {
                endpoint.call(request.POST(body.publisher()).build(), sessionId);
            } catch (RestClientException e) {
                body.rethrowFailure(); // the graph could not be written: that, not its symptom
                throw e;
            }
        }
    }

    /** @param completedUids sent as the form field {@code completed}, comma-separated */
    @Override
    public void deploySession(String sessionId, List<String> completedUids) {
        BodyPublisher form = completedUids.isEmpty() ? BodyPublishers.noBody() : BodyPublishers.ofString(
                "completed=" + URLEncoder.encode(String.join(",", completedUids), StandardCharsets.UTF_8));
        endpoint.post(options.graphTimeout(), sessionId, "application/x-www-form-urlencoded", form,
                "/api/sessions/%s/deploy", sessionId);
    }

    @Override
    public void cancelSession(String sessionId) {
        endpoint.post(options.graphTimeout(), sessionId, null, BodyPublishers.noBody(),
                "/api/sessions/%s/cancel", sessionId);
    }

    @Override
    public void trigger(String sessionId, List<String> uids) {
        endpoint.post(options.graphTimeout(), sessionId, JSON, json(uids), "/api/sessions/%s/trigger", sessionId);
    }

    // ---- NodeManager-only calls ----

    @Override
    public void addNodeSubscriptions(String sessionId, Map<String, List<DropRel>> relations) {
        Map<String, List<List<Object>>> triples = new LinkedHashMap<>();
        relations.forEach((node, rels) -> triples.put(node,
                rels.stream().map(r -> List.<Object>of(r.lhs(), r.rel(), r.rhs())).toList()));
        endpoint.post(options.graphTimeout(), sessionId, JSON, json(triples),
                "/api/sessions/%s/subscriptions", sessionId);
    }

    /** Streams the status of every drop of the session to {@code sink}, as the reply arrives. */
    public void graphStatus(String sessionId, StatusSink sink) {
        endpoint.getJson(options.graphTimeout(), sessionId, p -> readStatus(p, sink),
                "/api/sessions/%s/graph/status", sessionId);
    }

    /** The number of drops in the session's graph. */
    public int graphSize(String sessionId) {
        return endpoint.getTree(options.requestTimeout(), sessionId, JsonNode::isInt,
                "/api/sessions/%s/graph/size", sessionId).asInt();
    }

    /** {@code {"status": int, "graph": {oid: spec}, "dir": {"dir": path}}} as the sub-manager wrote it. */
    public RawJson sessionInfo(String sessionId) {
        return endpoint.getRaw(options.graphTimeout(), sessionId, "/api/sessions/%s", sessionId);
    }

    /** Reads the session's graph {@code {oid: spec, ...}} as it arrives, e.g. to merge it into another. */
    public <T> T graph(String sessionId, JsonReading<T> reading) {
        return endpoint.getJson(options.graphTimeout(), sessionId, reading, "/api/sessions/%s/graph", sessionId);
    }

    /** The session's directory on the sub-manager's host. */
    public String dir(String sessionId) {
        return endpoint.getTree(options.requestTimeout(), sessionId, d -> d.path("dir").isTextual(),
                "/api/sessions/%s/dir", sessionId).get("dir").asText();
    }

    /** {@code {"session", "status", "oid", "logs": [...]}} as the sub-manager wrote it. */
    public RawJson dropStatus(String sessionId, String oid) {
        return endpoint.getRaw(options.requestTimeout(), sessionId, "/api/sessions/%s/graph/drop/%s", sessionId, oid);
    }

    @Override
    public DropData dropData(String sessionId, String oid) {
        HttpResponse<InputStream> reply = endpoint.open(endpoint.request(options.requestTimeout(),
                "/sessions/%s/graph/drop/data/%s", sessionId, oid).GET().build(), sessionId);
        String name = reply.headers().firstValue("Content-Disposition").map(FILE_NAME::matcher)
                .filter(Matcher::find).map(m -> m.group(1)).orElse(oid);
        return new DropData(name, reply.headers().firstValueAsLong("Content-Length").orElse(-1), reply.body());
    }

    @Override
    public DropData sessionLog(String sessionId) {
        HttpResponse<InputStream> reply = endpoint.open(endpoint.request(options.requestTimeout(),
                "/api/sessions/%s/logs", sessionId).GET().build(), sessionId);
        return new DropData(sessionId + ".log", reply.headers().firstValueAsLong("Content-Length").orElse(-1), reply.body());
    }

    // ---- A composite's questions ----

    @Override
    public RawJson ask(Query query, String... args) {
        query.check(args);
        Route r = route(query);
        return endpoint.getRaw(r.large() ? options.graphTimeout() : options.requestTimeout(),
                query.sessionScoped() ? args[0] : null, r.path(), args);
    }

    /** A question's route, and whether its answer grows with the graph (the graph's time limit). */
    private record Route(String path, boolean large) {
    }

    private static Route route(Query query) {
        return switch (query) {
            case NODES -> new Route("/api/nodes", false);
            case SESSIONS -> new Route("/api/sessions", false);
            case SESSION -> new Route("/api/sessions/%s", true);
            case SESSION_STATUS -> new Route("/api/sessions/%s/status", false);
            case GRAPH -> new Route("/api/sessions/%s/graph", true);
            case GRAPH_STATUS -> new Route("/api/sessions/%s/graph/status", true);
            case GRAPH_SIZE -> new Route("/api/sessions/%s/graph/size", false);
            case DIR -> new Route("/api/sessions/%s/dir", false);
            case DROP_STATUS -> new Route("/api/sessions/%s/graph/drop/%s", false);
            case REPRO_STATUS -> new Route("/api/sessions/%s/repro/status", false);
            case REPRO_DATA -> new Route("/api/sessions/%s/repro/data", true);
            case UI_SESSIONS -> new Route("/api/ui/sessions", false);
            case UI_SESSION -> new Route("/api/ui/sessions/%s", false);
            case UI_DROPS -> new Route("/api/ui/sessions/%s/drops?offset=%s&limit=%s&state=%s&node=%s&name=%s&group=%s", false);
            case UI_DROP -> new Route("/api/ui/sessions/%s/drops/%s", false);
            case UI_GRAPH -> new Route("/api/ui/sessions/%s/graph?mode=%s&budget=%s&focus=%s", false);
            case UI_TIMELINE -> new Route("/api/ui/sessions/%s/timeline?limit=%s", false);
            case UI_CONSTRUCTS -> new Route("/api/ui/sessions/%s/constructs", false);
            case UI_FAILURES -> new Route("/api/ui/sessions/%s/failures", false);
            case NODE_STATS -> new Route("/api/ui/node-stats", false);
            case HISTORY_SESSION -> new Route("/api/history/sessions/%s?histograms=true", false);
        };
    }

    @Override
    public AutoCloseable follow(String sessionId, FeedListener listener) {
        return new LiveFeed(endpoint, sessionId, listener);
    }

    /** DALiuGE's {@code methods}: how graphs may be submitted (BROWSER, SERVER). */
    public List<String> submissionMethods() {
        JsonNode reply = endpoint.getTree(options.requestTimeout(), null,
                r -> r.path("methods").isArray() && all(r.get("methods"), JsonNode::isTextual),
                "/api/submission_method");
        List<String> methods = new ArrayList<>();
        reply.get("methods").forEach(m -> methods.add(m.asText()));
        return methods;
    }

    @Override
    public String toString() {
        return "RestDropManagerClient[" + node() + "]";
    }

    // ---- JSON ----

    /** {@code {oid: {"status": int, "execStatus": int (apps only)}, ...}} */
    private static Void readStatus(JsonParser p, StatusSink sink) throws IOException {
        expect(p, p.nextToken() == JsonToken.START_OBJECT, "an object");
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String oid = p.currentName();
            expect(p, p.nextToken() == JsonToken.START_OBJECT, "an object for drop " + oid);
            int status = -1;
            int execStatus = -1;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                p.nextToken();
                switch (key) {
                    case "status" -> status = p.getIntValue();
                    case "execStatus" -> execStatus = p.getIntValue();
                    default -> p.skipChildren();
                }
            }
            sink.drop(oid, status, execStatus);
        }
        return null;
    }

    private static void expect(JsonParser p, boolean ok, String what) throws IOException {
        if (!ok) {
            throw new JsonParseException(p, "expected " + what);
        }
    }

    private static boolean isState(JsonNode code) {
        return code.isInt() && code.asInt() >= 0 && code.asInt() < SessionState.values().length;
    }

    private static boolean all(JsonNode list, Predicate<JsonNode> each) {
        for (JsonNode n : list) {
            if (!each.test(n)) {
                return false;
            }
        }
        return true;
    }

    private static BodyPublisher json(Object value) {
        try {
            return BodyPublishers.ofByteArray(MAPPER.writeValueAsBytes(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
