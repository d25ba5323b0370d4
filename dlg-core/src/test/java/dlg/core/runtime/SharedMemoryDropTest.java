package dlg.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dlg.core.app.DataDrop;
import dlg.core.error.InvalidGraphException;
import dlg.core.state.DropState;
import dlg.core.state.SessionState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SharedMemoryDropTest {

    private static final String SHM_CLASS = "dlg.data.drops.memory.SharedMemoryDROP";

    @TempDir
    Path dir;

    /** A uid no other test (nor a parallel build) uses, as segments are named after it. */
    private final String uid = "shm-test-" + UUID.randomUUID();

    private Path segment() {
        return SharedMemoryDrop.SHM.resolve(SharedMemoryDrop.name("s1", uid));
    }

    @Test
    void name_isDaliugesSessionUnderscoreUidMadeSafe() {
        assertThat(SharedMemoryDrop.name("s1", "a/b c")).isEqualTo("s1_a_b_c");
    }

    @Test
    void retry_segmentWrittenByAFailedAttempt_isEmptiedFirst() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        AtomicReference<String> read = new AtomicReference<>();
        Graph g = new Graph();
        g.app("W", ctx -> {
            ctx.outputs().getFirst().write("once".getBytes(StandardCharsets.UTF_8));
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("half-way");
            }
        }).param("n_tries", 2).outputs("M");
        g.data("M", SHM_CLASS).param("uid", uid).consumers("R");
        g.app("R", ctx -> read.set(new String(ctx.inputs().getFirst().readAll(), StandardCharsets.UTF_8)));
        try (TestRun run = TestRun.deploy(dir, g)) {
            assertThat(run.runToEnd()).isEqualTo(SessionState.FINISHED);

            assertThat(read).hasValue("once");
        }
    }

    @Test
    void run_writerAndReaderShareTheSegmentUnderDevShm_freedAfterUse() throws Exception {
        AtomicReference<String> read = new AtomicReference<>();
        AtomicReference<String> inShm = new AtomicReference<>();
        Graph g = new Graph();
        g.app("W", ctx -> ctx.outputs().getFirst().write("shared bytes".getBytes(StandardCharsets.UTF_8)))
                .outputs("M");
        g.data("M", SHM_CLASS).param("uid", uid).consumers("R");
        g.app("R", ctx -> {
            inShm.set(Files.readString(ctx.inputs().getFirst().readablePath().orElseThrow()));
            read.set(new String(ctx.inputs().getFirst().readAll(), StandardCharsets.UTF_8));
        }).outputs("OUT");
        g.memory("OUT");
        try (TestRun run = TestRun.deploy(dir, g)) {
            assertThat(run.runToEnd()).isEqualTo(SessionState.FINISHED);

            assertThat(run.state("M")).isEqualTo(DropState.EXPIRED);
        }

        assertThat(inShm.get()).isEqualTo("shared bytes");
        assertThat(read.get()).isEqualTo("shared bytes");
        assertThat(segment()).doesNotExist();
    }

    @Test
    void persistedLeaf_keepsItsSegmentUntilTheSessionEnds() throws Exception {
        AtomicReference<DataDrop> out = new AtomicReference<>();
        AtomicReference<Boolean> existedWhileRunning = new AtomicReference<>();
        Graph g = new Graph();
        g.app("W", ctx -> {
            out.set(ctx.outputs().getFirst());
            ctx.outputs().getFirst().write(new byte[] {1, 2, 3});
            existedWhileRunning.set(Files.size(segment()) == 3);
        }).outputs("M");
        g.data("M", SHM_CLASS).param("uid", uid).param("persist", true);
        try (TestRun run = TestRun.deploy(dir, g)) {
            assertThat(run.runToEnd()).isEqualTo(SessionState.FINISHED);
        }

        assertThat(existedWhileRunning.get()).isTrue();
        assertThat(segment()).doesNotExist();
        assertThatThrownBy(() -> out.get().open()).isInstanceOf(IOException.class).hasMessageContaining("released");
    }

    @Test
    void pydata_isTheSegmentsInitialContent() throws Exception {
        AtomicReference<String> read = new AtomicReference<>();
        Graph g = new Graph();
        g.data("M", SHM_CLASS).param("uid", uid).param("pydata", "hello").consumers("R");
        g.app("R", ctx -> read.set(new String(ctx.inputs().getFirst().readAll(), StandardCharsets.UTF_8)))
                .outputs("OUT");
        g.memory("OUT");
        try (TestRun run = TestRun.deploy(dir, g)) {
            assertThat(run.runToEnd()).isEqualTo(SessionState.FINISHED);
        }

        assertThat(read.get()).isEqualTo("hello");
        assertThat(segment()).doesNotExist();
    }

    @Test
    void deployRefused_freesTheSegmentsAlreadyMade() {
        Graph g = new Graph();
        g.data("M", SHM_CLASS).param("uid", uid);
        g.file("F").param("filepath", "missing.txt").param("check_filepath_exists", true);

        assertThatThrownBy(() -> TestRun.deploy(dir, g)).isInstanceOf(InvalidGraphException.class);

        assertThat(segment()).doesNotExist();
    }
}
