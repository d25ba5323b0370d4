package dlg.core.runtime;

import static dlg.core.runtime.DropEvent.Type.DROP_COMPLETED;
import static dlg.core.runtime.DropEvent.Type.PRODUCER_FINISHED;
import static dlg.core.runtime.RemoteLink.Role.INPUT_OF_LOCAL_APP;
import static dlg.core.runtime.RemoteLink.Role.PRODUCER_OF_LOCAL_DATA;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dlg.core.state.DropState;
import dlg.core.state.SessionState;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A remote app writing local data drops: its producerFinished counts as a local producer's. */
class RemoteProducerTest {

    @TempDir
    Path dir;

    private static final RemoteLink R_WRITES_C = new RemoteLink("C", PRODUCER_OF_LOCAL_DATA, "R");
    /** What R's node serves: its stand-in of each drop R wrote. */
    private static final RemoteData WRITTEN_BY_R =
            (sid, uid) -> new ByteArrayInputStream(("R wrote " + uid).getBytes(UTF_8));

    /** L (local app, run by a remote input Q) and the remote R write C. */
    private TestRun deploy(ManualExecutor tasks) {
        Graph g = new Graph();
        g.app("L", ctx -> { }).outputs("C");
        g.memory("C");
        TestRun.Builder b = TestRun.builder().remoteLinks(R_WRITES_C, new RemoteLink("L", INPUT_OF_LOCAL_APP, "Q"))
                .remoteData(WRITTEN_BY_R);
        return (tasks == null ? b : b.workers(tasks.workers())).deploy(dir, g);
    }

    @Test
    void finished_remoteSkippedAndLocalRan_dataCompletes() {
        try (TestRun run = deploy(null)) {
            run.execution.deliverRemote("R", PRODUCER_FINISHED, DropState.SKIPPED);
            run.execution.deliverRemote("Q", DROP_COMPLETED, DropState.COMPLETED);

            assertThat(run.await()).isEqualTo(SessionState.FINISHED);
            assertThat(run.state("C")).isEqualTo(DropState.COMPLETED);
        }
    }

    @Test
    void finished_remoteAndLocalSkipped_dataIsSkipped() {
        try (TestRun run = deploy(null)) {
            run.execution.deliverRemote("Q", DROP_COMPLETED, DropState.SKIPPED); // L is skipped
            run.execution.deliverRemote("R", PRODUCER_FINISHED, DropState.SKIPPED);

            assertThat(run.await()).isEqualTo(SessionState.FINISHED);
            assertThat(run.state("C")).isEqualTo(DropState.SKIPPED);
        }
    }

    @Test
    void finished_remoteFailedAndLocalRan_dataFails() {
        try (TestRun run = deploy(null)) {
            run.execution.deliverRemote("Q", DROP_COMPLETED, DropState.COMPLETED);
            run.execution.deliverRemote("R", PRODUCER_FINISHED, DropState.ERROR);

            assertThat(run.await()).isEqualTo(SessionState.FAILED);
            assertThat(run.status("C").error()).isEqualTo("a producer failed");
        }
    }

    @Test
    void finished_twice_countsOnceAndTheLocalProducerIsStillAwaited() {
        ManualExecutor tasks = new ManualExecutor();
        try (TestRun run = deploy(tasks)) {
            assertThat(run.execution.deliverRemote("R", PRODUCER_FINISHED, DropState.COMPLETED)).isTrue();

            assertThat(run.execution.deliverRemote("R", PRODUCER_FINISHED, DropState.COMPLETED)).isFalse();
            assertThat(run.execution.deliverRemote("R", PRODUCER_FINISHED, DropState.ERROR)).isFalse();

            assertThat(run.state("C")).isEqualTo(DropState.INITIALIZED);
            run.execution.deliverRemote("Q", DROP_COMPLETED, DropState.COMPLETED);
            tasks.runAll();
            assertThat(run.state("C")).isEqualTo(DropState.COMPLETED);
            assertThat(content(run, "C")).isEqualTo("R wrote C");
        }
    }

    @Test
    void finished_contentFetchedFromTheAppsNode_thenTheDropCompletes() {
        ManualExecutor tasks = new ManualExecutor();
        Graph g = new Graph();
        g.memory("C").param("pydata", "placeholder");
        try (TestRun run = TestRun.builder().remoteLinks(R_WRITES_C).remoteData(WRITTEN_BY_R)
                .workers(tasks.workers()).deploy(dir, g)) {
            run.execution.deliverRemote("R", PRODUCER_FINISHED, DropState.COMPLETED);

            assertThat(run.state("C")).isEqualTo(DropState.INITIALIZED); // not before its content is here
            tasks.runAll();
            assertThat(run.state("C")).isEqualTo(DropState.COMPLETED);
            assertThat(content(run, "C")).isEqualTo("R wrote C");
        }
    }

    private static String content(TestRun run, String oid) {
        try {
            return new String(run.execution.data(run.execution.indexOf(oid)).orElseThrow().readAll(), UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void finished_beforeTrigger_completesEveryDataDropItWrites() {
        Graph g = new Graph();
        g.memory("C1");
        g.memory("C2");
        try (TestRun run = TestRun.builder().remoteLinks(new RemoteLink("C1", PRODUCER_OF_LOCAL_DATA, "R"),
                new RemoteLink("C2", PRODUCER_OF_LOCAL_DATA, "R")).remoteData(WRITTEN_BY_R).deploy(dir, g)) {
            assertThat(run.execution.deliverRemote("R", PRODUCER_FINISHED, DropState.COMPLETED)).isTrue();

            assertThat(run.await()).isEqualTo(SessionState.FINISHED);
            assertThat(run.state("C1")).isEqualTo(DropState.COMPLETED);
            assertThat(content(run, "C1")).isEqualTo("R wrote C1");
            assertThat(content(run, "C2")).isEqualTo("R wrote C2");
        }
    }
}
