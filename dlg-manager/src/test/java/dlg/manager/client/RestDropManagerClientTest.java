package dlg.manager.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dlg.core.error.InvalidGraphException;
import dlg.core.error.NoSessionException;
import dlg.core.error.RestClientException;
import dlg.core.graph.DropSpec;
import dlg.core.graph.GraphReader;
import dlg.core.graph.ParsedGraph;
import dlg.core.state.SessionState;
import dlg.manager.DropData;
import dlg.manager.DropRel;
import dlg.manager.SessionSummary;
import dlg.manager.client.TestingHttpServer.Reply;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client against a hand-written server: what goes on the wire, and every way a call can fail. */
class RestDropManagerClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RestDropManagerClient.Options FAST = new RestDropManagerClient.Options(
            Duration.ofMillis(500), Duration.ofSeconds(5), false);
    private static final String GRAPH = """
            [{"oid": "A", "uid": "A-uid", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP",
              "consumers": ["B"], "nan": NaN},
             {"oid": "B", "categoryType": "Application", "dropclass": "dlg.apps.simple.SleepApp", "sleep_time": 0}]
            """;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    private TestingHttpServer server(Reply reply) throws Exception {
        TestingHttpServer s = TestingHttpServer.answering(reply);
        open.add(s);
        return s;
    }

    private static RestDropManagerClient client(int port, RestDropManagerClient.Options options) {
        return new RestDropManagerClient(RestDropManagerClient.httpClient(Duration.ofSeconds(2)), "127.0.0.1", port,
                options);
    }

    // ---- On the wire ----

    @Test
    void createSession_sendsTheIdAsJson() throws Exception {
        TestingHttpServer s = server(Reply.json(200, "{\"sessionId\": \"s1\"}"));

        client(s.port(), FAST).createSession("s1");

        var r = s.lastRequest();
        assertThat(r.method() + " " + r.path()).isEqualTo("POST /api/sessions");
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        assertThat(JSON.readTree(r.body())).isEqualTo(JSON.readTree("{\"sessionId\": \"s1\"}"));
    }

    @Test
    void sessionStatus_idWithSpaceAndPlus_encodedAsOnePathSegment() throws Exception {
        TestingHttpServer s = server(Reply.json(200, "3"));

        SessionState state = client(s.port(), FAST).sessionStatus("a b+c");

        assertThat(state).isEqualTo(SessionState.RUNNING);
        assertThat(s.lastRequest().path()).isEqualTo("/api/sessions/a%20b%2Bc/status");
    }

    @Test
    void addGraphSpec_part_streamedAsAChunkedJsonListThatReadsBackTheSame() throws Exception {
        TestingHttpServer s = server(Reply.success());
        ParsedGraph part = GraphReader.read(GRAPH);

        client(s.port(), FAST).addGraphSpec("s1", part);

        var r = s.lastRequest();
        assertThat(r.path()).isEqualTo("/api/sessions/s1/graph/append");
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        assertThat(r.header("Transfer-Encoding")).isEqualTo("chunked");
        assertThat(r.header("Content-Encoding")).isNull();
        assertThat(GraphReader.read(new ByteArrayInputStream(r.body())).drops()).isEqualTo(part.drops());
    }

    @Test
    void addGraphSpec_compressed_zlibStreamLabelledDeflate() throws Exception {
        TestingHttpServer s = server(Reply.success());
        ParsedGraph part = GraphReader.read(GRAPH);

        client(s.port(), new RestDropManagerClient.Options(FAST.requestTimeout(), FAST.graphTimeout(), true))
                .addGraphSpec("s1", part);

        var r = s.lastRequest();
        assertThat(r.header("Content-Encoding")).isEqualTo("deflate");
        assertThat(r.body()[0]).isEqualTo((byte) 0x78); // a zlib header, as DALiuGE's client sends
        try (InputStream in = new InflaterInputStream(new ByteArrayInputStream(r.body()))) {
            assertThat(GraphReader.read(in).drops()).isEqualTo(part.drops());
        }
    }

    @Test
    void addGraphSpec_manyDrops_allArrive() throws Exception {
        TestingHttpServer s = server(Reply.success());
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < 20_000; i++) {
            json.append(i == 0 ? "" : ",").append("{\"oid\": \"d").append(i)
                    .append("\", \"categoryType\": \"Data\", \"dropclass\": \"dlg.data.drops.memory.InMemoryDROP\"}");
        }
        ParsedGraph part = GraphReader.read(json.append("]").toString());

        client(s.port(), FAST).addGraphSpec("s1", part);

        assertThat(GraphReader.read(new ByteArrayInputStream(s.lastRequest().body())).drops()).hasSize(20_000);
    }

    @Test
    void addGraphSpec_partCannotBeWritten_throwsThatFailureNotATransportError() throws Exception {
        TestingHttpServer s = server(Reply.success());
        DropSpec a = GraphReader.read(GRAPH).drops().getFirst();
        Object unwritable = new Object() {
            @Override
            public String toString() {
                throw new IllegalStateException("no text for this value");
            }
        };
        DropSpec broken = new DropSpec(a.oid(), a.uid(), a.category(), a.dropClass(), null, null, null, List.of(),
                Map.of("x", unwritable), Map.of());

        assertThatThrownBy(() -> client(s.port(), FAST).addGraphSpec("s1", ParsedGraph.of(List.of(broken))))
                .isInstanceOf(IllegalStateException.class).hasMessage("no text for this value");
    }

    @Test
    void deploySession_completedUids_formFieldCommaSeparated() throws Exception {
        TestingHttpServer s = server(Reply.success());

        client(s.port(), FAST).deploySession("s1", List.of("A-uid", "D"));

        var r = s.lastRequest();
        assertThat(r.path()).isEqualTo("/api/sessions/s1/deploy");
        assertThat(r.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(r.text()).isEqualTo("completed=A-uid%2CD");
    }

    @Test
    void deploySession_nothingCompleted_emptyBody() throws Exception {
        TestingHttpServer s = server(Reply.success());

        client(s.port(), FAST).deploySession("s1", List.of());

        assertThat(s.lastRequest().body()).isEmpty();
    }

    @Test
    void addNodeSubscriptions_relationsByNode_daliugesTriples() throws Exception {
        TestingHttpServer s = server(Reply.success());
        Map<String, List<DropRel>> rels = new LinkedHashMap<>();
        rels.put("n2:8000:5555:6666", List.of(new DropRel("B", 0, "A"), new DropRel("A", 5, "B")));

        client(s.port(), FAST).addNodeSubscriptions("s1", rels);

        var r = s.lastRequest();
        assertThat(r.path()).isEqualTo("/api/sessions/s1/subscriptions");
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        assertThat(JSON.readTree(r.body())).isEqualTo(JSON.readTree(
                "{\"n2:8000:5555:6666\": [[\"B\", 0, \"A\"], [\"A\", 5, \"B\"]]}"));
    }

    @Test
    void trigger_uids_jsonList() throws Exception {
        TestingHttpServer s = server(Reply.success());

        client(s.port(), FAST).trigger("s1", List.of("A-uid"));

        assertThat(JSON.readTree(s.lastRequest().body())).isEqualTo(JSON.readTree("[\"A-uid\"]"));
    }

    @Test
    void graphStatus_reply_eachDropToTheSink() throws Exception {
        TestingHttpServer s = server(Reply.json(200,
                "{\"B\": {\"execStatus\": 2, \"status\": 2}, \"A\": {\"status\": 2}}"));
        List<String> seen = new ArrayList<>();

        client(s.port(), FAST).graphStatus("s1", (oid, status, exec) -> seen.add(oid + " " + status + " " + exec));

        assertThat(seen).containsExactly("B 2 2", "A 2 -1");
    }

    @Test
    void sessions_reply_summaries() throws Exception {
        TestingHttpServer s = server(Reply.json(200, "[{\"sessionId\": \"s1\", \"status\": 4, \"size\": 2}]"));

        assertThat(client(s.port(), FAST).sessions())
                .containsExactly(new SessionSummary("s1", SessionState.FINISHED, 2));
    }

    @Test
    void graph_reply_readAsItArrives() throws Exception {
        TestingHttpServer s = server(Reply.json(200, "{\"A\": {\"oid\": \"A\"}, \"B\": {\"oid\": \"B\"}}"));

        JsonNode graph = client(s.port(), FAST).graph("s1", p -> JSON.readTree(p));

        assertThat(graph.fieldNames()).toIterable().containsExactly("A", "B");
    }

    @Test
    void dropData_download_nameLengthAndBytes() throws Exception {
        TestingHttpServer s = server(new Reply(200, "application/octet-stream", "Hello",
                "Content-Disposition", "attachment; filename=\"hello.txt\""));

        try (DropData data = client(s.port(), FAST).dropData("s1", "file")) {
            assertThat(data.fileName()).isEqualTo("hello.txt");
            assertThat(data.length()).isEqualTo(5);
            assertThat(new String(data.stream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("Hello");
        }
        assertThat(s.lastRequest().path()).isEqualTo("/sessions/s1/graph/drop/data/file");
    }

    // ---- Failures ----

    @Test
    void sessionStatus_noSessionReply_throwsNoSessionException() throws Exception {
        TestingHttpServer s = server(Reply.json(404, "{\"type\": \"NoSessionException\", \"args\": [\"s1\"]}"));

        assertThatThrownBy(() -> client(s.port(), FAST).sessionStatus("s1"))
                .isInstanceOf(NoSessionException.class).hasMessage("no session with id 's1'");
    }

    @Test
    void addGraphSpec_invalidGraphReply_throwsItWithTheProblemText() throws Exception {
        TestingHttpServer s = server(Reply.json(400,
                "{\"type\": \"InvalidGraphException\", \"args\": [\"Invalid graph: drop 'B': duplicate oid\"]}"));

        assertThatThrownBy(() -> client(s.port(), FAST).addGraphSpec("s1", GraphReader.read(GRAPH)))
                .isInstanceOf(InvalidGraphException.class).hasMessage("Invalid graph: drop 'B': duplicate oid");
    }

    @Test
    void cancelSession_htmlErrorPage_restClientExceptionNamingNodeAndStatus() throws Exception {
        TestingHttpServer s = server(new Reply(502, "text/html", "<html><h1>Bad Gateway</h1></html>"));

        assertThatThrownBy(() -> client(s.port(), FAST).cancelSession("s1"))
                .isInstanceOf(RestClientException.class)
                .hasMessage("127.0.0.1:" + s.port() + ": status 502 with a non-JSON body "
                        + "'<html><h1>Bad Gateway</h1></html>' (POST /api/sessions/s1/cancel)");
    }

    @Test
    void sessionStatus_answerIsNotAState_restClientException() throws Exception {
        TestingHttpServer s = server(Reply.json(200, "{\"Status\": \"Success\"}"));

        assertThatThrownBy(() -> client(s.port(), FAST).sessionStatus("s1"))
                .isInstanceOf(RestClientException.class)
                .hasMessage("127.0.0.1:" + s.port() + ": answered with unexpected JSON: did not expect "
                        + "{\"Status\":\"Success\"} (GET /api/sessions/s1/status)");
    }

    @Test
    void graphSize_answerIsNotJson_restClientException() throws Exception {
        TestingHttpServer s = server(new Reply(200, "text/html", "<html>"));

        assertThatThrownBy(() -> client(s.port(), FAST).graphSize("s1"))
                .isInstanceOf(RestClientException.class)
                .hasMessageStartingWith("127.0.0.1:" + s.port() + ": answered with unexpected JSON");
    }

    @Test
    void sessions_serverAcceptsButNeverAnswers_restClientExceptionWithinTheTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            long start = System.nanoTime();

            assertThatThrownBy(() -> client(silent.getLocalPort(), FAST).sessions())
                    .isInstanceOf(RestClientException.class)
                    .hasMessage("127.0.0.1:" + silent.getLocalPort() + ": no answer within 0.5 s (GET /api/sessions)");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void createSession_nothingListens_restClientExceptionConnectionRefused() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }

        assertThatThrownBy(() -> client(port, FAST).createSession("s1"))
                .isInstanceOf(RestClientException.class)
                .hasMessage("127.0.0.1:" + port + ": cannot connect: connection refused (POST /api/sessions)");
    }

    @Test
    void options_zeroTimeout_isRefused() {
        assertThatThrownBy(() -> new RestDropManagerClient.Options(Duration.ZERO, Duration.ofSeconds(1), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("requestTimeout must be positive: PT0S");
    }
}
