package dlg.core.runtime;

import static dlg.core.runtime.DropEvent.Type.DROP_COMPLETED;
import static dlg.core.runtime.RemoteLink.Role.INPUT_OF_LOCAL_APP;
import static dlg.core.runtime.RemoteLink.Role.PRODUCER_OF_LOCAL_DATA;
import static org.assertj.core.api.Assertions.assertThat;

import dlg.core.state.DropState;
import dlg.core.state.SessionState;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Execution#failedOnItsOwn}: which failed drops are root causes, which failed because of their inputs. */
class FailedOnItsOwnTest {

    @TempDir
    Path dir;

    private static TestingApp.Body failing(String why) {
        return ctx -> {
            throw new IllegalStateException(why);
        };
    }

    private static boolean own(TestRun run, String oid) {
        return run.execution.failedOnItsOwn(run.spec.indexOf(oid));
    }

    @Test
    void failedOnItsOwn_appRaisesThenDataAndNextAppFail_onlyTheAppIsOwn() {
        Graph g = new Graph();
        g.app("A", failing("boom")).outputs("D");
        g.memory("D").consumers("B");
        g.app("B", ctx -> { }).outputs("E");
        g.memory("E");
        try (TestRun run = TestRun.deploy(dir, g)) {
            assertThat(run.runToEnd()).isEqualTo(SessionState.FAILED);

            assertThat(own(run, "A")).isTrue();
            assertThat(own(run, "D")).as("data after a failed producer").isFalse();
            assertThat(own(run, "B")).as("app after a failed input").isFalse();
            assertThat(own(run, "E")).isFalse();
            assertThat(run.state("E")).isEqualTo(DropState.ERROR);
        }
    }

    @Test
    void failedOnItsOwn_appWithThresholdRunsDespiteAFailedInputThenRaises_isOwn() {
        Graph g = new Graph();
        g.app("P1", failing("p1")).outputs("I1");
        g.app("P2", ctx -> { }).outputs("I2");
        g.memory("I1").consumers("X");
        g.memory("I2").consumers("X");
        g.app("X", failing("x raised")).param("input_error_threshold", 50);
        try (TestRun run = TestRun.deploy(dir, g)) {
            assertThat(run.runToEnd()).isEqualTo(SessionState.FAILED);

            assertThat(run.status("X").error()).isEqualTo("x raised");
            assertThat(own(run, "X")).isTrue();
            assertThat(own(run, "I1")).isFalse();
        }
    }

    @Test
    void failedOnItsOwn_badThreshold_isOwn() {
        Graph g = new Graph();
        g.app("P", failing("p")).outputs("I");
        g.memory("I").consumers("X");
        g.app("X", ctx -> { }).param("input_error_threshold", "lots");
        try (TestRun run = TestRun.deploy(dir, g)) {
            run.runToEnd();

            assertThat(run.status("X").error()).contains("input_error_threshold");
            assertThat(own(run, "X")).isTrue();
        }
    }

    @Test
    void failedOnItsOwn_dropsNotInError_areNeverOwn() {
        Graph g = new Graph();
        g.app("A", ctx -> { }).outputs("D");
        g.memory("D");
        try (TestRun run = TestRun.deploy(dir, g)) {
            assertThat(run.runToEnd()).isEqualTo(SessionState.FINISHED);

            assertThat(own(run, "A")).isFalse();
            assertThat(own(run, "D")).isFalse();
        }
    }

    @Test
    void failedOnItsOwn_remoteInputFailed_appFailsBecauseOfItsInputs() {
        Graph g = new Graph();
        g.app("B", ctx -> { }).outputs("C");
        g.memory("C");
        try (TestRun run = TestRun.builder().remoteLinks(new RemoteLink("B", INPUT_OF_LOCAL_APP, "A"))
                .deploy(dir, g)) {
            assertThat(run.execution.remoteInputFailedMillis("A")).isEqualTo(-1);
            run.execution.deliverRemote("A", DROP_COMPLETED, DropState.ERROR);

            assertThat(run.await()).isEqualTo(SessionState.FAILED);
            assertThat(own(run, "B")).isFalse();
            assertThat(own(run, "C")).isFalse();
            assertThat(run.execution.remoteInputFailedMillis("A")).isGreaterThanOrEqualTo(run.execution.startMillis());
            assertThat(run.execution.remoteInputFailedMillis("unknown")).isEqualTo(-1);
        }
    }

    @Test
    void failedOnItsOwn_remoteInputsNodeLost_appAndDataFailBecauseOfTheirInputs() {
        Graph g = new Graph();
        g.app("B", ctx -> { }).outputs("C");
        g.memory("C");
        g.memory("W").consumers("D");
        g.app("D", ctx -> { });
        try (TestRun run = TestRun.builder().remoteLinks(new RemoteLink("B", INPUT_OF_LOCAL_APP, "A"),
                new RemoteLink("W", PRODUCER_OF_LOCAL_DATA, "P")).deploy(dir, g)) {
            run.execution.remoteLost(List.of("A", "P"), "node n1 lost");

            assertThat(run.await()).isEqualTo(SessionState.FAILED);
            assertThat(own(run, "B")).isFalse();
            assertThat(own(run, "C")).isFalse();
            assertThat(own(run, "W")).as("data whose remote producer's node was lost").isFalse();
            assertThat(own(run, "D")).isFalse();
            assertThat(run.execution.remoteInputFailedMillis("A")).isPositive();
        }
    }
}
