package dlg.manager;
import dlg.manager.service.NodeManagerService;
import dlg.manager.service.ProcessZContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dlg.core.graph.GraphReader;
import dlg.core.runtime.DropEvent;
import dlg.core.state.SessionState;
import dlg.manager.events.EventSubscriber;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drop events over ZeroMQ between real NodeManagers: any SUB client sees a session's every state
 * change in order; a drop on one node starts when its input on another node completes.
 */
class NodeManagerEventsIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static final String COPY = """
            [{"oid": "in", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP",
              "pydata": "abc", "consumers": ["copy"]},
             {"oid": "copy", "categoryType": "Application", "dropclass": "dlg.apps.simple.CopyApp", "outputs": ["out"]},
             {"oid": "out", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP"}]
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

    private static void run(NodeManager nm, String sid, String graph, String root) {
        nm.createSession(sid);
        nm.addGraphSpec(sid, GraphReader.read(graph));
        nm.deploySession(sid, List.of(root));
    }

    @Test
    void subscriber_runningSession_seesEveryDropSettleInOrder_andNothingElse() throws Exception {
        NodeManagerService service = startNm("nm");
        NodeManager nm = service.nodeManager();
        List<DropEvent> events = new CopyOnWriteArrayList<>();
        EventSubscriber subscriber = new EventSubscriber(ProcessZContext.get(), events::add);
        open.add(subscriber);
        subscriber.subscribe("127.0.0.1", service.eventPort()).get(30, TimeUnit.SECONDS);
        int[] probe = {0};
        await().atMost(WAIT).until(() -> { // ZeroMQ's slow joiner: run probes until events flow
            run(nm, "probe" + probe[0]++, COPY, "in");
            return !events.isEmpty();
        });

        run(nm, "watched", COPY, "in");

        await().atMost(WAIT).until(() -> events.stream().anyMatch(e -> e.sessionId().equals("watched")
                && e.oid().equals("out") && e.type() == DropEvent.Type.DROP_COMPLETED));
        List<DropEvent> watched = events.stream().filter(e -> e.sessionId().equals("watched")).toList();
        // as DALiuGE's NodeManagers: only the events other nodes act on, one per drop
        assertThat(changes(watched, "copy")).containsExactly("producerFinished COMPLETED/FINISHED");
        assertThat(changes(watched, "out")).containsExactly("dropCompleted COMPLETED/null");
        assertThat(changes(watched, "in")).containsExactly("dropCompleted COMPLETED/null");
        assertThat(watched.indexOf(watched.stream().filter(e -> e.oid().equals("in")
                && e.type() == DropEvent.Type.DROP_COMPLETED).findFirst().orElseThrow()))
                .as("the input completes before its consumer runs")
                .isLessThan(watched.indexOf(watched.stream().filter(e -> e.oid().equals("copy")).findFirst().orElseThrow()));
        assertThat(watched).allSatisfy(e -> assertThat(e.timestamp()).isGreaterThan(1_700_000_000_000L));
    }

    /** A drop's events as "type status/execStatus", in the order received. */
    private static List<String> changes(List<DropEvent> events, String oid) {
        return events.stream().filter(e -> e.oid().equals(oid))
                .map(e -> e.type().wireName() + " " + e.status() + "/" + e.execStatus()).toList();
    }

    @Test
    void crossNode_inputOnOneNodeCompletes_consumerOnTheOtherRuns() throws Exception {
        NodeManagerService s1 = startNm("nm1");
        NodeManagerService s2 = startNm("nm2");
        NodeManager nm1 = s1.nodeManager();
        NodeManager nm2 = s2.nodeManager();
        String node1 = s1.nodeAddress().toString();
        String node2 = s2.nodeAddress().toString();
        // A (node 1) -> B (node 2) -> C (node 2): the DIM removed the cross-node links A-B
        nm1.createSession("x");
        nm2.createSession("x");
        nm1.addGraphSpec("x", GraphReader.read("""
                [{"oid": "A", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP"}]"""));
        nm2.addGraphSpec("x", GraphReader.read("""
                [{"oid": "B", "categoryType": "Application", "dropclass": "dlg.apps.simple.SleepApp", "outputs": ["C"]},
                 {"oid": "C", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP"}]"""));
        List<DropRel> rels = List.of(new DropRel("B", 0, "A"), new DropRel("A", 5, "B"));
        nm1.addNodeSubscriptions("x", Map.of(node2, rels), Duration.ofSeconds(5));
        nm2.addNodeSubscriptions("x", Map.of(node1, rels), Duration.ofSeconds(5));
        nm1.deploySession("x", List.of());
        nm2.deploySession("x", List.of());
        assertThat(nm2.sessionStatus("x")).isEqualTo(SessionState.RUNNING);

        nm1.trigger("x", List.of("A"));

        await().atMost(WAIT).until(() -> nm2.sessionStatus("x") == SessionState.FINISHED);
        await().atMost(WAIT).until(() -> nm1.sessionStatus("x") == SessionState.FINISHED);
    }

    @Test
    void crossNode_remoteProducerFails_localDataDropFails() throws Exception {
        NodeManagerService s1 = startNm("nm1");
        NodeManagerService s2 = startNm("nm2");
        NodeManager nm1 = s1.nodeManager();
        NodeManager nm2 = s2.nodeManager();
        String node1 = "127.0.0.1:" + s1.restPort() + ":" + s1.eventPort();
        String node2 = "127.0.0.1:" + s2.restPort() + ":" + s2.eventPort();
        // P (bash, fails, node 1) -> D (node 2); as a DIM does, both nodes get the cross-node link
        nm1.createSession("f");
        nm2.createSession("f");
        nm1.addGraphSpec("f", GraphReader.read("""
                [{"oid": "P", "categoryType": "Application", "dropclass": "dlg.apps.bash_shell_app.BashShellApp",
                  "command": "exit 1"}]"""));
        nm2.addGraphSpec("f", GraphReader.read("""
                [{"oid": "D", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP"}]"""));
        List<DropRel> rels = List.of(new DropRel("P", 2, "D"));
        nm1.addNodeSubscriptions("f", Map.of(node2, rels), Duration.ofSeconds(5));
        nm2.addNodeSubscriptions("f", Map.of(node1, rels), Duration.ofSeconds(5));
        nm2.deploySession("f", List.of());
        nm1.deploySession("f", List.of("P"));
        await().atMost(WAIT).until(() -> nm2.sessionStatus("f") == SessionState.FAILED);
        assertThat(nm1.sessionStatus("f")).isEqualTo(SessionState.FAILED);
    }
}
