package dlg.core.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dlg.core.runtime.Graph;
import dlg.core.runtime.TestRun;
import dlg.core.state.AppState;
import dlg.core.state.DropState;
import dlg.core.state.SessionState;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimpleBranchTest {

    @TempDir
    Path dir;

    private static TestingAppContext twoOutputs(String port0, String port1) {
        return new TestingAppContext().output(new TestingDataDrop("o0"), port0).output(new TestingDataDrop("o1"), port1);
    }

    @Test
    void run_resultTrueByDefault_skipsTheSecondOutput() {
        TestingAppContext ctx = twoOutputs(null, null);

        SimpleBranch.INSTANCE.run(ctx);

        assertThat(ctx.skippedOutputs()).containsExactly(1);
    }

    @Test
    void run_resultFalseAsText_skipsTheFirstOutput() {
        TestingAppContext ctx = twoOutputs(null, null).arg("result", "False");

        SimpleBranch.INSTANCE.run(ctx);

        assertThat(ctx.skippedOutputs()).containsExactly(0);
    }

    @Test
    void takeBranch_portsNamedTrueAndFalse_followNamesNotOrder() {
        TestingAppContext whenTrue = twoOutputs("false", "true");
        TestingAppContext whenFalse = twoOutputs("false", "true");

        assertThat(SimpleBranch.takeBranch(whenTrue, true)).isEqualTo(1);
        assertThat(SimpleBranch.takeBranch(whenFalse, false)).isEqualTo(0);

        assertThat(whenTrue.skippedOutputs()).containsExactly(0);
        assertThat(whenFalse.skippedOutputs()).containsExactly(1);
    }

    @Test
    void run_oneOutput_isRefused() {
        TestingAppContext ctx = new TestingAppContext().output(new TestingDataDrop("o"));

        assertThatThrownBy(() -> SimpleBranch.INSTANCE.run(ctx))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exactly 2 outputs (true and false), not 1");
    }

    /** B branches; T1 -> DT -> T2 -> OUT_T below true, F1 -> DF -> F2 -> OUT_F below false. */
    private static Graph branchGraph(Object result) {
        Graph g = new Graph();
        g.memory("IN").consumers("B");
        g.app("B", "dlg.apps.simple.SimpleBranch").param("result", result).output("YES", "true").output("NO", "false");
        g.memory("YES").consumers("T1");
        g.memory("NO").consumers("F1");
        g.app("T1", Graph.HELLO).outputs("DT");
        g.memory("DT").consumers("T2");
        g.app("T2", Graph.COPY).outputs("OUT_T");
        g.file("OUT_T").param("filepath", "true.txt");
        g.app("F1", Graph.HELLO).outputs("DF");
        g.memory("DF").consumers("F2");
        g.app("F2", Graph.COPY).outputs("OUT_F");
        g.file("OUT_F").param("filepath", "false.txt");
        return g;
    }

    @Test
    void graph_resultFalse_skipsTheTrueBranchAndEverythingBelowIt() throws Exception {
        try (TestRun run = TestRun.deploy(dir, branchGraph(false))) {
            assertThat(run.runToEnd()).isEqualTo(SessionState.FINISHED);

            assertThat(run.exec("B")).isEqualTo(AppState.FINISHED);
            assertThat(run.state("NO")).isIn(DropState.COMPLETED, DropState.EXPIRED);
            assertThat(run.exec("F2")).isEqualTo(AppState.FINISHED);
            for (String skipped : new String[] {"YES", "T1", "DT", "T2", "OUT_T"}) {
                assertThat(run.state(skipped)).as(skipped).isEqualTo(DropState.SKIPPED);
            }
            assertThat(run.exec("T1")).isEqualTo(AppState.SKIPPED);
        }

        // the branch writes nothing: HelloWorldApp greets its empty input
        assertThat(Files.readString(dir.resolve("false.txt"))).isEqualTo("Hello, ");
        assertThat(dir.resolve("true.txt")).doesNotExist();
    }

    @Test
    void graph_resultTrue_skipsTheFalseBranch() throws Exception {
        try (TestRun run = TestRun.deploy(dir, branchGraph(true))) {
            assertThat(run.runToEnd()).isEqualTo(SessionState.FINISHED);

            assertThat(run.state("OUT_F")).isEqualTo(DropState.SKIPPED);
            assertThat(run.state("OUT_T")).isEqualTo(DropState.COMPLETED);
        }

        assertThat(dir.resolve("true.txt")).exists();
        assertThat(dir.resolve("false.txt")).doesNotExist();
    }

    @Test
    void graph_joinBelowBothBranches_isSkippedWithTheBranchNotTaken() throws Exception {
        Graph g = new Graph();
        g.memory("IN").consumers("B");
        g.app("B", "dlg.apps.simple.SimpleBranch").param("result", "True").outputs("YES", "NO");
        g.memory("YES").consumers("J");
        g.memory("NO").consumers("J");
        g.app("J", Graph.NULL_BARRIER).outputs("OUT");
        g.memory("OUT");
        try (TestRun run = TestRun.deploy(dir, g)) {
            assertThat(run.runToEnd()).isEqualTo(SessionState.FINISHED);

            assertThat(run.state("YES")).isIn(DropState.COMPLETED, DropState.EXPIRED);
            assertThat(run.state("NO")).isEqualTo(DropState.SKIPPED);
            assertThat(run.exec("J")).isEqualTo(AppState.SKIPPED);
            assertThat(run.state("OUT")).isEqualTo(DropState.SKIPPED);
        }
    }

    @Test
    void graph_joinWithBlockSkip_runsWithTheBranchTaken() throws Exception {
        Graph g = new Graph();
        g.memory("IN").consumers("B");
        g.app("B", "dlg.apps.simple.SimpleBranch").param("result", false).outputs("YES", "NO");
        g.memory("YES").consumers("J");
        g.memory("NO").consumers("J");
        g.app("J", Graph.NULL_BARRIER).param("block_skip", true).outputs("OUT");
        g.memory("OUT");
        try (TestRun run = TestRun.deploy(dir, g)) {
            assertThat(run.runToEnd()).isEqualTo(SessionState.FINISHED);

            assertThat(run.state("YES")).isEqualTo(DropState.SKIPPED);
            assertThat(run.exec("J")).isEqualTo(AppState.FINISHED);
            assertThat(run.state("OUT")).isEqualTo(DropState.COMPLETED);
        }
    }

    @Test
    void graph_branchLinkedStraightToApps_skipsTheAppOnTheFalsePort() throws Exception {
        Graph g = new Graph();
        g.app("B", "dlg.apps.simple.SimpleBranch").param("result", true).output("F", "false").output("T", "true");
        g.app("F", Graph.HELLO).outputs("OUT_F");
        g.file("OUT_F").param("filepath", "false.txt");
        g.app("T", Graph.HELLO).outputs("OUT_T");
        g.file("OUT_T").param("filepath", "true.txt");
        try (TestRun run = TestRun.deploy(dir, g)) {
            assertThat(run.runToEnd()).isEqualTo(SessionState.FINISHED);

            assertThat(run.exec("T")).isEqualTo(AppState.FINISHED);
            assertThat(run.exec("F")).isEqualTo(AppState.SKIPPED);
            assertThat(run.state("OUT_F")).isEqualTo(DropState.SKIPPED);
        }

        assertThat(Files.readString(dir.resolve("true.txt"))).isEqualTo("Hello World");
        assertThat(dir.resolve("false.txt")).doesNotExist();
    }

    @Test
    void takeBranch_oneDataOutputAndOneApp_countsBothInOrder() {
        TestingAppContext ctx = new TestingAppContext().output(new TestingDataDrop("o"), null).nextApp(null);

        assertThat(SimpleBranch.takeBranch(ctx, false)).isEqualTo(1);

        assertThat(ctx.skippedOutputs()).containsExactly(0);
        assertThat(ctx.skippedNextApps()).isEmpty();
    }
}
