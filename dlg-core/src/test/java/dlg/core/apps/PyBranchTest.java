package dlg.core.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dlg.core.codec.Pickles;
import dlg.core.error.InvalidGraphException;
import dlg.core.python.Pythons;
import dlg.core.runtime.ExecutionOptions;
import dlg.core.runtime.Graph;
import dlg.core.runtime.TestRun;
import dlg.core.state.AppState;
import dlg.core.state.DropState;
import dlg.core.state.SessionState;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dlg.apps.simple.Branch}: a Python condition decides which output gets the input. */
class PyBranchTest {

    static final String BRANCH = "dlg.apps.simple.Branch";
    static final String POSITIVE = "def condition(x):\n    return x > 0";

    @TempDir
    Path dir;

    @BeforeEach
    void needsPython() {
        Pythons.assumePython();
    }

    private TestRun run(Graph g) {
        return TestRun.builder().options(new ExecutionOptions(false, false)).deploy(dir, g);
    }

    private static Object pickled(TestRun run, String oid) throws IOException {
        return Pickles.loads(run.execution.data(run.spec.indexOf(oid)).orElseThrow().readAll());
    }

    /** IN -> B; B's true port -> YES -> T -> OUT_T, its false port -> NO -> F -> OUT_F. */
    private static Graph branchGraph(Object input, String code) {
        Graph g = new Graph();
        g.memory("IN").param("pydata", input).consumers("B");
        // false declared first: the port names decide, not the order
        g.app("B", BRANCH).param("func_name", "condition").param("func_code", code)
                .input("IN", "x").output("NO", "false").output("YES", "true");
        g.memory("YES").consumers("T");
        g.memory("NO").consumers("F");
        g.app("T", Graph.COPY).outputs("OUT_T");
        g.memory("OUT_T");
        g.app("F", Graph.COPY).outputs("OUT_F");
        g.memory("OUT_F");
        return g;
    }

    @Test
    void run_conditionTrue_copiesTheInputToTrueAndSkipsFalse() throws Exception {
        try (TestRun run = run(branchGraph(5, POSITIVE))) {
            assertThat(run.runToEnd()).as(run.describeStates()).isEqualTo(SessionState.FINISHED);

            assertThat(run.exec("B")).isEqualTo(AppState.FINISHED);
            assertThat(pickled(run, "OUT_T")).isEqualTo(5);
            for (String skipped : new String[] {"NO", "F", "OUT_F"}) {
                assertThat(run.state(skipped)).as(skipped).isEqualTo(DropState.SKIPPED);
            }
            assertThat(run.exec("F")).isEqualTo(AppState.SKIPPED);
        }
    }

    @Test
    void run_conditionFalse_copiesTheInputToFalseAndSkipsTrue() throws Exception {
        try (TestRun run = run(branchGraph(-3, POSITIVE))) {
            assertThat(run.runToEnd()).as(run.describeStates()).isEqualTo(SessionState.FINISHED);

            assertThat(pickled(run, "OUT_F")).isEqualTo(-3);
            for (String skipped : new String[] {"YES", "T", "OUT_T"}) {
                assertThat(run.state(skipped)).as(skipped).isEqualTo(DropState.SKIPPED);
            }
            assertThat(run.exec("T")).isEqualTo(AppState.SKIPPED);
        }
    }

    @Test
    void run_conditionRaises_failsTheBranchWithThePythonError() {
        try (TestRun run = run(branchGraph(5, "def condition(x):\n    raise ValueError('undecided')"))) {
            assertThat(run.runToEnd()).isEqualTo(SessionState.FAILED);

            assertThat(run.exec("B")).isEqualTo(AppState.ERROR);
            assertThat(run.status("B").error()).startsWith("ValueError: undecided");
            assertThat(run.exec("T")).isNotEqualTo(AppState.FINISHED);
            assertThat(run.exec("F")).isNotEqualTo(AppState.FINISHED);
        }
    }

