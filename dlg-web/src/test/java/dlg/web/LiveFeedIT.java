package dlg.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dlg.manager.service.NodeManagerService;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The live feeds over real sockets: a NodeManager's, and a DataIslandManager's made from its nodes'. */
class LiveFeedIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private TestIsland island;
    private NodeManagerService nm1;
    private Rest nm;
    private Rest dim;
    private String n1;
    private String n2;

    @BeforeEach
    void start() {
        island = new TestIsland(tmp);
        nm1 = island.nm1;
        n1 = island.n1;
        n2 = island.n2;
        nm = new Rest(nm1.restPort());
        dim = new Rest(island.dim.restPort());
    }

    @AfterEach
    void stop() throws Exception {
        island.close();
    }

    @Test
    void sessionFeed_runningSession_snapshotThenDeltasUntilItEnds() throws Exception {
        nm.submit("s", Graphs.sleep(1), "start");
        try (SseReader feed = new SseReader(nm.uri("/api/ui/sessions/s/live"))) {
            SseReader.Event first = feed.next();
            assertThat(first.name()).isEqualTo("snapshot");
            assertThat(json(first).get("summary").get("size").asInt()).isEqualTo(3);

            Set<String> seen = new HashSet<>();
            JsonNode last = json(first);
            while (!last.get("summary").get("terminal").asBoolean()) {
                SseReader.Event e = feed.next();
                assertThat(e.name()).isIn("delta", "snapshot");
                last = json(e);
                if (last.has("changes")) {
                    last.get("changes").forEach(c -> seen.add(c.get("oid").asText() + "=" + c.get("state").asText()
                            + "/" + c.get("terminal").asBoolean()));
                }
            }
            assertThat(last.get("summary").get("state").asText()).isEqualTo("finished");
            assertThat(seen).contains("sleep=finished/true", "slept=completed/false");
        }
    }

    @Test
    void sessionFeed_sessionDestroyed_saysGone() throws Exception {
        nm.submit("d", Graphs.sleep(600), "start");
        try (SseReader feed = new SseReader(nm.uri("/api/ui/sessions/d/live"))) {
            assertThat(feed.next().name()).isEqualTo("snapshot");

            HttpClient.newHttpClient().send(HttpRequest.newBuilder(nm.uri("/api/sessions/d")).DELETE().build(),
                    HttpResponse.BodyHandlers.discarding());

            SseReader.Event e = feed.next();
            while (!e.name().equals("gone")) {
                e = feed.next();
            }
            assertThat(json(e).get("sessionId").asText()).isEqualTo("d");
        }
    }

    @Test
    void sessionFeed_unknownSession_is404BeforeAnyStream() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(nm.uri("/api/ui/sessions/nope/live"))
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("NoSessionException");
    }

    @Test
    void managerFeed_newSession_isSent() throws Exception {
        try (SseReader feed = new SseReader(nm.uri("/api/ui/live"))) {
            assertThat(feed.next().name()).isEqualTo("sessions");

            nm.submit("m", Graphs.hello(), "hello");

            SseReader.Event e = feed.next();
            while (!e.data().contains("\"finished\"")) {
                e = feed.next();
            }
            assertThat(json(e).get(0).get("sessionId").asText()).isEqualTo("m");
        }
    }

    @Test
    void compositeFeed_sessionOverTwoNodes_mergesTheirFeeds() throws Exception {
        dim.submit("c", Graphs.scatter(4, n1, n2), "start");
        try (SseReader feed = new SseReader(dim.uri("/api/ui/sessions/c/live"))) {
            assertThat(feed.next().name()).isEqualTo("snapshot");
            JsonNode last;
            do {
                last = json(feed.next());
            } while (!last.get("summary").get("terminal").asBoolean()
                    || last.get("summary").get("nodes").size() != 2);
            assertThat(last.get("summary").get("state").asText()).isEqualTo("finished");
            assertThat(last.get("summary").get("size").asInt()).isEqualTo(9);
        }
        try (SseReader feed = new SseReader(dim.uri("/api/ui/live"))) {
            SseReader.Event sessions = feed.next();
            assertThat(sessions.name()).isEqualTo("sessions");
            assertThat(json(sessions).get(0).get("sessionId").asText()).isEqualTo("c");
            assertThat(feed.next().name()).isEqualTo("nodes");
        }
    }

    @Test
    void compositeFeed_nodeGoesDown_showsItInTheSummary() throws Exception {
        dim.submit("x", Graphs.sleep(600).replace("\"name\"", "\"node\": \"" + n1 + "\", \"name\""), "start");
        try (SseReader feed = new SseReader(dim.uri("/api/ui/sessions/x/live"))) {
            assertThat(feed.next().name()).isEqualTo("snapshot");

            nm1.close();

            JsonNode last;
            do {
                last = json(feed.next());
            } while (!last.get("summary").path("nodes").path(n1).path("error").asText().contains("lost"));
            assertThat(last.get("summary").get("nodes").get(n1).get("state").asText()).isEqualTo("failed");
        }
    }

    private static JsonNode json(SseReader.Event e) throws Exception {
        return JSON.readTree(e.data());
    }
}
