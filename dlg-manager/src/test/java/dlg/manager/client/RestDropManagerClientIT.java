package dlg.manager.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dlg.core.error.ErrorManagerCaughtException;
import dlg.core.error.InvalidGraphException;
import dlg.core.error.InvalidSessionState;
import dlg.core.error.NoDropException;
import dlg.core.error.NoSessionException;
import dlg.core.error.SessionAlreadyExistsException;
import dlg.core.graph.GraphReader;
import dlg.core.graph.ParsedGraph;
import dlg.core.state.SessionState;
import dlg.manager.DropData;
import dlg.manager.DropRel;
import dlg.manager.service.NodeManagerService;
import dlg.manager.SessionSummary;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against real NodeManagers: a session's whole life, errors round trip, a two-node graph. */
class RestDropManagerClientIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration END = Duration.ofSeconds(30);
    private static final RestDropManagerClient.Options COMPRESSED = new RestDropManagerClient.Options(
            Duration.ofSeconds(30), Duration.ofMinutes(2), true);

    /** HelloWorldApp "hello" writes "Hello Client" into FileDROP "file" (hello.txt). */
    private static final String HELLO = """
            [{"oid": "hello", "categoryType": "Application", "dropclass": "dlg.apps.simple.HelloWorldApp",
              "greet": "Client", "outputs": ["file"]},
             {"oid": "file", "categoryType": "Data", "dropclass": "dlg.data.drops.file.FileDROP",
              "filepath": "hello.txt", "producers": ["hello"]}, {}]
            """;

    private static final String LONG_SLEEP = """
            [{"oid": "sleep", "categoryType": "Application", "dropclass": "dlg.apps.simple.SleepApp",
              "sleep_time": 600, "outputs": ["slept"]},
             {"oid": "slept", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP"}]
            """;

    @TempDir
    Path tmp;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    private NodeManagerService startNm(String name) {
        NodeManagerService nm = NodeManagerService.start(NodeManagerService.Config.local(tmp.resolve(name)));
        open.add(nm);
        return nm;
    }

    private static RestDropManagerClient client(NodeManagerService nm, RestDropManagerClient.Options options) {
        return new RestDropManagerClient(RestDropManagerClient.sharedHttpClient(), "localhost", nm.restPort(), options);
    }

    @Test
    void session_smallGraphThroughTheClient_runsToFinishedAndAnswersEveryQuery() throws Exception {
        NodeManagerService service = startNm("nm");
        RestDropManagerClient nm = client(service, COMPRESSED);

        nm.createSession("s1");
        nm.addGraphSpec("s1", GraphReader.read(HELLO));
        assertThat(nm.sessions()).containsExactly(new SessionSummary("s1", SessionState.BUILDING, 2));
        assertThat(nm.graphSize("s1")).isEqualTo(2);
        nm.deploySession("s1", List.of("hello"));
        await().atMost(END).until(() -> nm.sessionStatus("s1") == SessionState.FINISHED);

        Map<String, List<Integer>> status = new LinkedHashMap<>();
        nm.graphStatus("s1", (oid, st, exec) -> status.put(oid, List.of(st, exec)));
        assertThat(status).containsExactly(Map.entry("hello", List.of(2, 2)), Map.entry("file", List.of(2, -1)));
        try (DropData data = nm.dropData("s1", "file")) {
            assertThat(data.fileName()).isEqualTo("hello.txt");
            assertThat(new String(data.stream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("Hello Client");
        }
        Path dir = tmp.resolve("nm").resolve("workspace").resolve("s1");
        assertThat(nm.dir("s1")).isEqualTo(dir.toString());
        JsonNode graph = nm.graph("s1", JSON::readTree);
        assertThat(graph.fieldNames()).toIterable().containsExactly("hello", "file");
        JsonNode info = JSON.readTree(nm.sessionInfo("s1").json());
        assertThat(info.get("status").asInt()).isEqualTo(SessionState.FINISHED.code());
        assertThat(info.get("graph").get("hello").get("greet").asText()).isEqualTo("Client");
        assertThat(JSON.readTree(nm.dropStatus("s1", "hello").json()).get("oid").asText()).isEqualTo("hello");
        assertThat(nm.submissionMethods()).containsExactly("BROWSER", "SERVER");

        nm.destroySession("s1");
        assertThatThrownBy(() -> nm.sessionStatus("s1"))
                .isInstanceOf(NoSessionException.class).hasMessage("no session with id 's1'");
        assertThat(nm.sessions()).isEmpty();
    }

    @Test
    void cancelSession_runningSleep_sessionCancelled() {
        RestDropManagerClient nm = client(startNm("nm"), RestDropManagerClient.Options.DEFAULTS);
        nm.createSession("c");
        nm.addGraphSpec("c", GraphReader.read(LONG_SLEEP));
        nm.deploySession("c", List.of("sleep"));

        nm.cancelSession("c");

        await().atMost(END).until(() -> nm.sessionStatus("c") == SessionState.CANCELLED);
        List<Integer> execStatus = new ArrayList<>();
        nm.graphStatus("c", (oid, st, exec) -> {
            if (oid.equals("sleep")) {
                execStatus.add(exec);
            }
        });
        assertThat(execStatus).containsExactly(4);
    }

    @Test
    void addGraphSpec_invalidGraph_caughtInvalidGraphExceptionWithTheNodeManagersText() {
        NodeManagerService service = startNm("nm");
        RestDropManagerClient nm = client(service, RestDropManagerClient.Options.DEFAULTS);
        ParsedGraph broken = GraphReader.read("""
                [{"oid": "A", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP"},
                 {"oid": "A", "categoryType": "Application", "dropclass": "no.such.App"}]
                """);
        service.nodeManager().createSession("direct");
        Throwable direct = catchThrowable(() -> service.nodeManager().addGraphSpec("direct", broken));
        nm.createSession("s");

        Throwable remote = catchThrowable(() -> nm.addGraphSpec("s", broken));

        assertThat(direct).isInstanceOf(InvalidGraphException.class);
        // over REST, DALiuGE's type for errors in a NodeManager's session, around the same error
        assertThat(remote).isInstanceOf(ErrorManagerCaughtException.class).hasMessage(direct.getMessage());
        assertThat(((ErrorManagerCaughtException) remote).caught()).isInstanceOf(InvalidGraphException.class)
                .hasMessage(direct.getMessage());
        assertThat(remote.getMessage()).contains("drop 'A'");
    }

    @Test
    void errors_eachKind_roundTripAsTheirOwnClass() {
        RestDropManagerClient nm = client(startNm("nm"), RestDropManagerClient.Options.DEFAULTS);
        nm.createSession("e");

        assertThatThrownBy(() -> nm.createSession("e")).isInstanceOf(SessionAlreadyExistsException.class)
                .hasMessage("a session with id 'e' exists already");
        assertThatThrownBy(() -> nm.graphStatus("e", (oid, s, x) -> { }))
                .isInstanceOf(InvalidSessionState.class).hasMessageContaining("Session e is PRISTINE");
        assertThatThrownBy(() -> nm.deploySession("nope", List.of())).isInstanceOf(NoSessionException.class);
        nm.addGraphSpec("e", GraphReader.read(HELLO));
        nm.deploySession("e", List.of("hello"));
        assertThatThrownBy(() -> nm.dropData("e", "nothing")).isInstanceOf(NoDropException.class)
                .hasMessage("session 'e' has no drop 'nothing'");
    }

    @Test
    void twoNodes_graphSplitAsADataIslandManagerSplitsIt_bothPartsFinish() {
        NodeManagerService s1 = startNm("nm1");
        NodeManagerService s2 = startNm("nm2");
        String node1 = s1.nodeAddress().toString();
        String node2 = s2.nodeAddress().toString();
        Map<String, RestDropManagerClient> nodes = new LinkedHashMap<>();
        nodes.put(node1, client(s1, COMPRESSED));
        nodes.put(node2, client(s2, COMPRESSED));
        // A (node 1) -> B (node 2) -> C (node 2), the cross-node links A-B removed from the parts
        Map<String, ParsedGraph> parts = Map.of(
                node1, GraphReader.read("""
                        [{"oid": "A", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP"}]"""),
                node2, GraphReader.read("""
                        [{"oid": "B", "categoryType": "Application", "dropclass": "dlg.apps.simple.SleepApp",
                          "outputs": ["C"]},
                         {"oid": "C", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP"}]"""));
        List<DropRel> rels = List.of(new DropRel("B", 0, "A"), new DropRel("A", 5, "B"));

        Fanout.run(nodes, (node, nm) -> nm.createSession("x"));
        Fanout.run(nodes, (node, nm) -> nm.addGraphSpec("x", parts.get(node)));
        Fanout.run(nodes, (node, nm) -> nm.addNodeSubscriptions("x",
                Map.of(node.equals(node1) ? node2 : node1, rels)));
        Fanout.run(nodes, (node, nm) -> nm.deploySession("x", List.of()));
        nodes.get(node1).trigger("x", List.of("A"));

        await().atMost(END).until(() -> Fanout.call(nodes, (node, nm) -> nm.sessionStatus("x")).values()
                .stream().allMatch(s -> s == SessionState.FINISHED));
    }
}
