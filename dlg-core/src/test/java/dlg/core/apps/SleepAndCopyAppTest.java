package dlg.core.apps;

import static org.assertj.core.api.Assertions.assertThat;

import dlg.core.runtime.Graph;
import dlg.core.runtime.TestRun;
import dlg.core.state.SessionState;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SleepAndCopyAppTest {

    @TempDir
    Path dir;

    @Test
    void run_sleepsThenCopies() throws Exception {
        TestingDataDrop out = new TestingDataDrop("o");
        TestingAppContext ctx = new TestingAppContext().arg("sleep_time", 0.01)
                .input(TestingDataDrop.of("a", "x")).input(TestingDataDrop.of("b", "y")).output(out);

        SleepAndCopyApp.INSTANCE.run(ctx);

        assertThat(out.text()).isEqualTo("xy");
    }

    @Test
    void waits_likeSleepApp() {
        assertThat(SleepAndCopyApp.INSTANCE.waits(new TestingAppContext().arg("sleep_time", 1))).isTrue();
        assertThat(SleepAndCopyApp.INSTANCE.waits(new TestingAppContext().arg("sleep_time", 0))).isFalse();
    }

    @Test
    void graph_copiesAfterSleeping() throws Exception {
        Graph g = new Graph();
        g.memory("A").param("pydata", "payload").consumers("S");
        g.app("S", Graph.SLEEP_AND_COPY).param("sleep_time", 0.01).outputs("O");
        g.file("O").param("filepath", "o.txt");
        try (TestRun run = TestRun.deploy(dir, g)) {
            assertThat(run.runToEnd()).isEqualTo(SessionState.FINISHED);
        }

        assertThat(Files.readString(dir.resolve("o.txt"))).isEqualTo("payload");
    }
}
