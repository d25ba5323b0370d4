package dlg.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dlg.core.error.InvalidGraphException;
import dlg.core.runtime.Engine;
import dlg.manager.NodeAddress;
import dlg.manager.auth.Access;
import dlg.manager.composite.CompositeManager;
import dlg.manager.service.NodeManagerService;
import dlg.manager.service.ProcessZContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WarmUpTest {

    private static final List<NodeAddress> NODES = List.of(NodeAddress.parse("127.0.0.1:8000:5555:5556"),
            NodeAddress.parse("127.0.0.1:8001:5557:5558"));

    @TempDir
    Path root;

    private final AtomicInteger collections = new AtomicInteger();

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** A composite whose sub-managers must never be called: the rehearsal sends nothing. */
    private static CompositeManager composite(CompositeManager.Kind kind, List<NodeAddress> over) {
        return new CompositeManager(kind, over, n -> {
            throw new AssertionError("the warm-up called sub-manager " + n);
        });
    }

    @Test
    void nodeManager_readsChecksAndRunsEveryGraphEachRound_andAChainAcrossNodes_makingNoSession() {
        try (NodeManagerService nm = NodeManagerService.start(NodeManagerService.Config.local(root));
             Engine runner = Engine.create(1);
             CrossNodeRehearsal pair = new CrossNodeRehearsal(ProcessZContext.get(), root.resolve("x"), null)) {
            SelfRequests self = new SelfRequests(SelfRequests.Target.of("localhost", nm.restPort(), Access.OPEN));
            int done = WarmUp.run("NodeManager", WarmUp.steps(nm.nodeManager(), runner, pair, self), () -> false,
                    collections::incrementAndGet);

            // the requests to itself, the two graphs here, the two chains across the pair
            assertThat(done).isEqualTo(5 * WarmUp.ROUNDS);
            // counted once sent: maybe after the other node got it
            await().untilAsserted(() -> assertThat(pair.published())
                    .isEqualTo((long) WarmUp.ROUNDS * (WarmUp.SMALL + WarmUp.COPIES)));
            assertThat(collections).hasValue(WarmUp.ROUNDS + 1); // before the rounds, and after each
            assertThat(nm.nodeManager().allSessions()).isEmpty();
            assertThat(nm.nodeManager().workspace().resolve(".warm-up")).doesNotExist();
        }
    }

    @Test
    void nodeManager_rehearsal_refusesWhatASessionRefuses() {
        try (NodeManagerService nm = NodeManagerService.start(NodeManagerService.Config.local(root));
             Engine runner = Engine.create(1)) {
            WarmUp.Rehearsal append = WarmUp.rehearsal(nm.nodeManager(), runner);
            String unknownClass = "[{\"oid\":\"a\",\"categoryType\":\"Application\",\"dropclass\":\"no.such.App\"}]";

            assertThatThrownBy(() -> append.append(bytes(unknownClass)))
                    .isInstanceOf(InvalidGraphException.class).hasMessageContaining("no.such.App");
        }
    }

    @Test
    void nodeManager_rehearsal_runsTheGraph_andSaysSoWhenItFails() {
        try (NodeManagerService nm = NodeManagerService.start(NodeManagerService.Config.local(root));
             Engine runner = Engine.create(1)) {
            WarmUp.Rehearsal append = WarmUp.rehearsal(nm.nodeManager(), runner);
            String failing = "[{\"oid\":\"a\",\"categoryType\":\"Application\","
                    + "\"dropclass\":\"dlg.apps.bash_shell_app.BashShellApp\",\"command\":\"exit 3\"}]";

            assertThatThrownBy(() -> append.append(bytes(failing)))
                    .isInstanceOf(IOException.class).hasMessageContaining("ended FAILED");
            assertThat(nm.nodeManager().allSessions()).isEmpty();
        }
    }

    @Test
    void graphs_areOneReadWholeAndOneReadInChunks() {
        List<byte[]> graphs = WarmUp.graphs(null);

        assertThat(graphs.get(0).length).isLessThan(1 << 20);
        assertThat(graphs.get(1).length).isGreaterThan(1 << 20); // the reader's chunk
    }

    @Test
    void dataIslandManager_splitsOverItsNodes_andSendsNothing() throws IOException {
        CompositeManager dim = composite(CompositeManager.Kind.DATA_ISLAND, NODES);
        String[] places = NODES.stream().map(NodeAddress::toString).toArray(String[]::new);

        int done = WarmUp.run("DataIslandManager", WarmUp.graphs(places), () -> false, WarmUp.rehearsal(dim, null),
                collections::incrementAndGet);

        assertThat(done).isEqualTo(2 * WarmUp.ROUNDS);
        assertThat(dim.allSessions()).isEmpty();
        ByteArrayOutputStream parts = new ByteArrayOutputStream();
        dim.rehearseAppend(dlg.core.graph.GraphReader.read(SyntheticGraphs.chain(3, places)), parts, null, null);
        // each node's part written on its own: two lists, the drops each in one of them
        assertThat(parts.toString(StandardCharsets.UTF_8)).startsWith("[").contains("][")
                .contains("\"oid\":\"d0\"", "\"oid\":\"a1\"", "\"oid\":\"d3\"");
    }

    @Test
    void masterManager_splitsByIsland() {
        List<NodeAddress> islands = List.of(NodeAddress.parse("127.0.0.1:8001"), NodeAddress.parse("127.0.0.1:8002"));
        CompositeManager mm = composite(CompositeManager.Kind.MASTER, islands);
        String[] places = islands.stream().map(NodeAddress::toString).toArray(String[]::new);

        assertThat(WarmUp.run("MasterManager", WarmUp.graphs(places), () -> false, WarmUp.rehearsal(mm, null),
                collections::incrementAndGet)).isEqualTo(2 * WarmUp.ROUNDS);
        assertThat(mm.allSessions()).isEmpty();
    }

    @Test
    void composite_rehearsal_refusesACycleThroughTwoNodes() {
        CompositeManager dim = composite(CompositeManager.Kind.DATA_ISLAND, NODES);
        String cycle = "[{\"oid\":\"a\",\"categoryType\":\"Application\",\"dropclass\":\"dlg.apps.simple.SleepApp\","
                + "\"outputs\":[\"d\"],\"inputs\":[\"e\"],\"node\":\"" + NODES.get(0) + "\"},"
                + "{\"oid\":\"d\",\"categoryType\":\"Data\",\"consumers\":[\"b\"],\"node\":\"" + NODES.get(0) + "\"},"
                + "{\"oid\":\"b\",\"categoryType\":\"Application\",\"dropclass\":\"dlg.apps.simple.SleepApp\","
                + "\"outputs\":[\"e\"],\"node\":\"" + NODES.get(1) + "\"},"
                + "{\"oid\":\"e\",\"categoryType\":\"Data\",\"node\":\"" + NODES.get(1) + "\"}]";

        assertThatThrownBy(() -> WarmUp.rehearsal(dim, null).append(bytes(cycle)))
                .isInstanceOf(InvalidGraphException.class).hasMessageContaining("cycle");
    }

    @Test
    void stops_whenTheManagerHasASession_withoutCollectingAgain() {
        AtomicInteger appended = new AtomicInteger();

        int done = WarmUp.run("NodeManager", WarmUp.graphs(null), () -> appended.get() >= 1,
                graph -> appended.incrementAndGet(), collections::incrementAndGet);

        assertThat(done).isEqualTo(1);
        assertThat(collections).hasValue(1); // only the one before the rounds: a session now has the heap
    }

    @Test
    void collectsAfterEachRound_untilTheManagerHasASession() {
        AtomicInteger appended = new AtomicInteger();
        int perRound = WarmUp.graphs(null).size();

        int done = WarmUp.run("NodeManager", WarmUp.graphs(null), () -> appended.get() >= perRound + 1,
                graph -> appended.incrementAndGet(), collections::incrementAndGet);

        assertThat(done).isEqualTo(perRound + 1);
        assertThat(collections).hasValue(2); // before the rounds and after the first; none once busy
    }

    @Test
    void aFailure_endsIt_withoutReachingTheManager() {
        AtomicInteger appended = new AtomicInteger();

        int done = WarmUp.run("NodeManager", WarmUp.graphs(null), () -> false, graph -> {
            if (appended.incrementAndGet() == 2) {
                throw new IOException("disk gone");
            }
        }, collections::incrementAndGet);

        assertThat(done).isEqualTo(1);
        assertThat(appended).hasValue(2);
    }

    @Test
    void isOn_unlessTurnedOffByItsProperty() {
        String before = System.getProperty(WarmUp.PROPERTY);
        try {
            System.clearProperty(WarmUp.PROPERTY);
            assertThat(WarmUp.enabled()).isTrue();
            System.setProperty(WarmUp.PROPERTY, "0");
            assertThat(WarmUp.enabled()).isFalse();
            System.setProperty(WarmUp.PROPERTY, "false");
            assertThat(WarmUp.enabled()).isFalse();
            assertThat(WarmUp.background(() -> { })).isNull();
            System.setProperty(WarmUp.PROPERTY, "1");
            assertThat(WarmUp.enabled()).isTrue();
        } finally {
            if (before == null) {
                System.clearProperty(WarmUp.PROPERTY);
            } else {
                System.setProperty(WarmUp.PROPERTY, before);
            }
        }
    }

    @Test
    void aCompositeWithoutSubManagers_hasNothingToWarm() {
        assertThat(WarmUp.start(composite(CompositeManager.Kind.DATA_ISLAND, List.of()), null)).isNull();
    }

    @Test
    void start_warmsInTheBackground_onADaemonThread() throws InterruptedException {
        try (NodeManagerService nm = NodeManagerService.start(NodeManagerService.Config.local(root))) {
            Thread t = WarmUp.start(nm.nodeManager(), null, SelfRequests.Target.of("localhost", nm.restPort(), Access.OPEN));

            assertThat(t).isNotNull();
            assertThat(t.isDaemon()).isTrue();
            assertThat(t.getName()).isEqualTo("dlg-warm-up");
            assertThat(t.join(java.time.Duration.ofMinutes(1))).isTrue();
            assertThat(nm.nodeManager().allSessions()).isEmpty();
        }
    }
}
