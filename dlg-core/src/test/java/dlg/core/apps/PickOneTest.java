package dlg.core.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dlg.core.codec.Pickles;
import dlg.core.runtime.Graph;
import dlg.core.runtime.Recorder;
import dlg.core.runtime.TestRun;
import dlg.core.state.SessionState;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PickOneTest {

    @TempDir
    Path dir;

    private static Object value(TestingDataDrop d) {
        return Pickles.loads(d.bytes());
    }

    @Test
    void run_firstToOutputs_restToTheOutputNamedRestArray() throws Exception {
        TestingDataDrop first = new TestingDataDrop("f");
        TestingDataDrop rest = new TestingDataDrop("r", "r", "rest_array");
        TestingDataDrop first2 = new TestingDataDrop("f2");
        TestingAppContext ctx = new TestingAppContext().input(TestingDataDrop.of("in", Pickles.dumps(List.of(5, 6, 7))))
                .output(first).output(rest).output(first2);

        PickOne.INSTANCE.run(ctx);

        assertThat(value(first)).isEqualTo(5);
        assertThat(value(first2)).isEqualTo(5);
        assertThat(value(rest)).isEqualTo(List.of(6, 7));
    }

    @Test
    void run_restByPortName() throws Exception {
        TestingDataDrop rest = new TestingDataDrop("r");
        TestingAppContext ctx = new TestingAppContext().input(TestingDataDrop.of("in", Pickles.dumps(List.of("a", "b"))))
                .output(rest, "rest_array");

        PickOne.INSTANCE.run(ctx);

        assertThat(value(rest)).isEqualTo(List.of("b"));
    }

    @Test
    void run_oneElement_restIsEmpty() throws Exception {
        TestingDataDrop first = new TestingDataDrop("f");
        TestingDataDrop rest = new TestingDataDrop("r", "r", "rest_array");

        PickOne.INSTANCE.run(new TestingAppContext().input(TestingDataDrop.of("in", Pickles.dumps(List.of(1))))
                .output(first).output(rest));

        assertThat(value(first)).isEqualTo(1);
        assertThat(value(rest)).isEqualTo(List.of());
    }

    @Test
    void run_emptyInput_isNoneAndAnEmptyRest() throws Exception {
        for (byte[] empty : List.of(new byte[0], Pickles.dumps(List.of()))) {
            TestingDataDrop first = new TestingDataDrop("f");
            TestingDataDrop rest = new TestingDataDrop("r", "r", "rest_array");

            PickOne.INSTANCE.run(new TestingAppContext().input(TestingDataDrop.of("in", empty)).output(first).output(rest));

            assertThat(value(first)).isNull();
            assertThat(value(rest)).isEqualTo(List.of());
        }
    }

    @Test
    void run_noInput_fails() {
        assertThatThrownBy(() -> PickOne.INSTANCE.run(new TestingAppContext().output(new TestingDataDrop("o"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void graph_loopStyle_picksUntilEmpty() {
        Recorder rec = new Recorder();
        Graph g = new Graph();
        g.memory("ARR").param("pydata", List.of(1, 2, 3)).consumers("P");
        g.app("P", Graph.PICK_ONE).outputs("V", "REST");
        g.memory("V").consumers("C");
        g.memory("REST").param("name", "rest_array").consumers("C");
        g.app("C", rec);
        try (TestRun run = TestRun.deploy(dir, g)) {
            assertThat(run.runToEnd()).isEqualTo(SessionState.FINISHED);
        }

        assertThat(Pickles.loads(rec.bytes("V"))).isEqualTo(1);
        assertThat(Pickles.loads(rec.bytes("REST"))).isEqualTo(List.of(2, 3));
    }
}
