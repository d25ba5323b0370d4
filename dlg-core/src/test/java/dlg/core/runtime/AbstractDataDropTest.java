package dlg.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dlg.core.app.DataDrop;
import dlg.core.state.AppState;
import dlg.core.state.DropState;
import dlg.core.state.SessionState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Life of data drops at run time: completion by producers, expiry after use, writing rules. */
class AbstractDataDropTest {

    @TempDir
    Path dir;

    private static TestingApp.Body writes(String text) {
        return ctx -> {
            for (DataDrop out : ctx.outputs()) {
                out.write(text.getBytes(StandardCharsets.UTF_8));
            }
        };
    }

    /** A (memory, given params) -> X (records) -> C (memory leaf). */
    private static Graph consumed(String dataClass, Recorder rec, Object... params) {
        Graph g = new Graph();
        Graph.Node a = g.data("A", dataClass).param("pydata", "payload").consumers("X");
        if (dataClass.equals(Graph.FILE)) {
            a.param("filepath", "a.txt");
        }
        for (int i = 0; i < params.length; i += 2) {
            a.param((String) params[i], params[i + 1]);
        }
        g.app("X", ctx -> {
            rec.run(ctx);
            ctx.outputs().getFirst().write("result".getBytes(StandardCharsets.UTF_8));
        }).outputs("C");
        g.memory("C");
        return g;
    }

    // ---- Completion by producers ----

    @Test
    void completes_whenItsLastProducerFinished() {
        ManualExecutor tasks = new ManualExecutor();
        Graph g = new Graph();
        g.app("P1", writes("1")).outputs("D");
        g.app("P2", writes("2")).outputs("D");
        g.memory("D");
        try (TestRun run = TestRun.builder().workers(tasks.workers()).deploy(dir, g)) {
            run.trigger("P1", "P2");
            tasks.runOne();
            assertThat(run.state("D")).isEqualTo(DropState.WRITING);

            tasks.runOne();

            assertThat(run.state("D")).isEqualTo(DropState.COMPLETED);
        }
    }

    @Test
    void fails_whenAnyProducerFailed_evenIfOthersFinished() {
        Graph g = new Graph();
        g.app("P1", writes("1")).outputs("D");
        g.app("P2", ctx -> {
            throw new IllegalStateException("p2");
        }).outputs("D");
        g.memory("D");
        try (TestRun run = TestRun.deploy(dir, g)) {
            assertThat(run.runToEnd()).isEqualTo(SessionState.FAILED);

            assertThat(run.status("D").status()).isEqualTo(DropState.ERROR);
            assertThat(run.status("D").error()).isEqualTo("a producer failed");
            assertThat(run.status("D").execStatus()).isNull();
        }
    }

    @Test
    void root_completesWhenTriggered() {
        Recorder rec = new Recorder();
        try (TestRun run = TestRun.deploy(dir, consumed(Graph.MEMORY, rec))) {
            assertThat(run.runToEnd()).isEqualTo(SessionState.FINISHED);

            assertThat(rec.text("A")).isEqualTo("payload");
        }
    }

    // ---- Expiry ----

    @Test
    void memoryDrop_afterItsConsumersFinished_expiresAndReleasesItsData() {
        Recorder rec = new Recorder();
        try (TestRun run = TestRun.deploy(dir, consumed(Graph.MEMORY, rec))) {
            run.runToEnd();

            assertThat(run.state("A")).isEqualTo(DropState.EXPIRED);
            assertThat(run.state("A").code()).isEqualTo(4);
            assertThatThrownBy(() -> rec.drop("A").open()).isInstanceOf(IOException.class)
                    .hasMessageContaining("released");
            assertThat(rec.drop("A").size()).isZero();
        }
    }

    @Test
    void memoryDrop_expiresOnlyAfterItsLastConsumer() {
        ManualExecutor tasks = new ManualExecutor();
        Graph g = new Graph();
        g.memory("A").consumers("X", "Y");
        g.app("X", Graph.NULL_BARRIER);
        g.app("Y", Graph.NULL_BARRIER);
        try (TestRun run = TestRun.builder().workers(tasks.workers()).deploy(dir, g)) {
            run.trigger("A");
            tasks.runOne();
            assertThat(run.state("A")).isEqualTo(DropState.COMPLETED);

            tasks.runOne();

            assertThat(run.state("A")).isEqualTo(DropState.EXPIRED);
        }
    }

    @Test
    void memoryDrop_whoseConsumerFailed_expiresToo() {
        Graph g = new Graph();
        g.memory("A").consumers("X");
        g.app("X", ctx -> {
            throw new IllegalStateException("no");
        });
        try (TestRun run = TestRun.deploy(dir, g)) {
            run.runToEnd();

            assertThat(run.state("A")).isEqualTo(DropState.EXPIRED);
        }
    }

    @Test
    void leaf_keepsItsData() throws IOException {
        Recorder rec = new Recorder();
        try (TestRun run = TestRun.deploy(dir, consumed(Graph.MEMORY, rec))) {
            run.runToEnd();

            assertThat(run.state("C")).isEqualTo(DropState.COMPLETED);
            assertThat(rec.drop("C").readAll()).asString(StandardCharsets.UTF_8).isEqualTo("result");
        }
    }

    @Test
    void persist_keepsTheData() throws IOException {
        Recorder rec = new Recorder();
        try (TestRun run = TestRun.deploy(dir, consumed(Graph.MEMORY, rec, "persist", true))) {
            run.runToEnd();

            assertThat(run.state("A")).isEqualTo(DropState.COMPLETED);
            assertThat(rec.drop("A").readAll()).asString(StandardCharsets.UTF_8).isEqualTo("payload");
        }
    }

