package dlg.manager.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dlg.core.codec.Npy;
import dlg.core.runtime.ExecutionOptions;
import dlg.manager.service.NodeManagerService;
import dlg.manager.rest.WireClient.Reply;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every NodeManager route over a real socket, spoken exactly as DALiuGE's Python client speaks
 * (probe connections, chunked JSON, zlib graphs labelled gzip, form deploys), checking bodies,
 * status codes and error bodies.
 */
class NodeManagerApiIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration END = Duration.ofSeconds(30);

    /** HelloWorldApp "hello" writes "Hello Wire" into FileDROP "file" (hello.txt). */
    static final String HELLO = """
            [{"oid": "hello", "categoryType": "Application", "dropclass": "dlg.apps.simple.HelloWorldApp",
              "greet": "Wire", "outputs": ["file"]},
             {"oid": "file", "categoryType": "Data", "dropclass": "dlg.data.drops.file.FileDROP",
              "filepath": "hello.txt", "producers": ["hello"]}, {}]
            """;

    /** Root "in" (uid in-uid) feeds CopyApp "copy" writing memory drop "out". */
    static final String COPY = """
            [{"oid": "in", "uid": "in-uid", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP",
              "pydata": "abc", "consumers": ["copy"]},
             {"oid": "copy", "categoryType": "Application", "dropclass": "dlg.apps.simple.CopyApp", "outputs": ["out"]},
             {"oid": "out", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP",
              "expireAfterUse": false}]
            """;

    static final String LONG_SLEEP = """
            [{"oid": "sleep", "categoryType": "Application", "dropclass": "dlg.apps.simple.SleepApp",
              "sleep_time": 600, "outputs": ["slept"]},
             {"oid": "slept", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP"}]
            """;

    @TempDir
    Path dlgRoot;

    private NodeManagerService nm;
    private WireClient client;

    @BeforeEach
    void start() {
        NodeManagerService.Config local = NodeManagerService.Config.local(dlgRoot);
        nm = NodeManagerService.start(new NodeManagerService.Config(local.host(), 0, 0, 0, dlgRoot, 64 * 1024,
                2, ExecutionOptions.DEFAULT, local.apps(), Map.of()));
        client = new WireClient(nm.restPort());
    }

    @AfterEach
    void stop() {
        nm.close();
    }

    // ---- The happy path, route by route ----

    @Test
    void sessionLifecycle_pythonClientWireFormat_everyRouteAnswersAsDaliuge() throws Exception {
        assertThat(json(client.postJson("/api/sessions", "{\"sessionId\": \"s1\"}"), 200)).isEqualTo(
                JSON.readTree("{\"sessionId\": \"s1\"}"));
        assertThat(json(client.get("/api/sessions"), 200)).isEqualTo(
                JSON.readTree("[{\"sessionId\": \"s1\", \"status\": 0, \"size\": 0}]"));
        assertThat(json(client.get("/api/sessions/s1/status"), 200).asInt()).isZero();

        assertSuccess(client.postGraph("/api/sessions/s1/graph/append", HELLO));
        assertThat(json(client.get("/api/sessions/s1/status"), 200).asInt()).isEqualTo(1);
        assertThat(json(client.get("/api/sessions/s1/graph/size"), 200).asInt()).isEqualTo(2);
        JsonNode graph = json(client.get("/api/sessions/s1/graph"), 200);
        assertThat(graph.fieldNames()).toIterable().containsExactly("hello", "file");
        assertThat(graph.get("hello").get("dropclass").asText()).isEqualTo("dlg.apps.simple.HelloWorldApp");
        assertThat(graph.get("hello").get("greet").asText()).isEqualTo("Wire");
        assertThat(graph.get("file").get("producers").get(0).asText()).isEqualTo("hello");

        assertError(client.get("/api/sessions/s1/graph/status"), 400, "InvalidSessionState");

        assertSuccess(client.postForm("/api/sessions/s1/deploy", Map.of("completed", "hello")));
        awaitStatus("s1", 4);

        assertThat(json(client.get("/api/sessions/s1/graph/status"), 200)).isEqualTo(JSON.readTree(
                "{\"hello\": {\"execStatus\": 2, \"status\": 2}, \"file\": {\"status\": 2}}"));
        Path dir = dlgRoot.resolve("workspace").resolve("s1");
        assertThat(json(client.get("/api/sessions/s1/dir"), 200)).isEqualTo(
                JSON.createObjectNode().put("dir", dir.toString()));
        JsonNode info = json(client.get("/api/sessions/s1"), 200);
        assertThat(info.get("status").asInt()).isEqualTo(4);
        assertThat(info.get("graph").fieldNames()).toIterable().containsExactly("hello", "file");
        assertThat(info.get("dir").get("dir").asText()).isEqualTo(dir.toString());

        assertThat(json(client.get("/api/sessions/s1/graph/drop/data/file"), 200).get("filepath").asText())
                .isEqualTo(dir.resolve("hello.txt").toString());
        Reply download = client.get("/sessions/s1/graph/drop/data/file");
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.text()).isEqualTo("Hello Wire");
        assertThat(download.header("Content-Disposition")).contains("hello.txt");
        assertThat(Files.readString(dir.resolve("hello.txt"))).isEqualTo("Hello Wire");

        assertThat(json(client.get("/api"), 200)).isEqualTo(JSON.readTree(
                "{\"sessions\": [{\"sessionId\": \"s1\", \"status\": 4, \"size\": 2}]}"));
        assertSuccess(client.delete("/api/sessions/s1"));
        assertError(client.get("/api/sessions/s1/status"), 404, "NoSessionException");
        assertThat(json(client.get("/api/sessions"), 200)).isEmpty();
    }

    @Test
    void trigger_rootByUidAfterEmptyDeploy_runsTheGraph() throws Exception {
        create("t");
        assertSuccess(client.postGraph("/api/sessions/t/graph/append", COPY));
        assertSuccess(client.post("/api/sessions/t/deploy"));
        assertThat(json(client.get("/api/sessions/t/status"), 200).asInt()).isEqualTo(3);
        assertSuccess(client.postJson("/api/sessions/t/trigger", "[\"in-uid\"]"));
        awaitStatus("t", 4);
        Reply out = client.get("/sessions/t/graph/drop/data/out");
        assertThat(out.status()).isEqualTo(200);
        assertThat(out.body()).isNotEmpty();
    }

    @Test
    void link_twoUnlinkedDrops_joinsThemAndTheGraphRuns() throws Exception {
        create("l");
        assertSuccess(client.postGraph("/api/sessions/l/graph/append", """
                [{"oid": "a", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP"},
                 {"oid": "b", "categoryType": "Application", "dropclass": "dlg.apps.simple.NullBarrierApp"}]
                """));
        assertError(client.postForm("/api/sessions/l/graph/link", Map.of("lhOID", "a", "rhOID", "zz", "linkType", "0")),
                400, caught("InvalidGraphException"));
        assertError(client.postForm("/api/sessions/l/graph/link", Map.of("lhOID", "a", "rhOID", "b", "linkType", "9")),
                400, "DaliugeException");
        assertError(client.postForm("/api/sessions/l/graph/link", Map.of("lhOID", "a", "rhOID", "b", "linkType", "5")),
                400, caught("InvalidGraphException")); // a data drop cannot declare inputs
        assertSuccess(client.postForm("/api/sessions/l/graph/link", Map.of("lhOID", "a", "rhOID", "b", "linkType", "0")));
        assertThat(json(client.get("/api/sessions/l/graph"), 200).get("a").get("consumers").get(0).asText())
                .isEqualTo("b");
        assertSuccess(client.postForm("/api/sessions/l/deploy", Map.of("completed", "a")));
        awaitStatus("l", 4);
        assertError(client.postForm("/api/sessions/l/graph/link", Map.of("lhOID", "a", "rhOID", "b", "linkType", "0")),
                400, caught("InvalidSessionState"));
    }

    @Test
    void logs_finishedSession_downloadsItsOwnLogFile() throws Exception {
        create("lg");
        assertSuccess(client.postGraph("/api/sessions/lg/graph/append", HELLO));
        assertSuccess(client.postForm("/api/sessions/lg/deploy", Map.of("completed", "hello")));
        awaitStatus("lg", 4);
        await().atMost(END).untilAsserted(() -> {
            Reply log = client.get("/api/sessions/lg/logs");
            assertThat(log.status()).isEqualTo(200);
            assertThat(log.header("Content-Disposition")).contains("dlg_").contains("_lg.log");
            assertThat(log.text()).contains("switched from RUNNING to FINISHED").doesNotContain("session s1");
        });
    }

    @Test
    void dropStatus_failedApp_showsItsLogEntries() throws Exception {
        create("fl");
        assertSuccess(client.postGraph("/api/sessions/fl/graph/append", """
                [{"oid": "fail", "categoryType": "Application", "dropclass": "dlg.apps.bash_shell_app.BashShellApp",
                  "command": "echo broken-on-purpose >&2; exit 3", "outputs": ["never"]},
                 {"oid": "never", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP"}]
                """));
        assertSuccess(client.postForm("/api/sessions/fl/deploy", Map.of("completed", "fail")));
        awaitStatus("fl", 6);
        JsonNode drop = json(client.get("/api/sessions/fl/graph/drop/fail"), 200);
        assertThat(drop.get("session").asText()).isEqualTo("fl");
        assertThat(drop.get("status").asInt()).isEqualTo(6);
        assertThat(drop.get("oid").asText()).isEqualTo("fail");
        assertThat(drop.get("logs")).isNotEmpty();
        JsonNode last = drop.get("logs").get(drop.get("logs").size() - 1);
        assertThat(last.fieldNames()).toIterable()
                .containsExactly("time", "Level", "Module", "Function/Method", "Line #", "Message");
        assertThat(drop.get("logs").toString()).contains("broken-on-purpose");
        assertThat(json(client.get("/api/sessions/fl/graph/drop/never"), 200).get("logs")).isEmpty();
        assertError(client.get("/api/sessions/fl/graph/drop/ghost"), 404, "NoDropException");
    }

    // ---- Reproducibility ----

    /** DALiuGE's test_rest.py graph: one memory drop "a" with its translator hashes, and the graph's element. */
    private static final String DALIUGE_REPRO_GRAPH = """
            [{"categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP", "oid": "a",
              "reprodata": {"rmode": "1", "RERUN": {"lg_blockhash": "x", "pgt_blockhash": "y", "pg_blockhash": "z"}}},
             {"rmode": "1", "meta_data": {"repro_protocol": 0.1, "hashing_alg": "_sha3.sha3_256"},
              "merkleroot": "a", "RERUN": {"signature": "b"}}]
            """;

    private static final String DALIUGE_PLAIN_GRAPH = """
            [{"categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP", "oid": "a"}]
            """;

    /**
     * DALiuGE's test_reprodata_get, read right after deploy as its client does. The expected reply
     * is what DALiuGE's own {@code init_runtime_repro_data} (run outside the project with python3,
     * the drop's event simulated as drop.py makes it) returns for this graph.
     */
    @Test
    void reproData_daliugeTestGraph_readRightAfterDeploy_isDaliugesReply() throws Exception {
        create("1234");
        assertSuccess(client.postGraph("/api/sessions/1234/graph/append", DALIUGE_REPRO_GRAPH));
        assertSuccess(client.postForm("/api/sessions/1234/deploy", Map.of("completed", "a")));

        JsonNode reply = json(client.get("/api/sessions/1234/repro/data"), 200);

        assertThat(reply.get("graph").get("a").get("reprodata").get("RERUN").get("rg_blockhash").isNull()).isFalse();
        String element = """
                {"rmode": "1", "meta_data": {"repro_protocol": 0.1, "hashing_alg": "_sha3.sha3_256"}, "merkleroot": "a",
                 "RERUN": {"signature": "706d44f4edf1e9ab5602754ae169230c36b493664c61a1ae989e7f249c790553"}}""";
        assertThat(reply).isEqualTo(JSON.readTree("""
                {"graph": {"a": {"categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP", "oid": "a",
                                 "reprodata": {"rmode": "1",
                                               "RERUN": {"lg_blockhash": "x", "pgt_blockhash": "y", "pg_blockhash": "z",
                                                         "rg_parenthashes": {},
                                                         "rg_blockhash": "a2a5f615bd6a0508d579ee9dfff7ecdeb1b5260e97baf9c4c68e0e7eec8fdb46"},
                                               "rg_data": {"status": 2,
                                                           "merkleroot": "689fcf0d74c42200bef177db545adc43c135dfb0d7dc85b166db3af1dcded235"}}},
                           "reprodata": %s},
                 "reprodata": %s}
                """.formatted(element, element)));
        assertSuccess(client.delete("/api/sessions/1234"));

        create("1234");
        assertSuccess(client.postGraph("/api/sessions/1234/graph/append", DALIUGE_PLAIN_GRAPH));
        assertSuccess(client.postForm("/api/sessions/1234/deploy", Map.of("completed", "a")));

        JsonNode plain = json(client.get("/api/sessions/1234/repro/data"), 200);

        assertThat(plain.get("graph")).isEqualTo(JSON.readTree("""
                {"a": {"oid": "a", "dropclass": "dlg.data.drops.memory.InMemoryDROP", "categoryType": "Data"}}"""));
        assertThat(plain.get("reprodata")).isEqualTo(JSON.readTree("{}"));
    }

    /** DALiuGE's test_reprostatus_get: true right after deploy, with reprodata and without. */
    @Test
    void reproStatus_daliugeTestGraphs_trueRightAfterDeploy() throws Exception {
        for (String graph : List.of(DALIUGE_REPRO_GRAPH, DALIUGE_PLAIN_GRAPH)) {
            create("1234");
            assertSuccess(client.postGraph("/api/sessions/1234/graph/append", graph));
            assertSuccess(client.postForm("/api/sessions/1234/deploy", Map.of("completed", "a")));

            assertThat(json(client.get("/api/sessions/1234/repro/status"), 200).asBoolean()).isTrue();

            assertSuccess(client.delete("/api/sessions/1234"));
        }
    }

    @Test
    void repro_beforeDeploy_statusFalseAndDataNull() throws Exception {
        create("early");
        assertSuccess(client.postGraph("/api/sessions/early/graph/append", DALIUGE_REPRO_GRAPH));

        assertThat(json(client.get("/api/sessions/early/repro/status"), 200).asBoolean()).isFalse();
        JsonNode data = json(client.get("/api/sessions/early/repro/data"), 200);
        assertThat(data.get("reprodata").isNull()).isTrue();
        assertThat(data.get("graph").get("a").get("reprodata").has("rg_data")).isFalse();
    }

    /** Under ALL, REPRODUCE's runtime data of a memory drop is the SHA3-256 of what the app wrote. */
    @Test
    void reproData_allModes_dataHashIsTheContentsSha3() throws Exception {
        String hashes = "\"lg_blockhash\": \"l\", \"pgt_blockhash\": \"t\", \"pg_blockhash\": \"p\"";
        StringBuilder modes = new StringBuilder("\"rmode\": \"-1\"");
        StringBuilder element = new StringBuilder("{\"rmode\": \"-1\"");
        for (String m : List.of("RERUN", "REPEAT", "RECOMPUTE", "REPRODUCE", "REPLICATE_SCI", "REPLICATE_COMP",
                "REPLICATE_TOTAL")) {
            modes.append(", \"").append(m).append("\": {").append(hashes)
                    .append(", \"pgt_data\": {\"categoryType\": \"Data\"}}");
            element.append(", \"").append(m).append("\": {}");
        }
        String graph = """
                [{"oid": "hello", "categoryType": "Application", "dropclass": "dlg.apps.simple.HelloWorldApp",
                  "greet": "Wire", "outputs": ["out"], "reprodata": {%s}},
                 {"oid": "out", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP",
                  "producers": ["hello"], "reprodata": {%s}}, %s}]
                """.formatted(modes, modes, element);
        create("all");
        assertSuccess(client.postGraph("/api/sessions/all/graph/append", graph));
        assertSuccess(client.postForm("/api/sessions/all/deploy", Map.of("completed", "hello")));
        awaitStatus("all", 4);

        JsonNode data = json(client.get("/api/sessions/all/repro/data"), 200);

        // hashlib.sha3_256(b"Hello Wire").hexdigest()
        assertThat(data.at("/graph/out/reprodata/REPRODUCE/rg_data/data_hash").asText())
                .isEqualTo("b844e3ddef1494096fad672c0923138b47ca6c98ba9f2e547849a0579705e94e");
        assertThat(data.at("/graph/hello/reprodata/REPRODUCE/rg_data/merkleroot").isNull()).isTrue();
        assertThat(data.at("/reprodata/REPLICATE_TOTAL/signature").asText()).hasSize(64);
        assertThat(data.at("/graph/reprodata")).isEqualTo(data.get("reprodata"));
    }

    @Test
    void cancel_runningSession_isCancelled() throws Exception {
        create("c");
        assertSuccess(client.postGraph("/api/sessions/c/graph/append", LONG_SLEEP));
        assertSuccess(client.postForm("/api/sessions/c/deploy", Map.of("completed", "sleep")));
        assertSuccess(client.post("/api/sessions/c/cancel"));
        awaitStatus("c", 5);
        assertThat(json(client.get("/api/sessions/c/graph/status"), 200).get("sleep").get("execStatus").asInt())
                .isEqualTo(4);
    }

    @Test
    void simpleBranch_falseResult_sessionFinishesWithTheTrueBranchSkipped() throws Exception {
        create("br");
        assertSuccess(client.postGraph("/api/sessions/br/graph/append", """
                [{"oid": "b", "categoryType": "Application", "dropclass": "dlg.apps.simple.SimpleBranch",
                  "applicationArgs": {"result": {"value": false, "usage": "NoPort"}},
                  "outputs": [{"yes": "true"}, {"no": "false"}]},
                 {"oid": "yes", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP",
                  "consumers": ["t"]},
                 {"oid": "no", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP",
                  "consumers": ["f"]},
                 {"oid": "t", "categoryType": "Application", "dropclass": "dlg.apps.simple.NullBarrierApp",
                  "outputs": ["t-out"]},
                 {"oid": "t-out", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP"},
                 {"oid": "f", "categoryType": "Application", "dropclass": "dlg.apps.simple.NullBarrierApp",
                  "outputs": ["f-out"]},
                 {"oid": "f-out", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP"}]
                """));
        assertSuccess(client.postForm("/api/sessions/br/deploy", Map.of("completed", "b")));
        awaitStatus("br", 4);

        JsonNode status = json(client.get("/api/sessions/br/graph/status"), 200);
        assertThat(status.get("b").get("execStatus").asInt()).isEqualTo(2);
        assertThat(status.get("f").get("execStatus").asInt()).isEqualTo(2);
        assertThat(status.get("f-out").get("status").asInt()).isEqualTo(2);
        for (String skipped : List.of("yes", "t-out")) {
            assertThat(status.get(skipped).get("status").asInt()).as(skipped).isEqualTo(7);
        }
        assertThat(status.get("t").get("execStatus").asInt()).isEqualTo(5);
    }

    @Test
    void genericNpyGather_pickledInputs_writesTheirSumAsNpy() throws Exception {
        create("npy");
        assertSuccess(client.postGraph("/api/sessions/npy/graph/append", """
                [{"oid": "a", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP",
                  "pydata": [1, 2, 3], "consumers": ["g"]},
                 {"oid": "b", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP",
                  "pydata": 4.0, "consumers": ["g"]},
                 {"oid": "g", "categoryType": "Application", "dropclass": "dlg.apps.simple.GenericNpyGatherApp",
                  "function": "sum", "outputs": ["sum"]},
                 {"oid": "sum", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP",
                  "expireAfterUse": false}]
                """));
        assertSuccess(client.postForm("/api/sessions/npy/deploy", Map.of("completed", "a,b")));
        awaitStatus("npy", 4);

        Reply out = client.get("/sessions/npy/graph/drop/data/sum");
        assertThat(out.status()).isEqualTo(200);
        // pickles of [1, 2, 3] and 4.0: 1 + 2 + 3 + 4.0
        assertThat(Npy.read(out.body()).toValue()).isEqualTo(10.0);
    }

    @Test
    void appToApp_translatorStyleLink_laterAppRunsAfterTheEarlier() throws Exception {
        create("aa");
        assertSuccess(client.postGraph("/api/sessions/aa/graph/append", """
                [{"oid": "first", "categoryType": "Application", "dropclass": "dlg.apps.simple.SleepApp",
                  "sleep_time": 0, "outputs": [{"then": "event"}]},
                 {"oid": "then", "categoryType": "Application", "dropclass": "dlg.apps.simple.HelloWorldApp",
                  "greet": "after", "producers": [{"first": "event"}], "outputs": ["file"]},
                 {"oid": "file", "categoryType": "Data", "dropclass": "dlg.data.drops.file.FileDROP",
                  "filepath": "after.txt"}]
                """));
        assertSuccess(client.postForm("/api/sessions/aa/deploy", Map.of("completed", "first")));
        awaitStatus("aa", 4);

        JsonNode status = json(client.get("/api/sessions/aa/graph/status"), 200);
        assertThat(status.get("then").get("execStatus").asInt()).isEqualTo(2);
        assertThat(Files.readString(dlgRoot.resolve("workspace").resolve("aa").resolve("after.txt")))
                .isEqualTo("Hello after");
    }

    @Test
    void submissionMethodAndPreflight_answerAsDaliuge() throws Exception {
        assertThat(json(client.get("/api/submission_method"), 200)).isEqualTo(
                JSON.readTree("{\"methods\": [\"BROWSER\", \"SERVER\"]}"));
        assertThat(json(client.send("OPTIONS", "/api/sessions", Map.of(), null, false), 200)).isEmpty();
        create("o");
        assertThat(json(client.send("OPTIONS", "/api/sessions/o/graph/append", Map.of(), null, false), 200)).isEmpty();
    }

    @Test
    void corsHeaders_echoTheOrigin() throws IOException {
        Reply r = client.send("GET", "/api/sessions", Map.of("Origin", "http://eagle.example"), null, false);
        assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo("http://eagle.example");
        assertThat(r.header("Access-Control-Allow-Methods")).contains("POST");
    }

    @Test
    void append_realGzipAndPlainBodies_areAccepted() throws Exception {
        create("g");
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(gz)) {
            z.write(HELLO.getBytes(StandardCharsets.UTF_8));
        }
        assertSuccess(client.send("POST", "/api/sessions/g/graph/append",
                Map.of("Content-Type", "application/json", "Content-Encoding", "gzip"), gz.toByteArray(), true));
        assertSuccess(client.send("POST", "/api/sessions/g/graph/append",
                Map.of("Content-Type", "text/plain"), COPY.getBytes(StandardCharsets.UTF_8), true));
        assertThat(json(client.get("/api/sessions/g/graph/size"), 200).asInt()).isEqualTo(5);
    }

    @Test
    void graph_largerThanTheResponseBuffer_isStreamedWithItsExactLength() throws Exception {
        create("big");
        StringBuilder g = new StringBuilder("[");
        int n = 30_000; // about 5 MB of graph JSON back: over Responses.BUFFER_LIMIT
        for (int i = 0; i < n; i++) {
            g.append(i == 0 ? "" : ",").append("{\"oid\": \"data-drop-number-").append(i)
                    .append("\", \"categoryType\": \"Data\", \"dropclass\": \"dlg.data.drops.memory.InMemoryDROP\",")
                    .append(" \"note\": \"some padding to make the graph large enough\"}");
        }
        assertSuccess(client.postGraph("/api/sessions/big/graph/append", g.append("]").toString()));
        Reply reply = client.get("/api/sessions/big/graph");
        assertThat(reply.body().length).isGreaterThan(Responses.BUFFER_LIMIT);
        assertThat(json(reply, 200).size()).isEqualTo(n);
    }

    @Test
    void manySessions_concurrentClients_allRunToTheEnd() throws Exception {
        int clients = 8;
        int each = 5;
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(clients)) {
            List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        String sid = "c" + client + "-" + i;
                        create(sid);
                        assertSuccess(this.client.postGraph("/api/sessions/" + sid + "/graph/append", COPY));
                        assertSuccess(this.client.postForm("/api/sessions/" + sid + "/deploy", Map.of("completed", "in-uid")));
                        assertThat(json(this.client.get("/api/sessions"), 200).size()).isPositive();
                    }
                    return null;
                }));
            }
            for (var f : done) {
                f.get(2, java.util.concurrent.TimeUnit.MINUTES);
            }
        }
        await().atMost(END).untilAsserted(() -> assertThat(json(client.get("/api/sessions"), 200))
                .hasSize(clients * each).allSatisfy(s -> assertThat(s.get("status").asInt()).isEqualTo(4)));
    }

    // ---- Bad input: clear errors, nothing accepted is lost ----

    @Test
    void append_malformedJson_is400AndTheEarlierGraphIsKept() throws Exception {
        create("m");
        assertSuccess(client.postGraph("/api/sessions/m/graph/append", HELLO));
        Reply bad = client.postGraph("/api/sessions/m/graph/append", "[{\"oid\": \"x\", ");
        assertError(bad, 400, caught("InvalidGraphException"));
        assertThat(bad.text()).contains("malformed JSON");
        assertThat(json(client.get("/api/sessions/m/graph/size"), 200).asInt()).isEqualTo(2);
    }

    @Test
    void append_invalidGraph_is400NamingEachDrop() throws Exception {
        create("v");
        Reply r = client.postGraph("/api/sessions/v/graph/append", """
                [{"oid": "a", "categoryType": "Application", "dropclass": "no.such.App", "outputs": ["b"]},
                 {"oid": "b", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP", "consumers": ["zz"]}]
                """);
        assertError(r, 400, caught("InvalidGraphException"));
        assertThat(r.text()).contains("'a'", "no.such.App", "'b'", "zz");
        assertThat(json(client.get("/api/sessions/v/status"), 200).asInt()).isZero();
    }

    @Test
    void append_duplicateOidAcrossAppends_is400() throws Exception {
        create("d");
        assertSuccess(client.postGraph("/api/sessions/d/graph/append", HELLO));
        assertError(client.postGraph("/api/sessions/d/graph/append", HELLO), 400, caught("InvalidGraphException"));
    }

    @Test
    void append_wrongContentType_is415WithAnErrorBody() throws Exception {
        create("ct");
        Reply r = client.send("POST", "/api/sessions/ct/graph/append", Map.of("Content-Type", "image/png"),
                HELLO.getBytes(StandardCharsets.UTF_8), true);
        assertError(r, 415, "DaliugeException");
        assertThat(r.text()).contains("image/png");
    }

    @Test
    void append_afterDeploy_is400InvalidSessionState() throws Exception {
        create("late");
        assertSuccess(client.postGraph("/api/sessions/late/graph/append", COPY));
        assertSuccess(client.post("/api/sessions/late/deploy"));
        assertError(client.postGraph("/api/sessions/late/graph/append", HELLO), 400, caught("InvalidSessionState"));
    }

    @Test
    void createSession_oversizedBody_is413() throws Exception {
        String big = "{\"sessionId\": \"" + "x".repeat(100_000) + "\"}";
        Reply r = client.postJson("/api/sessions", big);
        assertError(r, 413, "DaliugeException");
        assertThat(r.text()).contains("--max-request-size");
    }

    @Test
    void createSession_badBodies_are400Or409() throws Exception {
        assertError(client.postJson("/api/sessions", "{\"sessionId\": "), 400, "DaliugeException");
        assertError(client.postJson("/api/sessions", "{\"id\": \"x\"}"), 400, "DaliugeException");
        assertError(client.postJson("/api/sessions", "{\"sessionId\": \"../escape\"}"), 400, "DaliugeException");
        assertThat(dlgRoot.resolve("escape")).doesNotExist();
        create("dup");
        Reply dup = client.postJson("/api/sessions", "{\"sessionId\": \"dup\"}");
        assertError(dup, 409, "SessionAlreadyExistsException");
        assertThat(json(dup, 409).get("args")).isEqualTo(JSON.readTree("[\"dup\"]"));
    }

    @Test
    void deploy_unknownCompletedUid_is400AndTheSessionCanStillDeploy() throws Exception {
        create("u");
        assertSuccess(client.postGraph("/api/sessions/u/graph/append", HELLO));
        Reply r = client.postForm("/api/sessions/u/deploy", Map.of("completed", "nope"));
        assertError(r, 400, caught("InvalidGraphException"));
        assertThat(r.text()).contains("nope");
        assertSuccess(client.postForm("/api/sessions/u/deploy", Map.of("completed", "hello")));
        awaitStatus("u", 4);
    }

    @Test
    void deploy_socketListenerWithAnInput_isErrorManagerCaughtExceptionNamingTheDrop() throws Exception {
        create("sock"); // DALiuGE's test_errtype: appended, then refused when deployed
        assertSuccess(client.postGraph("/api/sessions/sock/graph/append", """
                [{"categoryType": "socket", "oid": "a", "inputs": ["b"]},
                 {"oid": "b", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP"}]
                """));
        Reply r = client.post("/api/sessions/sock/deploy");
        assertError(r, 400, caught("InvalidGraphException"));
        assertThat(r.text()).contains("'a'", "takes no inputs");
        assertThat(json(client.get("/api/sessions/sock/status"), 200).asInt()).isEqualTo(6); // FAILED
    }

    @Test
    void deploy_pythonFunctionThatCannotBeImported_isErrorManagerCaughtExceptionNamingTheDrop() throws Exception {
        boolean python = new ProcessBuilder("python3", "-c", "pass").start().waitFor() == 0;
        org.junit.jupiter.api.Assumptions.assumeTrue(python, "no python3 on the PATH: skipped");
        create("py");
        assertSuccess(client.postGraph("/api/sessions/py/graph/append", """
                [{"categoryType": "Application", "oid": "f", "dropclass": "dlg.apps.pyfunc.PyFuncApp",
                  "func_name": "no_such_module.f", "outputs": ["o"]},
                 {"oid": "o", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP"}]
                """));
        Reply r = client.post("/api/sessions/py/deploy");
        assertError(r, 400, caught("InvalidGraphException"));
        assertThat(r.text()).contains("'f'", "no_such_module.f", "No module named");
    }

    @Test
    void branch_pythonConditionFalse_inputGoesToFalseAndTheTrueBranchIsSkipped() throws Exception {
        boolean python = new ProcessBuilder("python3", "-c", "pass").start().waitFor() == 0;
        org.junit.jupiter.api.Assumptions.assumeTrue(python, "no python3 on the PATH: skipped");
        create("pybr");
        assertSuccess(client.postGraph("/api/sessions/pybr/graph/append", """
                [{"oid": "a", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP",
                  "pydata": -4, "consumers": ["b"]},
                 {"oid": "b", "categoryType": "Application", "dropclass": "dlg.apps.simple.Branch",
                  "func_name": "condition", "func_code": "def condition(x):\\n    return x > 0",
                  "inputs": [{"a": "x"}], "outputs": [{"yes": "true"}, {"no": "false"}]},
                 {"oid": "yes", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP",
                  "consumers": ["t"]},
                 {"oid": "no", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP",
                  "expireAfterUse": false},
                 {"oid": "t", "categoryType": "Application", "dropclass": "dlg.apps.simple.NullBarrierApp",
                  "outputs": ["t-out"]},
                 {"oid": "t-out", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP"}]
                """));
        assertSuccess(client.postForm("/api/sessions/pybr/deploy", Map.of("completed", "a")));
        awaitStatus("pybr", 4); // FINISHED

        JsonNode status = json(client.get("/api/sessions/pybr/graph/status"), 200);
        assertThat(status.get("b").get("execStatus").asInt()).isEqualTo(2);
        assertThat(status.get("no").get("status").asInt()).isEqualTo(2);
        for (String skipped : List.of("yes", "t-out")) {
            assertThat(status.get(skipped).get("status").asInt()).as(skipped).isEqualTo(7);
        }
        assertThat(status.get("t").get("execStatus").asInt()).isEqualTo(5);
        Reply out = client.get("/sessions/pybr/graph/drop/data/no");
        assertThat(out.status()).isEqualTo(200);
        assertThat(dlg.core.codec.Pickles.loads(out.body())).isEqualTo(-4);
    }

    @Test
    void close_duringALongPythonCall_killsEveryPythonWorker() throws Exception {
        boolean python = new ProcessBuilder("python3", "-c", "pass").start().waitFor() == 0;
        org.junit.jupiter.api.Assumptions.assumeTrue(python, "no python3 on the PATH: skipped");
        java.util.Set<Long> before = pythonWorkers().stream().map(ProcessHandle::pid)
                .collect(java.util.stream.Collectors.toSet());
        create("long");
        assertSuccess(client.postGraph("/api/sessions/long/graph/append", """
                [{"categoryType": "Application", "oid": "f", "dropclass": "dlg.apps.pyfunc.PyFuncApp",
                  "func_name": "f", "func_code": "import time\\ndef f():\\n    time.sleep(600)", "outputs": ["o"]},
                 {"oid": "o", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP"}]
                """));
        assertSuccess(client.post("/api/sessions/long/deploy"));
        awaitStatus("long", 3); // RUNNING
        await().atMost(END).until(() -> pythonWorkers().stream().anyMatch(p -> !before.contains(p.pid())));
        List<ProcessHandle> ours = pythonWorkers().stream().filter(p -> !before.contains(p.pid())).toList();

        nm.close();

        for (ProcessHandle p : ours) {
            p.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
        }
        assertThat(ours).noneMatch(ProcessHandle::isAlive);
    }

    private static List<ProcessHandle> pythonWorkers() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("dlg_worker.py")).toList();
    }

    @Test
    void deploy_fileThatMustExistIsMissing_isErrorManagerCaughtExceptionNamingTheFile() throws Exception {
        create("nofile");
        Path missing = dlgRoot.resolve("does-not-exist.txt");
        assertSuccess(client.postGraph("/api/sessions/nofile/graph/append", """
                [{"categoryType": "Data", "dropclass": "dlg.data.drops.file.FileDROP", "oid": "a",
                  "filepath": "%s", "check_filepath_exists": true}]
                """.formatted(missing)));
        Reply r = client.post("/api/sessions/nofile/deploy");
        assertError(r, 400, caught("InvalidGraphException"));
        assertThat(r.text()).contains("'a'", "does-not-exist.txt");
    }

    @Test
    void trigger_unknownUidOrBadBody_isRefused() throws Exception {
        create("tr");
        assertSuccess(client.postGraph("/api/sessions/tr/graph/append", COPY));
        assertError(client.postJson("/api/sessions/tr/trigger", "[\"in-uid\"]"), 400, "InvalidSessionState");
        assertSuccess(client.post("/api/sessions/tr/deploy"));
        assertError(client.postJson("/api/sessions/tr/trigger", "[\"ghost\"]"), 409, "InvalidDropException");
        assertError(client.postJson("/api/sessions/tr/trigger", "{\"a\": 1}"), 400, "DaliugeException");
    }

    @Test
    void cancel_beforeDeploy_is400() throws Exception {
        create("cb");
        assertError(client.post("/api/sessions/cb/cancel"), 400, caught("InvalidSessionState"));
    }

    @Test
    void unknownSession_everySessionRoute_is404() throws Exception {
        for (String path : new String[] {"/api/sessions/nope", "/api/sessions/nope/status",
                "/api/sessions/nope/graph", "/api/sessions/nope/graph/size", "/api/sessions/nope/graph/status",
                "/api/sessions/nope/dir", "/api/sessions/nope/graph/drop/data/x", "/sessions/nope/graph/drop/data/x"}) {
            assertError(client.get(path), 404, "NoSessionException");
        }
        assertError(client.delete("/api/sessions/nope"), 404, "NoSessionException");
        assertError(client.post("/api/sessions/nope/deploy"), 404, "NoSessionException");
        assertError(client.post("/api/sessions/nope/cancel"), 404, "NoSessionException");
        assertError(client.postGraph("/api/sessions/nope/graph/append", HELLO), 404, "NoSessionException");
        assertError(client.postJson("/api/sessions/nope/trigger", "[]"), 404, "NoSessionException");
    }

    @Test
    void dropData_unknownDropOrApp_isRefused() throws Exception {
        create("dd");
        assertSuccess(client.postGraph("/api/sessions/dd/graph/append", HELLO));
        assertSuccess(client.postForm("/api/sessions/dd/deploy", Map.of("completed", "hello")));
        awaitStatus("dd", 4);
        assertError(client.get("/sessions/dd/graph/drop/data/..%2F..%2Fetc%2Fpasswd"), 404, "NoDropException");
        assertError(client.get("/sessions/dd/graph/drop/data/hello"), 400, "DaliugeException");
    }

    @Test
    void unknownRoute_is404WithAnErrorBody() throws Exception {
        assertError(client.get("/api/no/such/route"), 404, "NotFound");
    }

    @Test
    void stop_answersThenStopsTheServer() throws Exception {
        assertSuccess(client.post("/api/stop"));
        nm.awaitStop();
        await().atMost(END).until(() -> {
            try (var s = new java.net.Socket("127.0.0.1", nm.restPort())) {
                return false;
            } catch (IOException e) {
                return true;
            }
        });
    }

    // ---- Helpers ----

    private void create(String sid) throws IOException {
        assertThat(client.postJson("/api/sessions", "{\"sessionId\": \"" + sid + "\"}").status()).isEqualTo(200);
    }

    private void awaitStatus(String sid, int status) {
        await().atMost(END).until(() -> json(client.get("/api/sessions/" + sid + "/status"), 200).asInt() == status);
    }

    private static JsonNode json(Reply r, int status) throws IOException {
        assertThat(r.status()).as("status of a reply with body %s", r.text()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        return JSON.readTree(r.body());
    }

    private static void assertSuccess(Reply r) throws IOException {
        assertThat(json(r, 200)).isEqualTo(JSON.readTree("{\"Status\": \"Success\"}"));
    }

    private static void assertError(Reply r, int status, String type) throws IOException {
        JsonNode body = json(r, status);
        assertThat(body.get("type").asText()).as(r.text()).isEqualTo(type);
        assertThat(body.get("args").isArray()).isTrue();
    }

    /** An error raised in a session's own methods: DALiuGE's type, the precise one as its cause. */
    private static Caught caught(String causeType) {
        return new Caught(causeType);
    }

    private record Caught(String causeType) {
    }

    private static void assertError(Reply r, int status, Caught caught) throws IOException {
        assertError(r, status, "ErrorManagerCaughtException");
        JsonNode body = json(r, status);
        assertThat(body.get("args").get(0).asText()).as(r.text()).isNotBlank();
        assertThat(body.get("cause").get("type").asText()).as(r.text()).isEqualTo(caught.causeType());
        assertThat(body.get("args")).isEqualTo(body.get("cause").get("args"));
    }
}
