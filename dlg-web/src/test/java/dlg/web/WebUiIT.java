package dlg.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dlg.manager.service.NodeManagerService;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pages served by a real NodeManager that has run a tiny graph, fetched as a browser would. */
class WebUiIT {

    private static final Duration END = Duration.ofSeconds(30);
    private static final List<String> PAGES = List.of("/", "/session?sessionId=s1", "/sessions/s1/graph/drop/hello");
    private static final Pattern REFERENCE = Pattern.compile("(?:src|href)=\"([^\"]*)\"");
    private static final Pattern IMPORT = Pattern.compile("(?:from |import\\()\"\\./([^\"]+)\"");
    private static final Set<String> LIBRARIES = Set.of("/static/cytoscape.js", "/static/dagre.js");

    /** HelloWorldApp "hello" writes "Hello Web" into FileDROP "file". */
    private static final String HELLO = """
            [{"oid": "hello", "categoryType": "Application", "dropclass": "dlg.apps.simple.HelloWorldApp",
              "greet": "Web", "outputs": ["file"]},
             {"oid": "file", "categoryType": "Data", "dropclass": "dlg.data.drops.file.FileDROP",
              "filepath": "hello.txt", "producers": ["hello"]}]
            """;

    @TempDir
    Path dlgRoot;

    private NodeManagerService nm;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void startAndRunAGraph() throws Exception {
        nm = NodeManagerService.start(NodeManagerService.Config.local(dlgRoot), WebUi::forNodeManager);
        assertThat(post("/api/sessions", "application/json", "{\"sessionId\": \"s1\"}").statusCode()).isEqualTo(200);
        assertThat(post("/api/sessions/s1/graph/append", "application/json", HELLO).statusCode()).isEqualTo(200);
        assertThat(post("/api/sessions/s1/deploy", "application/x-www-form-urlencoded", "completed=hello")
                .statusCode()).isEqualTo(200);
        await().atMost(END).until(() -> text(get("/api/sessions/s1/status")).equals("4"));
    }

    @AfterEach
    void stop() {
        nm.close();
    }

    @Test
    void pages_areUtf8HtmlWithAContentLength() throws Exception {
        for (String page : PAGES) {
            HttpResponse<byte[]> r = get(page);
            assertThat(r.statusCode()).as(page).isEqualTo(200);
            assertUtf8(page, r, "text/html");
            assertHasContentLength(page, r);
            assertThat(text(r)).as(page).startsWith("<!doctype html>").contains("NodeManager");
        }
    }

    @Test
    void pages_referenceOnlyLocalResources_eachServedWithAContentLength() throws Exception {
        Set<String> scripts = new LinkedHashSet<>();
        for (String page : PAGES) {
            String html = text(get(page));
            assertNoExternalUrl(page, html);
            for (String ref : matches(REFERENCE, html)) {
                assertThat(ref).as(page).matches(u -> u.equals("data:,") || u.startsWith("/") && !u.startsWith("//"));
                if (ref.startsWith("/static/")) {
                    scripts.add(ref);
                }
            }
        }
        assertThat(scripts).contains("/static/dlg.css", "/static/sessions.js", "/static/session.js",
                "/static/drop-log.js");
        Deque<String> todo = new ArrayDeque<>(scripts); // and every module those scripts import
        Set<String> served = new LinkedHashSet<>();
        while (!todo.isEmpty()) {
            String path = todo.pop();
            if (!served.add(path)) {
                continue;
            }
            HttpResponse<byte[]> r = get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertHasContentLength(path, r);
            assertUtf8(path, r, path.endsWith(".css") ? "text/css" : "text/javascript");
            if (!LIBRARIES.contains(path)) { // the WebJars' sources cite web pages in comments
                assertNoExternalUrl(path, text(r));
            }
            matches(IMPORT, text(r)).forEach(m -> todo.add("/static/" + m));
        }
        assertThat(served).contains("/static/dlg.js", "/static/states.js", "/static/live.js", "/static/graph.js",
                "/static/cytoscape.js");
        HttpResponse<byte[]> dagre = get("/static/dagre.js"); // loaded by graph.js as a classic script
        assertThat(dagre.statusCode()).isEqualTo(200);
        assertThat(text(dagre)).contains("dagre");
    }

    @Test
    void dropLogPage_leavesTheDataDownloadToTheManager() throws Exception {
        HttpResponse<byte[]> data = get("/sessions/s1/graph/drop/data/file");
        assertThat(data.statusCode()).isEqualTo(200);
        assertThat(data.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
        assertThat(text(data)).isEqualTo("Hello Web");

        assertUtf8("log page", get("/sessions/s1/graph/drop/file"), "text/html");
        assertUtf8("log page of a drop called data", get("/sessions/s1/graph/drop/data"), "text/html");
    }

    @Test
    void staticFile_notOneOfTheUisFiles_is404WithAnErrorBody() throws Exception {
        for (String path : List.of("/static/nope.js", "/static/session.html", "/static/WebUi.class")) {
            HttpResponse<byte[]> r = get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertHasContentLength(path, r);
            assertThat(text(r)).as(path).contains("\"type\"").doesNotContain("<html");
        }
    }

    // ---- Helpers ----

    private static void assertHasContentLength(String path, HttpResponse<byte[]> r) {
        assertThat(r.headers().firstValueAsLong("Content-Length")).as("Content-Length of " + path)
                .hasValue(r.body().length);
    }

    /** Jetty writes the type as {@code text/html;charset=utf-8}: compare its parts. */
    private static void assertUtf8(String path, HttpResponse<byte[]> r, String mediaType) {
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        List<String> parts = Arrays.stream(r.headers().firstValue("Content-Type").orElse("").split(";"))
                .map(p -> p.strip().toLowerCase(Locale.ROOT)).toList();
        assertThat(parts).as("Content-Type of " + path).containsExactly(mediaType, "charset=utf-8");
    }

    private static void assertNoExternalUrl(String what, String text) {
        String withoutNamespaces = text.replace("\"http://www.w3.org/2000/svg\"", ""); // a name, never fetched
        assertThat(withoutNamespaces).as(what).doesNotContain("http://", "https://", "url(");
    }

    private static List<String> matches(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.results().map(r -> r.group(1)).toList();
    }

    private HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<byte[]> post(String path, String type, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + nm.restPort() + path);
    }

    private static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }
}
