package dlg.core.apps;

import static org.assertj.core.api.Assertions.assertThat;

import dlg.core.runtime.Graph;
import dlg.core.runtime.TestRun;
import dlg.core.state.SessionState;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenericGatherAppTest {

    @TempDir
    Path dir;

    @Test
    void run_concatenatesInputsInOrderIntoEveryOutput() throws Exception {
        TestingDataDrop o1 = new TestingDataDrop("o1");
        TestingDataDrop o2 = new TestingDataDrop("o2");
        TestingAppContext ctx = new TestingAppContext().input(TestingDataDrop.of("a", "1"))
                .input(TestingDataDrop.of("b", "22")).input(TestingDataDrop.of("c", "333")).output(o1).output(o2);

        GenericGatherApp.INSTANCE.run(ctx);

        assertThat(o1.text()).isEqualTo("122333");
        assertThat(o2.text()).isEqualTo("122333");
    }

    @Test
    void run_noInputs_writesNothing() throws Exception {
        TestingDataDrop o = new TestingDataDrop("o");

        GenericGatherApp.INSTANCE.run(new TestingAppContext().output(o));

        assertThat(o.bytes()).isEmpty();
    }

    @Test
    void graph_gathersBranchesInTheOrderTheyAreDeclared() throws Exception {
        Graph g = new Graph();
        for (String s : new String[] {"x", "y", "z"}) {
            g.app("H" + s, Graph.HELLO).arg("greet", s).outputs("D" + s);
            g.memory("D" + s);
        }
        g.app("G", Graph.GATHER).inputs("Dz", "Dx", "Dy").outputs("OUT");
        g.file("OUT").param("filepath", "gathered.txt");
        try (TestRun run = TestRun.deploy(dir, g)) {
            assertThat(run.runToEnd()).isEqualTo(SessionState.FINISHED);
        }

        assertThat(Files.readString(dir.resolve("gathered.txt"))).isEqualTo("Hello zHello xHello y");
    }
}
