package dlg.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dlg.core.state.AppState;
import dlg.core.state.DropState;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Drop#move}: the one routine that changes a drop's state and an app's execution state. */
class DropTest {

    @TempDir
    Path dir;

    private TestRun deployed() {
        Graph g = new Graph();
        g.memory("A").consumers("X");
        g.app("X", ctx -> { });
        return TestRun.builder().workers(new ManualExecutor().workers()).deploy(dir, g);
    }

    private static Drop drop(TestRun run, String oid) {
        return run.execution.drop(run.spec.indexOf(oid));
    }

    @Test
    void move_dropState_changesItCountsItAndTellsTheListener() {
        try (TestRun run = deployed()) {
            Drop a = drop(run, "A");

            assertThat(a.move(false, null, DropState.WRITING, true)).isTrue();

            assertThat(a.state()).isEqualTo(DropState.WRITING);
            assertThat(run.execution.counts().count(DropState.WRITING)).isOne();
            assertThat(run.events.indexOf(RecordingListener.status("A", DropState.WRITING))).isNotNegative();
        }
    }

    @Test
    void move_appState_sameRoutineCountsTheExecutionState() {
        try (TestRun run = deployed()) {
            Drop x = drop(run, "X");

            assertThat(x.move(true, null, AppState.RUNNING, true)).isTrue();

            assertThat(run.exec("X")).isEqualTo(AppState.RUNNING);
            assertThat(run.execution.counts().count(AppState.RUNNING)).isOne();
            assertThat(run.execution.startedMillis(run.spec.indexOf("X"))).isPositive();
        }
    }

    @Test
    void move_illegal_throwsNamingTheDropAndBothStates() {
        try (TestRun run = deployed()) {
            Drop x = drop(run, "X");
            x.move(true, null, AppState.SKIPPED, true);
            Drop a = drop(run, "A");
            a.move(false, null, DropState.COMPLETED, true);

            assertThatThrownBy(() -> a.move(false, null, DropState.WRITING, true))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("drop A: illegal transition COMPLETED -> WRITING");
            assertThat(a.move(false, null, DropState.WRITING, false)).isFalse();
            // a terminal state lost a race: no throw, nothing moves
            assertThat(x.move(true, null, AppState.RUNNING, true)).isFalse();
            assertThat(run.exec("X")).isEqualTo(AppState.SKIPPED);
        }
    }

    @Test
    void move_fromAnotherStateThanExpected_leavesItAlone() {
        try (TestRun run = deployed()) {
            Drop x = drop(run, "X");
            x.move(true, null, AppState.RUNNING, true);

            assertThat(x.move(true, AppState.NOT_RUN, AppState.ERROR, true)).isFalse();

            assertThat(run.exec("X")).isEqualTo(AppState.RUNNING);
            assertThat(x.move(true, AppState.RUNNING, AppState.ERROR, true)).isTrue();
        }
    }
}
