package dlg.core.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dlg.core.codec.Pickles;
import dlg.core.runtime.Graph;
import dlg.core.runtime.Recorder;
import dlg.core.runtime.TestRun;
import dlg.core.state.AppState;
import dlg.core.state.SessionState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenericScatterAppTest {

    @TempDir
    Path dir;

    private static List<TestingDataDrop> scatter(Object input, int copies, int outputs, boolean element) throws Exception {
        TestingAppContext ctx = new TestingAppContext().input(TestingDataDrop.of("in", Pickles.dumps(input)))
                .arg("num_of_copies", copies).arg("element", element);
        List<TestingDataDrop> outs = new ArrayList<>();
        for (int i = 0; i < outputs; i++) {
            TestingDataDrop o = new TestingDataDrop("o" + i);
            outs.add(o);
            ctx.output(o);
        }
        GenericScatterApp.INSTANCE.run(ctx);
        return outs;
    }

    private static Object value(TestingDataDrop d) {
        return Pickles.loads(d.bytes());
    }

    private static List<Integer> range(int from, int to) {
        return IntStream.range(from, to).boxed().toList();
    }

    @Test
    void run_tenInThree_splitsLikeNumpyArraySplit() throws Exception {
        List<TestingDataDrop> outs = scatter(range(0, 10), 3, 3, false);

        assertThat(value(outs.get(0))).isEqualTo(range(0, 4));
        assertThat(value(outs.get(1))).isEqualTo(range(4, 7));
        assertThat(value(outs.get(2))).isEqualTo(range(7, 10));
    }

    @Test
    void run_fewerElementsThanParts_givesEmptyParts() throws Exception {
        List<TestingDataDrop> outs = scatter(range(0, 2), 4, 4, false);

        assertThat(outs).extracting(GenericScatterAppTest::value)
                .containsExactly(List.of(0), List.of(1), List.of(), List.of());
    }

    @Test
    void run_element_writesTheFirstElementOfEachPart() throws Exception {
        List<TestingDataDrop> outs = scatter(range(10, 20), 3, 3, true);

        assertThat(outs).extracting(GenericScatterAppTest::value).containsExactly(10, 14, 17);
    }

    @Test
    void run_element_ofAnEmptyPart_isNone() throws Exception {
        List<TestingDataDrop> outs = scatter(range(0, 1), 2, 2, true);

        assertThat(value(outs.get(1))).isNull();
    }

    @Test
    void run_moreOutputsThanCopies_leavesTheRestEmpty() throws Exception {
        List<TestingDataDrop> outs = scatter(range(0, 4), 2, 3, false);

        assertThat(value(outs.get(1))).isEqualTo(range(2, 4));
        assertThat(outs.get(2).bytes()).isEmpty();
    }

    @Test
    void run_tooFewOutputs_fails() {
        assertThatThrownBy(() -> scatter(range(0, 10), 3, 2, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("num_of_copies");
    }

    @Test
    void run_noInput_fails() {
        TestingAppContext ctx = new TestingAppContext().output(new TestingDataDrop("o"));

        assertThatThrownBy(() -> GenericScatterApp.INSTANCE.run(ctx)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void run_zeroCopies_fails() {
        assertThatThrownBy(() -> scatter(range(0, 10), 0, 1, false)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void graph_scattersToEachOutputInOrder() {
        Recorder rec = new Recorder();
        Graph g = new Graph();
        g.app("R", Graph.RANDOM).param("size", 10).outputs("ARR");
        g.memory("ARR").consumers("S");
        g.app("S", Graph.SCATTER).param("num_of_copies", 3).outputs("P0", "P1", "P2");
        for (int i = 0; i < 3; i++) {
            g.memory("P" + i).consumers("G");
        }
        g.app("G", rec);
        try (TestRun run = TestRun.deploy(dir, g)) {
            assertThat(run.runToEnd()).isEqualTo(SessionState.FINISHED);
        }

        assertThat(List.of(rec.bytes("P0"), rec.bytes("P1"), rec.bytes("P2")))
                .extracting(b -> ((List<?>) Pickles.loads(b)).size()).containsExactly(4, 3, 3);
    }

    @Test
    void graph_tooFewOutputs_isAnError() {
        Graph g = new Graph();
        g.memory("IN").param("pydata", List.of(1, 2, 3)).consumers("S");
        g.app("S", Graph.SCATTER).param("num_of_copies", 3).outputs("P0");
        g.memory("P0");
        try (TestRun run = TestRun.deploy(dir, g)) {
            assertThat(run.runToEnd()).isEqualTo(SessionState.FAILED);
            assertThat(run.exec("S")).isEqualTo(AppState.ERROR);
        }
    }
}
