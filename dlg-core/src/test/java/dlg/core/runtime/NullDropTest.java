package dlg.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dlg.core.app.DataDrop;
import dlg.core.state.DropState;
import dlg.core.state.SessionState;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NullDropTest {

    @TempDir
    Path dir;

    @Test
    void nullDrop_discardsWritesAndReadsEmpty() throws Exception {
        AtomicReference<DataDrop> out = new AtomicReference<>();
        Recorder rec = new Recorder();
        Graph g = new Graph();
        g.app("X", ctx -> {
            out.set(ctx.outputs().getFirst());
            ctx.outputs().getFirst().write(new byte[1000]);
        }).outputs("N");
        g.data("N", Graph.NULL).consumers("R");
        g.app("R", rec);
        try (TestRun run = TestRun.deploy(dir, g)) {
            assertThat(run.runToEnd()).isEqualTo(SessionState.FINISHED);
            assertThat(run.state("N")).isEqualTo(DropState.COMPLETED); // never expired
        }

        assertThat(rec.bytes("N")).isEmpty();
        assertThat(out.get().size()).isZero();
        assertThat(out.get().path()).isEmpty();
        assertThat(out.get().dataUrl()).isEqualTo("null://");
    }

    @Test
    void endDrop_asATriggeredRoot_endsTheSessionAtOnce() {
        Graph g = new Graph();
        g.data("E", Graph.END);
        g.memory("A").consumers("X");
        g.app("X", Graph.NULL_BARRIER);
        try (TestRun run = TestRun.builder().workers(new ManualExecutor().workers()).deploy(dir, g)) {
            run.trigger("E");

            assertThat(run.await()).isEqualTo(SessionState.FINISHED);
            assertThat(run.state("E")).isEqualTo(DropState.COMPLETED);
            assertThat(run.state("A")).isEqualTo(DropState.SKIPPED);
            assertThat(run.state("X")).isEqualTo(DropState.SKIPPED);
        }
    }

    @Test
    void endDrop_afterAFailure_endsFailed() {
        Graph g = new Graph();
        g.app("F", ctx -> {
            throw new IllegalStateException("no");
        }).outputs("D");
        g.memory("D");
        g.data("E", Graph.END);
        ManualExecutor tasks = new ManualExecutor();
        try (TestRun run = TestRun.builder().workers(tasks.workers()).deploy(dir, g)) {
            run.trigger("F");
            tasks.runAll();
            run.trigger("E");

            assertThat(run.await()).isEqualTo(SessionState.FAILED);
        }
    }
}
