package dlg.manager.rest;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dlg.core.runtime.ExecutionOptions;
import dlg.manager.service.NodeManagerService;
import dlg.manager.rest.WireClient.Reply;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A NodeManager attacked with hostile requests over raw sockets: compression bombs, method
 * overrides, truncated and malformed requests. Each is answered with a JSON error naming the
 * problem, without exhausting the server, which keeps serving afterwards.
 */
class HostileRequestsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_REQUEST = 64 * 1024;
    private static final int MAX_STRING = 1 << 20;
    private static final int MAX_SUBSCRIPTIONS = 1 << 20;
    /** What a bomb inflates to: far over every limit here, small enough for CI's memory. */
    private static final int BOMB = 64 << 20;
    private static final String DATA = "\"categoryType\": \"Data\", \"dropclass\": \"dlg.data.drops.memory.InMemoryDROP\"";

    @TempDir
    Path dlgRoot;

    private NodeManagerService nm;
    private WireClient client;
    private ListAppender<ILoggingEvent> logs;

    @BeforeEach
    void start() {
        NodeManagerService.Config local = NodeManagerService.Config.local(dlgRoot);
        nm = NodeManagerService.start(new NodeManagerService.Config(local.host(), 0, 0, 0, dlgRoot, MAX_REQUEST,
                2, ExecutionOptions.DEFAULT, local.apps(), Map.of(), MAX_STRING, MAX_SUBSCRIPTIONS));
        client = new WireClient(nm.restPort());
        logs = new ListAppender<>();
        logs.start();
        root().addAppender(logs);
    }

    @AfterEach
    void stop() {
        root().detachAppender(logs);
        nm.close();
    }

    // ---- Compression bombs ----

    @Test
    void createSession_zlibBombWithACorruptTail_is413WithoutInflatingPastTheLimit() throws Exception {
        // inflated to its end, the body would end in a zlib error: a 413 shows inflation stopped
        byte[] bomb = corruptBomb("{\"sessionId\": \"", BOMB, ' ');
        Reply r = client.send("POST", "/api/sessions", gzipJson(), bomb, true);
        assertError(r, 413, "DaliugeException");
        assertThat(r.text()).contains(String.valueOf(MAX_REQUEST), "--max-request-size");
        assertHealthy();
    }

    @Test
    void createSession_gzipBomb_is413() throws Exception {
        Reply r = postWithLength("/api/sessions", gzipJson(), gzipBomb("{\"sessionId\": \"", BOMB, ' ', "\"}"));
        assertError(r, 413, "DaliugeException");
        assertHealthy();
    }

    @Test
    void deploy_gzipBombForm_is413NamingTheLimit() throws Exception {
        appendDrops("d", 3);
        Reply r = postWithLength("/api/sessions/d/deploy", Map.of("Content-Type", "application/x-www-form-urlencoded",
                "Content-Encoding", "gzip"), gzipBomb("completed=", BOMB, 'a', ""));
        assertError(r, 413, "DaliugeException");
        assertThat(r.text()).contains("--max-request-size", "session d");
        assertThat(status("d")).isEqualTo(1); // still BUILDING: nothing was deployed
        assertHealthy();
    }

    @Test
    void deploy_zlibBombWithACorruptTail_is413() throws Exception {
        appendDrops("dz", 3);
        Reply r = client.send("POST", "/api/sessions/dz/deploy", Map.of("Content-Type",
                "application/x-www-form-urlencoded", "Content-Encoding", "gzip"),
                corruptBomb("completed=", BOMB, 'a'), true);
        assertError(r, 413, "DaliugeException");
        assertHealthy();
    }

    @Test
    void trigger_bombs_are413() throws Exception {
        appendDrops("t", 3);
        assertSuccess(client.post("/api/sessions/t/deploy"));
        Reply r = client.send("POST", "/api/sessions/t/trigger", gzipJson(), gzipBomb("[\"", BOMB, ' ', "\"]"), true);
        assertError(r, 413, "DaliugeException");
        assertThat(r.text()).contains("--max-request-size plus", "3 drops of session t");
        assertError(client.send("POST", "/api/sessions/t/trigger", gzipJson(),
                corruptBomb("[\"", BOMB, ' '), true), 413, "DaliugeException");
        assertHealthy();
    }

    @Test
    void subscriptions_bombs_are413() throws Exception {
        appendDrops("sub", 3);
        Reply r = client.send("POST", "/api/sessions/sub/subscriptions", gzipJson(), gzipBomb("{\"", BOMB, ' ', "\": []}"), true);
        assertError(r, 413, "DaliugeException");
        assertThat(r.text()).contains(String.valueOf(MAX_SUBSCRIPTIONS), "--max-subscriptions-size");
        assertError(client.send("POST", "/api/sessions/sub/subscriptions", gzipJson(),
                corruptBomb("{\"", BOMB, ' '), true), 413, "DaliugeException");
        assertHealthy();
    }

    @Test
    void triggerAndDeploy_uidListsLargerThanMaxRequestSize_areAcceptedForTheSessionsOwnDrops() throws Exception {
        int n = 2000; // uids of 40 characters: about 90 KB of JSON, 110 KB of form
        appendDrops("big", n);
        String list = uidList(n);
        assertThat(list.length()).isGreaterThan(MAX_REQUEST);
        assertSuccess(client.post("/api/sessions/big/deploy"));
        assertSuccess(client.postJson("/api/sessions/big/trigger", list));

        appendDrops("form", n);
        String completed = String.join(",", JSON.readValue(list, String[].class));
        assertSuccess(client.postForm("/api/sessions/form/deploy", Map.of("completed", completed)));
    }

    @Test
    void trigger_plainBodyWithItsContentLength_isReadInOne_orRefusedOverTheLimitUnread() throws Exception {
        int n = 2000;
        appendDrops("length", n);
        assertSuccess(client.post("/api/sessions/length/deploy"));
        assertSuccess(sendWithLength("/api/sessions/length/trigger", uidList(n)));

        appendDrops("over", 3);
        assertSuccess(client.post("/api/sessions/over/deploy"));
        String tooLong = "[\"" + "x".repeat(2 * MAX_REQUEST) + "\"]";
        Reply r = sendWithLength("/api/sessions/over/trigger", tooLong);
        assertError(r, 413, "DaliugeException");
        assertThat(r.text()).contains("--max-request-size plus", "3 drops of session over");
        assertHealthy();
    }

    /** The JSON list of the uids of drops 0 to n - 1 that {@link #appendDrops} made. */
    private static String uidList(int n) {
        StringBuilder all = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            all.append(i == 0 ? "\"" : ", \"").append(uid(i)).append('"');
        }
        return all.append(']').toString();
    }

    private Reply sendWithLength(String path, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return client.send("POST", path, Map.of("Content-Type", "application/json",
                "Content-Length", String.valueOf(body.length)), body, false);
    }

    @Test
    void append_stringOverTheLimitInABomb_is400NamingTheDropAndTheLimit() throws Exception {
        create("s");
        Reply r = client.send("POST", "/api/sessions/s/graph/append", gzipJson(),
                zlibBomb("[{\"oid\": \"huge\", " + DATA + ", \"pydata\": \"", BOMB, ' ', "\"}]"), true);
        assertCaughtInvalidGraph(r);
        assertThat(r.text()).contains("'huge'", "pydata", "--max-string-size");
        assertThat(status("s")).isZero();
        assertHealthy();
    }

    // ---- Method override ----

    @Test
    void stop_getWithMethodOverrideHeader_isNotARouteAndTheServerKeepsRunning() throws Exception {
        for (String header : new String[] {"X-HTTP-Method-Override", "x-http-method-override"}) {
            Reply r = client.send("GET", "/api/stop", Map.of(header, "POST"), null, false);
            assertThat(r.status()).as(r.text()).isIn(404, 405);
            assertThat(json(r).get("type").asText()).isEqualTo("NotFound");
        }
        assertHealthy();
    }

    @Test
    void deleteSession_getWithMethodOverrideHeader_keepsTheSession() throws Exception {
        create("keep");
        Reply r = client.send("GET", "/api/sessions/keep", Map.of("X-HTTP-Method-Override", "DELETE"), null, false);
        assertThat(r.status()).isEqualTo(200); // GET's own answer: the session's info
        assertThat(json(r).get("status").asInt()).isZero();
        assertThat(status("keep")).isZero();
    }

    // ---- Wrong statuses ----

    @Test
    void createSession_bodyShorterThanItsContentLength_is400WithoutAnErrorLog() throws Exception {
        Reply r = raw("POST /api/sessions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: 100\r\n\r\n{\"sessionId\": \"x\"", true);
        assertError(r, 400, "DaliugeException");
        assertThat(r.text()).contains("100");
        assertThat(logs.list).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.ERROR)).isEmpty();
        assertHealthy();
    }

    @Test
    void jettyErrors_beforeRouting_areJsonErrorBodies() throws Exception {
        Map<String, Integer> requests = new LinkedHashMap<>();
        requests.put("GET /api/" + "x".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n", 414);
        requests.put("GET /api/sessions/%zz/status HTTP/1.1\r\nHost: x\r\n\r\n", 400);
        requests.put("GET /api/sessions/a%00b/status HTTP/1.1\r\nHost: x\r\n\r\n", 400);
        requests.put("POST /api/sessions HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400);
        requests.put("GET /api HTTP/1.1\r\nHost: x\r\nX-Big: " + "y".repeat(20_000) + "\r\n\r\n", 431);
        requests.put("NOT A REQUEST\r\n\r\n", 505);
        for (var e : requests.entrySet()) {
            Reply r = raw(e.getKey(), false);
            assertThat(r.status()).as(r.text()).isEqualTo(e.getValue());
            assertThat(r.header("Content-Type")).as(r.text()).startsWith("application/json");
            JsonNode body = json(r);
            assertThat(body.get("type").asText()).isEqualTo("DaliugeException");
            assertThat(body.get("args").isArray()).isTrue();
            assertThat(body.get("args").get(0).asText()).isNotBlank();
        }
        assertHealthy();
    }

    @Test
    void sessionId_invalidUtf8InItsPercentEncoding_is400() throws Exception {
        for (String path : new String[] {"/api/sessions/%ff%fe/status", "/api/sessions/%c3/graph",
                "/api/sessions/s/graph/drop/%80"}) {
            Reply r = client.get(path);
            assertError(r, 400, "DaliugeException");
            assertThat(r.text()).contains("UTF-8");
        }
        assertError(client.post("/api/sessions/%ff/cancel"), 400, "DaliugeException");
    }

    @Test
    void createSession_invalidUtf8InTheBody_is400AndMakesNoSession() throws Exception {
        byte[] body = {'{', '"', 's', 'e', 's', 's', 'i', 'o', 'n', 'I', 'd', '"', ':', '"', (byte) 0xff, (byte) 0xfe, '"', '}'};
        Reply r = postWithLength("/api/sessions", Map.of("Content-Type", "application/json"), body);
        assertError(r, 400, "DaliugeException");
        assertThat(r.text()).contains("not valid UTF-8", "byte 14", "0xff");
        assertThat(json(client.get("/api/sessions"))).isEmpty();
    }

    @Test
    void deploy_invalidUtf8OrMalformedEscapesInFormOrQuery_is400() throws Exception {
        appendDrops("q", 1);
        for (String form : new String[] {"completed=%ff", "completed=%e2%82", "completed=%zz", "completed=%4"}) {
            Reply r = postWithLength("/api/sessions/q/deploy", Map.of("Content-Type", "application/x-www-form-urlencoded"),
                    form.getBytes(StandardCharsets.US_ASCII));
            assertError(r, 400, "DaliugeException");
            assertThat(r.text()).contains("form field 'completed'");
        }
        Reply query = client.post("/api/sessions/q/deploy?completed=%ff");
        assertError(query, 400, "DaliugeException");
        assertThat(query.text()).contains("the query string", "UTF-8");
        assertThat(status("q")).isEqualTo(1);
        assertSuccess(client.postForm("/api/sessions/q/deploy", Map.of("completed", uid(0))));
    }

    @Test
    void append_oidOrUidThatIsNoString_is400NamingTheDrop() throws Exception {
        create("n");
        Reply number = client.postGraph("/api/sessions/n/graph/append", "[{\"oid\": 12, " + DATA + "}]");
        assertCaughtInvalidGraph(number);
        assertThat(number.text()).contains("12", "'oid'", "string");
        Reply uid = client.postGraph("/api/sessions/n/graph/append", "[{\"oid\": \"u\", \"uid\": true, " + DATA + "}]");
        assertCaughtInvalidGraph(uid);
        assertThat(uid.text()).contains("'u'", "'uid'", "string");
        assertThat(status("n")).isZero();
    }

    @Test
    void corruptCompressedBodies_are400NamingTheProblem() throws Exception {
        create("z");
        byte[] corrupt = {0x78, (byte) 0x9c, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x00, 0x01};
        byte[] truncatedGzip = Arrays.copyOf(gzip("[{\"oid\": \"a\", " + DATA + "}]"), 15);
        for (String path : new String[] {"/api/sessions/z/graph/append", "/api/sessions"}) {
            for (byte[] body : new byte[][] {corrupt, truncatedGzip}) {
                Reply r = client.send("POST", path, gzipJson(), body, true);
                assertError(r, 400, "DaliugeException");
                assertThat(r.text()).containsIgnoringCase("compressed");
            }
        }
        assertHealthy();
    }

    // ---- Helpers ----

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    private static Map<String, String> gzipJson() {
        return Map.of("Content-Type", "application/json", "Content-Encoding", "gzip");
    }

    private static String uid(int i) {
        return String.format(Locale.ROOT, "drop-with-a-forty-character-uid-%08d", i);
    }

    /** {@code n} InMemoryDROPs that nothing links, uids {@link #uid}, in a new BUILDING session. */
    private void appendDrops(String sid, int n) throws IOException {
        create(sid);
        StringBuilder g = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            g.append(i == 0 ? "" : ",").append("{\"oid\": \"o").append(i).append("\", \"uid\": \"").append(uid(i))
                    .append("\", ").append(DATA).append('}');
        }
        assertSuccess(client.postGraph("/api/sessions/" + sid + "/graph/append", g.append(']').toString()));
    }

    private Reply postWithLength(String path, Map<String, String> headers, byte[] body) throws IOException {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Content-Length", String.valueOf(body.length));
        return client.send("POST", path, all, body, false);
    }

    private void create(String sid) throws IOException {
        assertThat(client.postJson("/api/sessions", "{\"sessionId\": \"" + sid + "\"}").status()).isEqualTo(200);
    }

    private int status(String sid) throws IOException {
        Reply r = client.get("/api/sessions/" + sid + "/status");
        assertThat(r.status()).isEqualTo(200);
        return json(r).asInt();
    }

    /** The server still answers, and a new session can be made. */
    private void assertHealthy() throws IOException {
        String sid = "healthy-" + System.nanoTime();
        create(sid);
        assertThat(status(sid)).isZero();
    }

    /** A zlib stream of {@code prefix}, {@code n} times {@code fill}, {@code suffix}, never held inflated. */
    static byte[] zlibBomb(String prefix, long n, char fill, String suffix) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(out, new Deflater(Deflater.BEST_COMPRESSION), 1 << 16)) {
            writeBomb(z, prefix, n, fill, suffix);
        }
        return out.toByteArray();
    }

    /**
     * The same bomb cut after a sync flush, followed by a deflate block of an invalid type: an
     * inflater that goes past {@code n} fails on it.
     */
    static byte[] corruptBomb(String prefix, long n, char fill) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        DeflaterOutputStream z = new DeflaterOutputStream(out, deflater, 1 << 16, true);
        writeBomb(z, prefix, n, fill, "");
        z.flush(); // the next block starts on a byte boundary
        deflater.end();
        byte[] tail = new byte[8];
        Arrays.fill(tail, (byte) 0xff);
        out.write(tail);
        return out.toByteArray();
    }

    static byte[] gzipBomb(String prefix, long n, char fill, String suffix) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out, 1 << 16)) {
            writeBomb(z, prefix, n, fill, suffix);
        }
        return out.toByteArray();
    }

    private static void writeBomb(OutputStream z, String prefix, long n, char fill, String suffix) throws IOException {
        z.write(prefix.getBytes(StandardCharsets.UTF_8));
        byte[] block = new byte[1 << 16];
        Arrays.fill(block, (byte) fill);
        for (long left = n; left > 0; left -= block.length) {
            z.write(block, 0, (int) Math.min(block.length, left));
        }
        z.write(suffix.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    /** Sends {@code request} as it is (closing the sending side after it if asked) and reads the reply. */
    private Reply raw(String request, boolean halfClose) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", nm.restPort()), 10_000);
            s.setSoTimeout(60_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            if (halfClose) {
                s.shutdownOutput();
            }
            return WireClient.read(s.getInputStream());
        }
    }

    private static JsonNode json(Reply r) throws IOException {
        return JSON.readTree(r.body());
    }

    private static void assertSuccess(Reply r) throws IOException {
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(json(r)).isEqualTo(JSON.readTree("{\"Status\": \"Success\"}"));
    }

    private static void assertError(Reply r, int status, String type) throws IOException {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        JsonNode body = json(r);
        assertThat(body.get("type").asText()).as(r.text()).isEqualTo(type);
        assertThat(body.get("args").isArray()).isTrue();
    }

    /** An invalid graph refused by append: DALiuGE's type for errors in a session, ours as its cause. */
    private static void assertCaughtInvalidGraph(Reply r) throws IOException {
        assertError(r, 400, "ErrorManagerCaughtException");
        assertThat(json(r).get("cause").get("type").asText()).isEqualTo("InvalidGraphException");
    }
}
