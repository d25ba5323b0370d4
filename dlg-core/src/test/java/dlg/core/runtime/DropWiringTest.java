package dlg.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dlg.core.app.AppContext;
import dlg.core.app.Application;
import dlg.core.app.DataDrop;
import dlg.core.error.GraphProblem;
import dlg.core.error.InvalidGraphException;
import dlg.core.state.DropState;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DropWiringTest {

    @TempDir
    Path dir;

    private TestRun deploy(Graph g) {
        return TestRun.builder().workers(new ManualExecutor().workers()).deploy(dir, g);
    }

    private static ApplicationDrop app(TestRun run, String oid) {
        return (ApplicationDrop) run.execution.drop(run.spec.indexOf(oid));
    }

    private static AbstractDataDrop data(TestRun run, String oid) {
        return (AbstractDataDrop) run.execution.drop(run.spec.indexOf(oid));
    }

    private static List<String> oids(List<DataDrop> drops) {
        return drops.stream().map(DataDrop::oid).toList();
    }

    private static List<String> consumers(AbstractDataDrop d) {
        return IntStream.range(0, d.consumerCount()).mapToObj(k -> d.consumer(k).oid()).toList();
    }

    @Test
    void linksDeclaredByDataDrops_wireTheApp() {
        Graph g = new Graph();
        g.memory("A").consumers("X");
        g.app("X", Graph.NULL_BARRIER);
        g.memory("B").producers("X");
        try (TestRun run = deploy(g)) {
            assertThat(oids(app(run, "X").inputs())).containsExactly("A");
            assertThat(oids(app(run, "X").outputs())).containsExactly("B");
            assertThat(consumers(data(run, "A"))).containsExactly("X");
            assertThat(data(run, "B").pendingProducers()).isEqualTo(1);
        }
    }

    @Test
    void linksDeclaredByTheApp_wireTheDataDrops() {
        Graph g = new Graph();
        g.memory("A");
        g.app("X", Graph.NULL_BARRIER).inputs("A").outputs("B");
        g.memory("B");
        try (TestRun run = deploy(g)) {
            assertThat(oids(app(run, "X").inputs())).containsExactly("A");
            assertThat(consumers(data(run, "A"))).containsExactly("X");
            assertThat(data(run, "B").pendingProducers()).isEqualTo(1);
            assertThat(data(run, "A").pendingProducers()).isZero();
        }
    }

    @Test
    void linkDeclaredOnBothSidesAndTwice_isOneLink() {
        Graph g = new Graph();
        g.memory("A").consumers("X", "X");
        g.app("X", Graph.NULL_BARRIER).inputs("A", "A").outputs("B", "B");
        g.memory("B").producers("X");
        try (TestRun run = deploy(g)) {
            assertThat(oids(app(run, "X").inputs())).containsExactly("A");
            assertThat(oids(app(run, "X").outputs())).containsExactly("B");
            assertThat(consumers(data(run, "A"))).containsExactly("X");
            assertThat(data(run, "B").pendingProducers()).isEqualTo(1);
        }
    }

    @Test
    void inputOrder_isTheAppsDeclarationsThenTheDataDropsInGraphOrder() {
        Graph g = new Graph();
        g.memory("D1").consumers("X");
        g.memory("D2");
        g.memory("D3").consumers("X");
        g.app("X", Graph.NULL_BARRIER).inputs("D2", "D3");
        try (TestRun run = deploy(g)) {
            assertThat(oids(app(run, "X").inputs())).containsExactly("D2", "D3", "D1");
        }
    }

    @Test
    void streamingInputs_areInputs() {
        String json = """
                [{"oid": "A", "categoryType": "Data", "dropclass": "%s", "streamingConsumers": ["X"]},
                 {"oid": "B", "categoryType": "Data", "dropclass": "%s"},
                 {"oid": "X", "categoryType": "Application", "dropclass": "%s", "streamingInputs": ["B"]}]
                """.formatted(Graph.MEMORY, Graph.MEMORY, Graph.NULL_BARRIER);
        try (TestRun run = TestRun.builder().workers(new ManualExecutor().workers()).deploy(dir, json)) {
            assertThat(oids(app(run, "X").inputs())).containsExactly("B", "A");
        }
    }

    @Test
    void portNames_areTheAppsAndNoneWhenNoneIsNamed() {
        Graph g = new Graph();
        g.memory("A");
        g.memory("B");
        g.app("X", Graph.NULL_BARRIER).input("A", "first").inputs("B").output("O", "result");
        g.app("Y", Graph.NULL_BARRIER).inputs("A");
        g.memory("O");
        try (TestRun run = deploy(g)) {
            ApplicationDrop x = app(run, "X");
            assertThat(x.inputPort(0)).isEqualTo("first");
            assertThat(x.inputPort(1)).isNull();
            assertThat(x.outputPort(0)).isEqualTo("result");
            assertThat(app(run, "Y").inputPorts).isNull();
            assertThat(app(run, "Y").inputPort(0)).isNull();
        }
    }

    @Test
    void duplicateWithAPort_namesTheKeptLink() {
        Graph g = new Graph();
        g.memory("A");
        g.app("X", Graph.NULL_BARRIER).inputs("A").input("A", "named");
        try (TestRun run = deploy(g)) {
            assertThat(oids(app(run, "X").inputs())).containsExactly("A");
            assertThat(app(run, "X").inputPort(0)).isEqualTo("named");
        }
    }

    @Test
    void portNamedOnTheDataSide_reachesTheApp() {
        String json = """
                [{"oid": "A", "categoryType": "Data", "dropclass": "%s", "consumers": [{"X": "p"}]},
                 {"oid": "X", "categoryType": "Application", "dropclass": "%s", "inputs": ["A"]}]
                """.formatted(Graph.MEMORY, Graph.NULL_BARRIER);
        try (TestRun run = TestRun.builder().workers(new ManualExecutor().workers()).deploy(dir, json)) {
            assertThat(app(run, "X").inputPort(0)).isEqualTo("p");
        }
    }

    @Test
    void producersOnOtherNodes_countAsProducers_andMakeTheWritersShared() {
        Graph g = new Graph();
        g.memory("A"); // written by R alone, on another node
        g.app("L", Graph.NULL_BARRIER).outputs("B");
        g.memory("B"); // written by L here and by R there
        try (TestRun run = TestRun.builder().workers(new ManualExecutor().workers())
                .remoteLinks(new RemoteLink("A", RemoteLink.Role.PRODUCER_OF_LOCAL_DATA, "R"),
                        new RemoteLink("B", RemoteLink.Role.PRODUCER_OF_LOCAL_DATA, "R"))
                .deploy(dir, g)) {
            assertThat(data(run, "A").pendingProducers()).isEqualTo(1);
            assertThat(data(run, "A").hasOtherProducers()).isFalse();
            assertThat(data(run, "B").pendingProducers()).isEqualTo(2);
            assertThat(data(run, "B").hasOtherProducers()).isTrue();
        }
    }

    @Test
    void fanOut_aDataDropWithManyConsumersAndProducers() {
        Graph g = new Graph();
        g.app("P1", Graph.NULL_BARRIER).outputs("D");
        g.app("P2", Graph.NULL_BARRIER).outputs("D");
        g.memory("D").consumers("C1", "C2", "C3");
        g.app("C1", Graph.NULL_BARRIER);
        g.app("C2", Graph.NULL_BARRIER);
        g.app("C3", Graph.NULL_BARRIER).inputs("D");
        try (TestRun run = deploy(g)) {
            assertThat(data(run, "D").pendingProducers()).isEqualTo(2);
            assertThat(oids(app(run, "P1").outputs())).containsExactly("D");
            assertThat(oids(app(run, "P2").outputs())).containsExactly("D");
            assertThat(consumers(data(run, "D"))).containsExactlyInAnyOrder("C1", "C2", "C3");
        }
    }

    @Test
    void appToApp_eachKey_ordersTheAppsWithoutDataBetweenThem() {
        Graph g = new Graph();
        g.app("A", Graph.NULL_BARRIER).outputs("B");
        g.app("B", Graph.NULL_BARRIER).producers("A").outputs("D");
        g.memory("D").consumers("C");
        g.app("C", Graph.NULL_BARRIER).consumers("E");
        g.app("E", Graph.NULL_BARRIER).inputs("C");
        try (TestRun run = deploy(g)) {
            assertThat(app(run, "A").outputs()).isEmpty();
            assertThat(oids(app(run, "B").outputs())).containsExactly("D");
            assertThat(app(run, "B").inputs()).isEmpty();
            assertThat(app(run, "E").inputs()).isEmpty();
            assertThat(run.spec.roots()).containsExactly("A");
        }
    }

    @Test
    void checkFilepathExists_generatedOrRelativePath_isNotChecked() {
        Graph g = new Graph();
        g.file("GEN").param("check_filepath_exists", true);
        g.file("REL").param("filepath", "made/by/the/run.txt").param("check_filepath_exists", "1");

        try (TestRun run = deploy(g)) {
            assertThat(run.state("GEN")).isEqualTo(DropState.INITIALIZED);
        }
    }

    @Test
    void checkFilepathExists_missingAbsoluteFile_isRefusedNamingIt() {
        Graph g = new Graph();
        g.file("ABS").param("filepath", dir.resolve("missing.txt").toString()).param("check_filepath_exists", true);

        assertThatThrownBy(() -> deploy(g)).isInstanceOf(InvalidGraphException.class)
                .hasMessageContaining("'ABS'").hasMessageContaining("missing.txt does not exist");
    }

    @Test
    void dataClasses_becomeTheirDrops() {
        Graph g = new Graph();
        g.memory("M");
        g.file("F");
        g.data("N", Graph.NULL);
        g.data("E", Graph.END);
        try (TestRun run = deploy(g)) {
            assertThat(data(run, "M")).isInstanceOf(InMemoryDrop.class);
            assertThat(data(run, "F")).isInstanceOf(FileDrop.class);
            assertThat(data(run, "N")).isInstanceOf(NullDrop.class);
            assertThat(data(run, "E")).isInstanceOf(NullDrop.class);
        }
    }

    @Test
    void legacyStorage_isUnderstood() {
        String json = """
                [{"oid": "M", "type": "plain", "storage": "memory"},
                 {"oid": "F", "type": "plain", "storage": "file"}]""";
        try (TestRun run = TestRun.builder().workers(new ManualExecutor().workers()).deploy(dir, json)) {
            assertThat(data(run, "M")).isInstanceOf(InMemoryDrop.class);
            assertThat(data(run, "F")).isInstanceOf(FileDrop.class);
        }
    }

    @Test
    void everyDropThatCannotBeCreated_isReportedAtOnce() {
        Graph g = new Graph();
        g.file("F1").param("filepath", "$NOT_SET_HERE/x");
        g.file("F2").param("filepath", "nope.txt").param("check_filepath_exists", true);
        g.memory("M").arg("pydata", "x", "NoPort", null, "Integer");
        g.app("U", ThrowingApp.class.getName());
        g.memory("OK");

        assertThatThrownBy(() -> TestRun.builder().env(java.util.Map.of()).deploy(dir, g))
                .isInstanceOf(InvalidGraphException.class)
                .satisfies(e -> assertThat(((InvalidGraphException) e).problems())
                        .extracting(GraphProblem::oid).containsExactly("F1", "F2", "M", "U"))
                .hasMessageContaining("cannot create");
    }

    @Test
    void socketListenerGivenInputs_refusedAtDeployNamingTheDropAsDaliugeDoes() {
        Graph g = new Graph();
        g.memory("B").consumers("S");
        g.app("S", "dlg.apps.socket_listener.SocketListenerApp").inputs("C");
        g.memory("C");
        g.app("OK", "dlg.apps.socket_listener.SocketListenerApp").outputs("D");
        g.memory("D");

        assertThatThrownBy(() -> TestRun.deploy(dir, g))
                .isInstanceOf(InvalidGraphException.class)
                .satisfies(e -> assertThat(((InvalidGraphException) e).problems()).containsExactly(
                        new GraphProblem("S", "dlg.apps.socket_listener.SocketListenerApp takes no inputs, "
                                + "but 2 inputs are linked to it")));
    }

    @Test
    void userAppWhoseConstructorThrows_problemNamesTheClassOnceAndTheRealCause() {
        Graph g = new Graph();
        g.app("U", ThrowingApp.class.getName());

        assertThatThrownBy(() -> TestRun.deploy(dir, g))
                .isInstanceOf(InvalidGraphException.class)
                .satisfies(e -> assertThat(((InvalidGraphException) e).problems().getFirst().message())
                        .isEqualTo("cannot create " + ThrowingApp.class.getName()
                                + ": its constructor threw java.lang.IllegalStateException: no way"));
    }

    /** A user app that cannot be made. */
    public static final class ThrowingApp implements Application {
        public ThrowingApp() {
            throw new IllegalStateException("no way");
        }

        @Override
        public void run(AppContext ctx) {
        }
    }
}