    @Test
    void run_joinWithBlockSkipBelowBothOutputs_runsWithTheBranchTaken() throws Exception {
        Graph g = new Graph();
        g.memory("IN").param("pydata", 2).consumers("B");
        g.app("B", BRANCH).param("func_name", "condition").param("func_code", POSITIVE)
                .input("IN", "x").output("YES", "true").output("NO", "false");
        g.memory("YES").consumers("J");
        g.memory("NO").consumers("J");
        g.app("J", Graph.COPY).param("block_skip", true).outputs("OUT");
        g.memory("OUT");
        try (TestRun run = run(g)) {
            assertThat(run.runToEnd()).as(run.describeStates()).isEqualTo(SessionState.FINISHED);

            assertThat(run.state("NO")).isEqualTo(DropState.SKIPPED);
            assertThat(run.exec("J")).isEqualTo(AppState.FINISHED);
            assertThat(pickled(run, "OUT")).isEqualTo(2);
        }
    }

    @Test
    void run_noInput_sendsParameterXPickledDownTheBranchTaken() throws Exception {
        Graph g = new Graph();
        g.app("B", BRANCH).param("func_name", "condition").param("func_code", "def condition(x):\n    return x == 'go'")
                .arg("x", "go").output("YES", "true").output("NO", "false");
        g.memory("YES");
        g.memory("NO");
        try (TestRun run = run(g)) {
            assertThat(run.runToEnd()).as(run.describeStates()).isEqualTo(SessionState.FINISHED);

            assertThat(pickled(run, "YES")).isEqualTo("go");
            assertThat(run.state("NO")).isEqualTo(DropState.SKIPPED);
        }
    }

    @Test
    void run_conditionReturnsNoBoolean_theResultParameterDecidesFalseByDefault() throws Exception {
        Graph g = branchGraph(5, "def condition(x):\n    return 1");
        try (TestRun run = run(g)) {
            assertThat(run.runToEnd()).as(run.describeStates()).isEqualTo(SessionState.FINISHED);
            assertThat(run.state("YES")).isEqualTo(DropState.SKIPPED);
            assertThat(pickled(run, "OUT_F")).isEqualTo(5);
        }
    }

    @Test
    void run_conditionReturnsANumpyBool_decidesAsABool() throws Exception {
        Pythons.assumeNumpy();
        try (TestRun run = run(branchGraph(5, "import numpy\ndef condition(x):\n    return numpy.int64(x) > 0"))) {
            assertThat(run.runToEnd()).as(run.describeStates()).isEqualTo(SessionState.FINISHED);

            assertThat(pickled(run, "OUT_T")).isEqualTo(5);
            assertThat(run.state("NO")).isEqualTo(DropState.SKIPPED);
        }
    }

    @Test
    void run_branchLinkedStraightToApps_runsTheAppOnTheTruePortOnly() {
        Graph g = new Graph();
        g.memory("IN").param("pydata", 1).consumers("B");
        g.app("B", BRANCH).param("func_name", "condition").param("func_code", POSITIVE)
                .input("IN", "x").output("F", "false").output("T", "true");
        g.app("T", Graph.HELLO).outputs("OUT_T");
        g.memory("OUT_T");
        g.app("F", Graph.HELLO).outputs("OUT_F");
        g.memory("OUT_F");
        try (TestRun run = run(g)) {
            assertThat(run.runToEnd()).as(run.describeStates()).isEqualTo(SessionState.FINISHED);

            assertThat(run.exec("T")).isEqualTo(AppState.FINISHED);
            assertThat(run.exec("F")).isEqualTo(AppState.SKIPPED);
            assertThat(run.state("OUT_F")).isEqualTo(DropState.SKIPPED);
        }
    }

    @Test
    void deploy_conditionThatCannotBeLoaded_isRefusedAsForAPyFuncApp() {
        assertThatThrownBy(() -> run(branchGraph(5, "def other(x):\n    return True")))
                .isInstanceOf(InvalidGraphException.class)
                .satisfies(e -> assertThat(((InvalidGraphException) e).problems()).singleElement()
                        .satisfies(p -> assertThat(p.oid()).isEqualTo("B"))
                        .satisfies(p -> assertThat(p.message()).contains("func_code does not define a function named 'condition'")));
    }
}
