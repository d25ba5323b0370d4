package dlg.manager.composite;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dlg.core.runtime.DropStatus;
import dlg.core.runtime.Execution;
import dlg.core.state.DropState;
import dlg.core.state.SessionState;
import dlg.manager.NodeAddress;
import dlg.manager.NodeManager;
import dlg.manager.rest.WireClient;
import dlg.manager.service.CompositeManagerService;
import dlg.manager.service.NodeManagerService;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An app on node 1 whose output drop is placed on node 2, through a DataIslandManager: node 1
 * keeps a stand-in that the app writes, node 2 fetches its content over the data port before the
 * output completes, and node 2's consumers read what the app wrote.
 */
class CrossNodeOutputsIT {

    private static final Duration END = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    private final List<AutoCloseable> open = new ArrayList<>();
    private NodeManagerService nm1;
    private NodeManagerService nm2;
    private WireClient dim;

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    /** Two NodeManagers and a DIM over them; node 1 is told to the DIM with {@code rpc1} as its data port. */
    private void start(Integer rpc1) {
        nm1 = NodeManagerService.start(NodeManagerService.Config.local(tmp.resolve("nm1")));
        open.add(nm1);
        nm2 = NodeManagerService.start(NodeManagerService.Config.local(tmp.resolve("nm2")));
        open.add(nm2);
        NodeAddress a1 = nm1.nodeAddress();
        if (rpc1 != null) {
            a1 = NodeAddress.parse("127.0.0.1:" + nm1.restPort() + ":" + nm1.eventPort() + ":" + rpc1);
        }
        CompositeManagerService dimService = CompositeManagerService.start(CompositeManagerService.Config.local(
                CompositeManager.Kind.DATA_ISLAND, List.of(a1, nm2.nodeAddress())));
        open.add(dimService);
        dim = new WireClient(dimService.restPort());
    }

    private String n1() {
        return dimNode(0);
    }

    private String n2() {
        return nm2.nodeAddress().toString();
    }

    private String dimNode(int i) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(dim.get("/api/nodes").body()).get(i).asText();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static final String MEMORY = "\"dropclass\": \"dlg.data.drops.memory.InMemoryDROP\"";

    private static String file(Path p) {
        return "\"dropclass\": \"dlg.data.drops.file.FileDROP\", \"filepath\": \"" + p + "\"";
    }

    /** I (node 1) -> copy (node 1) -> O (node 2) -> check (node 2) -> R (node 2), I and O as told. */
    private String graph(String iSpec, String oSpec) {
        return """
                [{"oid": "I", "categoryType": "Data", %3$s, "consumers": ["copy"], "node": "%1$s"},
                 {"oid": "copy", "categoryType": "Application", "dropclass": "dlg.apps.simple.CopyApp",
                  "outputs": ["O"], "node": "%1$s"},
                 {"oid": "O", "categoryType": "Data", %4$s, "node": "%2$s"},
                 {"oid": "check", "categoryType": "Application", "dropclass": "dlg.apps.simple.CopyApp",
                  "inputs": ["O"], "outputs": ["R"], "node": "%2$s"},
                 {"oid": "R", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP",
                  "node": "%2$s"}]""".formatted(n1(), n2(), iSpec, oSpec);
    }

    private void runTo(String sid, String graph, SessionState end) throws IOException {
        assertThat(dim.postJson("/api/sessions", "{\"sessionId\": \"" + sid + "\"}").status()).isEqualTo(200);
        var appended = dim.postGraph("/api/sessions/" + sid + "/graph/append", graph);
        assertThat(appended.status()).as(appended.text()).isEqualTo(200);
        var deployed = dim.postForm("/api/sessions/" + sid + "/deploy", Map.of("completed", "I"));
        assertThat(deployed.status()).as(deployed.text()).isEqualTo(200);
        await().atMost(END).until(() -> nm2.nodeManager().sessionStatus(sid).isTerminal()
                && nm1.nodeManager().sessionStatus(sid).isTerminal());
        assertThat(nm2.nodeManager().sessionStatus(sid)).isEqualTo(end);
    }

    private static Execution execution(NodeManager nm, String sid) {
        return nm.session(sid).execution().orElseThrow();
    }

    private static DropStatus status(NodeManager nm, String sid, String oid) {
        Execution ex = execution(nm, sid);
        return ex.status(ex.indexOf(oid));
    }

    private static byte[] content(NodeManager nm, String sid, String oid) throws IOException {
        Execution ex = execution(nm, sid);
        return ex.data(ex.indexOf(oid)).orElseThrow().readAll();
    }

    @Test
    void appOnOneNode_memoryOutputOnTheOther_consumerThereReadsWhatTheAppWrote() throws IOException {
        start(null);

        runTo("mem", graph(MEMORY + ", \"pydata\": \"written on node 1\"", MEMORY), SessionState.FINISHED);

        assertThat(nm1.nodeManager().sessionStatus("mem")).isEqualTo(SessionState.FINISHED);
        assertThat(content(nm2.nodeManager(), "mem", "R")).asString(UTF_8).isEqualTo("written on node 1");
    }

    @Test
    void appOnOneNode_fileOutputOfSomeMegabytesOnTheOther_fileThereHasTheContent() throws IOException {
        start(null);
        byte[] bytes = new byte[3 << 20];
        new Random(7).nextBytes(bytes);
        Path in = Files.write(tmp.resolve("in.bin"), bytes);
        Path out = tmp.resolve("out.bin");
        runTo("file", graph(file(in), file(out)), SessionState.FINISHED);

        assertThat(Files.mismatch(in, out)).as("first differing byte").isEqualTo(-1);
        assertThat(content(nm2.nodeManager(), "file", "R")).isEqualTo(bytes);
        // node 1's stand-in goes once node 2 has its copy
        Path standIns = tmp.resolve("nm1/workspace/file/remote-outputs");
        await().atMost(END).untilAsserted(() -> {
            try (Stream<Path> files = Files.list(standIns)) {
                assertThat(files).isEmpty();
            }
        });
    }

    @Test
    void producerNodeDataPortUnreachable_outputFailsNamingTheNode() throws IOException {
        start(closedPort());

        runTo("down", graph(MEMORY + ", \"pydata\": \"x\"", MEMORY), SessionState.FAILED);

        DropStatus o = status(nm2.nodeManager(), "down", "O");
        assertThat(o.status()).isEqualTo(DropState.ERROR);
        assertThat(o.error()).contains("'copy'", "cannot read drop 'O' of session down from node " + n1(),
                "Connection refused");
        assertThat(status(nm2.nodeManager(), "down", "check").status()).isEqualTo(DropState.ERROR);
    }

    @Test
    void append_dropWrittenByTwoAppsOfTheOtherNode_is400NamingItsWriters() throws IOException {
        start(null);
        dim.postJson("/api/sessions", "{\"sessionId\": \"two\"}");

        var r = dim.postGraph("/api/sessions/two/graph/append", """
                [{"oid": "W1", "categoryType": "Application", "dropclass": "dlg.apps.simple.CopyApp",
                  "outputs": ["O"], "node": "%1$s"},
                 {"oid": "W2", "categoryType": "Application", "dropclass": "dlg.apps.simple.CopyApp",
                  "outputs": ["O"], "node": "%1$s"},
                 {"oid": "O", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP",
                  "node": "%2$s"}]""".formatted(n1(), n2()));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.text()).contains("InvalidGraphException", "'O'", "'W1' on node " + n1(), "'W2' on node " + n1(),
                "place the drop with its producers");
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