    @Test
    void persistAsApplicationArg_keepsTheData() {
        Graph g = consumed(Graph.MEMORY, new Recorder());
        String json = g.json().replace("\"pydata\":\"payload\"",
                "\"pydata\":\"payload\",\"applicationArgs\":{\"persist\":{\"value\":true,\"usage\":\"NoPort\"}}");
        try (TestRun run = TestRun.deploy(dir, json)) {
            run.runToEnd();

            assertThat(run.state("A")).isEqualTo(DropState.COMPLETED);
        }
    }

    @Test
    void precious_keepsTheData() {
        try (TestRun run = TestRun.deploy(dir, consumed(Graph.MEMORY, new Recorder(), "precious", true))) {
            run.runToEnd();

            assertThat(run.state("A")).isEqualTo(DropState.COMPLETED);
        }
    }

    @Test
    void fileDrop_notPersistentAndExpireAfterUse_expires() throws IOException {
        java.nio.file.Files.writeString(dir.resolve("a.txt"), "on disk");
        try (TestRun run = TestRun.deploy(dir, consumed(Graph.FILE, new Recorder(), "persist", false,
                "expireAfterUse", true))) {
            run.runToEnd();

            assertThat(run.state("A")).isEqualTo(DropState.EXPIRED);
        }
    }

    @Test
    void expireAfterUseFalse_keepsTheData() throws IOException {
        Recorder rec = new Recorder();
        try (TestRun run = TestRun.deploy(dir, consumed(Graph.MEMORY, rec, "expireAfterUse", false))) {
            run.runToEnd();

            assertThat(run.state("A")).isEqualTo(DropState.COMPLETED);
            assertThat(rec.drop("A").readAll()).isNotEmpty();
        }
    }

    @Test
    void releaseDataOff_keepsEverything() throws IOException {
        Recorder rec = new Recorder();
        try (TestRun run = TestRun.builder().options(new ExecutionOptions(false, false))
                .deploy(dir, consumed(Graph.MEMORY, rec))) {
            run.runToEnd();

            assertThat(run.state("A")).isEqualTo(DropState.COMPLETED);
            assertThat(rec.drop("A").readAll()).asString(StandardCharsets.UTF_8).isEqualTo("payload");
            assertThat(run.execution.counts().count(DropState.EXPIRED)).isZero();
        }
    }

    @Test
    void fileDrop_isNotExpired() throws IOException {
        Recorder rec = new Recorder();
        java.nio.file.Files.writeString(dir.resolve("a.txt"), "on disk");
        try (TestRun run = TestRun.deploy(dir, consumed(Graph.FILE, rec))) {
            run.runToEnd();

            assertThat(run.state("A")).isEqualTo(DropState.COMPLETED);
            assertThat(rec.drop("A").readAll()).asString(StandardCharsets.UTF_8).isEqualTo("on disk");
        }
    }

    @Test
    void failedDrop_isNotExpired() {
        Graph g = new Graph();
        g.app("P", ctx -> {
            throw new IllegalStateException("no");
        }).outputs("D");
        g.memory("D").consumers("X");
        g.app("X", Graph.NULL_BARRIER).param("input_error_threshold", 100);
        try (TestRun run = TestRun.deploy(dir, g)) {
            run.runToEnd();

            assertThat(run.exec("X")).isEqualTo(AppState.FINISHED);
            assertThat(run.state("D")).isEqualTo(DropState.ERROR);
        }
    }

    // ---- Writing ----

    @Test
    void write_afterCompletion_fails() {
        Recorder rec = new Recorder();
        try (TestRun run = TestRun.deploy(dir, consumed(Graph.MEMORY, rec))) {
            run.runToEnd();

            assertThatThrownBy(() -> rec.drop("C").write(new byte[] {1}))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("'C'").hasMessageContaining("COMPLETED");
        }
    }

    @Test
    void write_afterCancel_fails() {
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch cancelled = new java.util.concurrent.CountDownLatch(1);
        AtomicReference<IOException> failure = new AtomicReference<>();
        Graph g = new Graph();
        g.waitingApp("W", ctx -> {
            started.countDown();
            try {
                new java.util.concurrent.CountDownLatch(1).await();
            } catch (InterruptedException e) { // cancelled: try to write all the same, once cancel is over
                cancelled.await();
                try {
                    ctx.outputs().getFirst().write(new byte[] {1});
                } catch (IOException io) {
                    failure.set(io);
                }
            }
        }).outputs("C");
        g.memory("C");
        try (TestRun run = TestRun.deploy(dir, g)) {
            run.trigger();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> started.getCount() == 0);

            run.execution.cancel();
            cancelled.countDown();

            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> failure.get() != null);
            assertThat(failure.get()).hasMessageContaining("CANCELLED");
            assertThat(run.state("C")).isEqualTo(DropState.CANCELLED);
        }
    }

    @Test
    void write_byTwoProducers_keepsBothContents() {
        Recorder rec = new Recorder();
        ManualExecutor tasks = new ManualExecutor();
        Graph g = new Graph();
        g.app("P1", writes("one;")).outputs("D");
        g.app("P2", writes("two;")).outputs("D");
        g.memory("D").consumers("R");
        g.app("R", rec);
        try (TestRun run = TestRun.builder().workers(tasks.workers()).deploy(dir, g)) {
            run.trigger("P1", "P2");
            tasks.runAll();

            assertThat(rec.text("D")).isEqualTo("one;two;");
        }
    }

    @Test
    void status_ofADataDrop_hasNoExecStatus() {
        Graph g = new Graph();
        g.memory("A");
        try (TestRun run = TestRun.deploy(dir, g)) {
            assertThat(run.status("A")).isEqualTo(new DropStatus("A", "A", DropState.INITIALIZED, null, null));
        }
    }
}
