package dlg.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dlg.core.app.AppContext;
import dlg.core.app.DataDrop;
import dlg.core.state.AppState;
import dlg.core.state.DropState;
import dlg.core.state.SessionState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApplicationDropTest {

    @TempDir
    Path dir;

    private static TestingApp.Body failing(String why) {
        return ctx -> {
            throw new IllegalStateException(why);
        };
    }

    private static TestingApp.Body writing(String text) {
        return ctx -> {
            for (DataDrop out : ctx.outputs()) {
                out.write(text.getBytes(StandardCharsets.UTF_8));
            }
        };
    }

    // ---- Barrier ----

    @Test
    void run_notUntilEveryInputCompleted() {
        ManualExecutor tasks = new ManualExecutor();
        Graph g = new Graph();
        g.memory("A").consumers("X");
        g.memory("B").consumers("X");
        g.app("X", Graph.NULL_BARRIER).outputs("C");
        g.memory("C");
        try (TestRun run = TestRun.builder().workers(tasks.workers()).deploy(dir, g)) {
            run.trigger("A");
            assertThat(tasks.runAll()).isZero();
            assertThat(run.exec("X")).isEqualTo(AppState.NOT_RUN);

            run.trigger("B");
            assertThat(tasks.pending()).isEqualTo(1);
            assertThat(run.state("C")).isEqualTo(DropState.INITIALIZED);
            tasks.runAll();

            assertThat(run.status("X")).isEqualTo(new DropStatus("X", "X", DropState.COMPLETED, AppState.FINISHED, null));
            assertThat(run.state("C")).isEqualTo(DropState.COMPLETED);
            assertThat(run.await()).isEqualTo(SessionState.FINISHED);
        }
    }

    @Test
    void outputs_completeOnlyOnceTheAppFinished() {
        AtomicReference<DropState> outputWhileRunning = new AtomicReference<>();
        AtomicReference<TestRun> self = new AtomicReference<>();
        Graph g = new Graph();
        g.memory("A").consumers("X");
        g.app("X", ctx -> {
            ctx.outputs().getFirst().write(new byte[] {1});
            outputWhileRunning.set(self.get().state("C"));
        }).outputs("C");
        g.memory("C");
        try (TestRun run = TestRun.deploy(dir, g)) {
            self.set(run);

            assertThat(run.runToEnd()).isEqualTo(SessionState.FINISHED);

            assertThat(outputWhileRunning.get()).isEqualTo(DropState.WRITING);
            assertThat(run.events.indexOf(RecordingListener.exec("X", AppState.FINISHED)))
                    .isLessThan(run.events.indexOf(RecordingListener.status("C", DropState.COMPLETED)));
        }
    }

    @Test
    void chain_runsEachAppAfterThePreviousOne() {
        Recorder rec = new Recorder();
        Graph g = new Graph();
        g.memory("D0").consumers("A1");
        for (int i = 1; i <= 5; i++) {
            g.app("A" + i, ctx -> {
                rec.run(ctx);
                ctx.outputs().getFirst().write((ctx.oid() + ";").getBytes(StandardCharsets.UTF_8));
            }).outputs("D" + i);
            g.memory("D" + i).consumers(i < 5 ? new String[] {"A" + (i + 1)} : new String[0]);
        }
        try (TestRun run = TestRun.deploy(dir, g)) {
            assertThat(run.runToEnd()).isEqualTo(SessionState.FINISHED);

            assertThat(rec.ran()).containsExactly("A1", "A2", "A3", "A4", "A5");
            assertThat(rec.text("D4")).isEqualTo("A4;");
        }
    }

    @Test
    void fanOutAndFanIn_gatherRunsAfterAllBranches() {
        Recorder rec = new Recorder();
        Graph g = new Graph();
        g.memory("S").consumers("B1", "B2", "B3");
        for (int i = 1; i <= 3; i++) {
            g.app("B" + i, writing("b" + i)).outputs("O" + i);
            g.memory("O" + i).consumers("G");
        }
        g.app("G", rec);
        try (TestRun run = TestRun.deploy(dir, g)) {
            assertThat(run.runToEnd()).isEqualTo(SessionState.FINISHED);

            assertThat(rec.inputsOf("G")).containsExactly("O1", "O2", "O3");
            assertThat(rec.text("O1") + rec.text("O2") + rec.text("O3")).isEqualTo("b1b2b3");
        }
    }

    @Test
    void links_declaredOnEitherSideOrBoth_wireTheSameInputsOnce() {
        Recorder rec = new Recorder();
        Graph g = new Graph();
        g.memory("A").consumers("X");          // data side only
        g.memory("B");                          // app side only
        g.memory("C").consumers("X");           // both sides
        g.app("X", rec).inputs("B", "C", "B").outputs("O"); // B twice: one input
        g.memory("O").producers("X");           // output declared on both sides
        try (TestRun run = TestRun.deploy(dir, g)) {
            assertThat(run.runToEnd()).isEqualTo(SessionState.FINISHED);

            assertThat(rec.inputsOf("X")).containsExactly("B", "C", "A"); // the app's own declarations first
            assertThat(run.state("O")).isEqualTo(DropState.COMPLETED);
        }
    }

    // ---- Status codes ----

    @Test
    void finishedApp_isCompletedWithExecStatusFinished() {
        Graph g = new Graph();
        g.app("X", Graph.NULL_BARRIER);
        try (TestRun run = TestRun.deploy(dir, g)) {
            run.runToEnd();

            DropStatus s = run.status("X");
            assertThat(s.status()).isEqualTo(DropState.COMPLETED);
            assertThat(s.status().code()).isEqualTo(2);
            assertThat(s.execStatus()).isEqualTo(AppState.FINISHED);
            assertThat(s.execStatus().code()).isEqualTo(2);
        }
    }

    @Test
    void skippedInput_skipsTheAppAndItsOutputs() {
        ManualExecutor tasks = new ManualExecutor();
        AtomicInteger runs = new AtomicInteger();
        Graph g = new Graph();
        g.memory("A").consumers("X");
        g.memory("B").consumers("X");
        g.app("X", ctx -> runs.incrementAndGet()).outputs("C");
        g.memory("C").consumers("Y");
        g.app("Y", ctx -> runs.incrementAndGet()).outputs("D");
        g.memory("D");
        try (TestRun run = TestRun.builder().workers(tasks.workers()).deploy(dir, g)) {
            run.trigger("A");
            ((AbstractDataDrop) run.execution.drop(run.spec.indexOf("B"))).skip(); // as a branch not taken
            tasks.runAll();

            assertThat(runs).hasValue(0);
            assertThat(run.status("X")).isEqualTo(new DropStatus("X", "X", DropState.SKIPPED, AppState.SKIPPED, null));
            assertThat(run.status("X").status().code()).isEqualTo(7);
            assertThat(run.status("X").execStatus().code()).isEqualTo(5);
            assertThat(run.state("C")).isEqualTo(DropState.SKIPPED);
            assertThat(run.exec("Y")).isEqualTo(AppState.SKIPPED);
            assertThat(run.state("D")).isEqualTo(DropState.SKIPPED);
            assertThat(run.await()).isEqualTo(SessionState.FINISHED);
        }
    }

    @Test
    void dataDrop_allProducersSkipped_isSkipped_oneRan_isCompleted() {
        ManualExecutor tasks = new ManualExecutor();
        Graph g = new Graph();
        g.memory("S1").consumers("P1");
        g.memory("S2").consumers("P2");
        g.app("P1", Graph.NULL_BARRIER).outputs("D");
        g.app("P2", Graph.NULL_BARRIER).outputs("D");
        g.memory("D");
        try (TestRun run = TestRun.builder().workers(tasks.workers()).deploy(dir, g)) {
            ((AbstractDataDrop) run.execution.drop(run.spec.indexOf("S1"))).skip();
            run.trigger("S2");
            tasks.runAll();

            assertThat(run.exec("P1")).isEqualTo(AppState.SKIPPED);
            assertThat(run.exec("P2")).isEqualTo(AppState.FINISHED);
            assertThat(run.state("D")).isEqualTo(DropState.COMPLETED);
        }
    }

    @Test
    void blockSkip_someInputsSkipped_appRunsWithTheOthers() {
        ManualExecutor tasks = new ManualExecutor();
        Graph g = new Graph();
        g.memory("S1").consumers("J");
        g.memory("S2").consumers("J");
        g.app("J", Graph.NULL_BARRIER).param("block_skip", true).outputs("D");
        g.memory("D");
        try (TestRun run = TestRun.builder().workers(tasks.workers()).deploy(dir, g)) {
            ((AbstractDataDrop) run.execution.drop(run.spec.indexOf("S1"))).skip();
            run.trigger("S2");
            tasks.runAll();

            assertThat(run.exec("J")).isEqualTo(AppState.FINISHED);
            assertThat(run.state("D")).isEqualTo(DropState.COMPLETED);
        }
    }

    @Test
    void blockSkip_everyInputSkipped_appIsSkipped() {
        ManualExecutor tasks = new ManualExecutor();
        Graph g = new Graph();
        g.memory("S1").consumers("J");
        g.app("J", Graph.NULL_BARRIER).param("block_skip", "True").outputs("D");
        g.memory("D");
        try (TestRun run = TestRun.builder().workers(tasks.workers()).deploy(dir, g)) {
            ((AbstractDataDrop) run.execution.drop(run.spec.indexOf("S1"))).skip();
            tasks.runAll();

            assertThat(run.exec("J")).isEqualTo(AppState.SKIPPED);
            assertThat(run.state("D")).isEqualTo(DropState.SKIPPED);
        }
    }

    // ---- Errors ----

    @Test
    void failingApp_failsItsOutputsAndTheAppsDownstreamWithoutRunningThem() {
        AtomicInteger downstreamRuns = new AtomicInteger();
        Graph g = new Graph();
        g.memory("A").consumers("X");
        g.app("X", failing("disk on fire")).outputs("B");
        g.memory("B").consumers("Y");
        g.app("Y", ctx -> downstreamRuns.incrementAndGet()).outputs("C");
        g.memory("C");
        try (TestRun run = TestRun.deploy(dir, g)) {
            assertThat(run.runToEnd()).isEqualTo(SessionState.FAILED);

            assertThat(run.status("X")).isEqualTo(new DropStatus("X", "X", DropState.ERROR, AppState.ERROR, "disk on fire"));
            assertThat(run.state("B")).isEqualTo(DropState.ERROR);
            assertThat(run.status("Y").execStatus()).isEqualTo(AppState.ERROR);
            assertThat(run.status("Y").error()).contains("1 of 1 inputs failed");
            assertThat(run.state("C")).isEqualTo(DropState.ERROR);
            assertThat(downstreamRuns).hasValue(0);
            assertThat(run.execution.failures(10)).extracting(DropStatus::oid).containsExactly("X", "B", "Y", "C");
        }
    }

    @Test
    void failingApp_withoutMessage_reportsTheExceptionType() {
        Graph g = new Graph();
        g.app("X", ctx -> {
            throw new UnsupportedOperationException();
        });
        try (TestRun run = TestRun.deploy(dir, g)) {
            run.runToEnd();

            assertThat(run.status("X").error()).isEqualTo("UnsupportedOperationException");
        }
    }

    @Test
    void inputErrorThreshold_oneOfFourFailedUnder50_appRuns() {
        assertThat(runWithFailedInputs(4, 1, 50)).isEqualTo(AppState.FINISHED);
    }

    @Test
    void inputErrorThreshold_twoOfFourFailedAt50_appRuns() {
        assertThat(runWithFailedInputs(4, 2, 50)).isEqualTo(AppState.FINISHED);
    }

    @Test
    void inputErrorThreshold_threeOfFourFailedOver50_appFails() {
        assertThat(runWithFailedInputs(4, 3, 50)).isEqualTo(AppState.ERROR);
    }

    @Test
    void inputErrorThreshold_default0_anyFailedInputFailsTheApp() {
        assertThat(runWithFailedInputs(4, 1, null)).isEqualTo(AppState.ERROR);
    }

    @Test
    void inputErrorThreshold_invalidOnAUserApp_failsTheAppInsteadOfHanging() {
        Graph g = new Graph();
        g.app("P", failing("x")).outputs("I");
        g.memory("I").consumers("X");
        g.app("X", Graph.NULL_BARRIER);
        g.app("U", ctx -> { }).inputs("I").param("input_error_threshold", "lots");
        try (TestRun run = TestRun.deploy(dir, g)) {
            assertThat(run.runToEnd()).isEqualTo(SessionState.FAILED);

            assertThat(run.exec("U")).isEqualTo(AppState.ERROR);
            assertThat(run.status("U").error()).contains("input_error_threshold");
        }
    }

    /** {@code n} inputs, each produced by an app; the first {@code failed} producers fail. */
    private AppState runWithFailedInputs(int n, int failed, Integer threshold) {
        Graph g = new Graph();
        Graph.Node x = g.app("X", Graph.NULL_BARRIER).outputs("OUT");
        if (threshold != null) {
            x.param("input_error_threshold", threshold);
        }
        g.memory("OUT");
        for (int i = 0; i < n; i++) {
            g.app("P" + i, i < failed ? failing("p" + i) : ctx -> { }).outputs("I" + i);
            g.memory("I" + i).consumers("X");
        }
        try (TestRun run = TestRun.deploy(dir, g)) {
            run.runToEnd();
            AppState s = run.exec("X");
            assertThat(run.state("OUT")).isEqualTo(s == AppState.FINISHED ? DropState.COMPLETED : DropState.ERROR);
            return s;
        }
    }

    @Test
    void nTries_failingTwiceThenSucceeding_finishesOnTheThirdTry() {
        AtomicInteger attempts = new AtomicInteger();
        Graph g = new Graph();
        g.app("X", ctx -> {
            if (attempts.incrementAndGet() < 3) {
                throw new IllegalStateException("attempt " + attempts.get());
            }
        }).param("n_tries", 3).outputs("O");
        g.memory("O");
        try (TestRun run = TestRun.deploy(dir, g)) {
            assertThat(run.runToEnd()).isEqualTo(SessionState.FINISHED);

            assertThat(attempts).hasValue(3);
            assertThat(run.status("X")).isEqualTo(new DropStatus("X", "X", DropState.COMPLETED, AppState.FINISHED, null));
        }
    }

    @Test
    void nTries_allTriesFail_failsWithTheLastCause() {
        AtomicInteger attempts = new AtomicInteger();
        Graph g = new Graph();
        g.app("X", ctx -> {
            throw new IllegalStateException("attempt " + attempts.incrementAndGet());
        }).param("n_tries", 2);
        try (TestRun run = TestRun.deploy(dir, g)) {
            assertThat(run.runToEnd()).isEqualTo(SessionState.FAILED);

            assertThat(attempts).hasValue(2);
            assertThat(run.status("X").error()).isEqualTo("attempt 2 of 2 failed: attempt 2");
        }
    }

    @Test
    void nTries_default_triesOnce() {
        AtomicInteger attempts = new AtomicInteger();
        Graph g = new Graph();
        g.app("X", ctx -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("no");
        });
        try (TestRun run = TestRun.deploy(dir, g)) {
            run.runToEnd();

            assertThat(attempts).hasValue(1);
        }
    }

    // ---- Cancel ----

    /** A cancel between the app turning RUNNING and its code starting must stop it from starting. */
    @Test
    void cancel_justAsTheAppTurnsRunning_doesNotStartIt() {
        ManualExecutor tasks = new ManualExecutor();
        AtomicInteger runs = new AtomicInteger();
        AtomicReference<TestRun> self = new AtomicReference<>();
        DropListener cancelOnStart = e -> {
            if (e.type() == DropEvent.Type.EXEC_STATUS && e.execStatus() == AppState.RUNNING) {
                self.get().execution.cancel();
            }
        };
        Graph g = new Graph();
        g.app("X", ctx -> runs.incrementAndGet()).outputs("O");
        g.memory("O");
        try (TestRun run = TestRun.builder().workers(tasks.workers()).listener(cancelOnStart).deploy(dir, g)) {
            self.set(run);
            run.trigger();

            tasks.runAll();

            assertThat(runs).hasValue(0);
            assertThat(run.status("X")).isEqualTo(new DropStatus("X", "X", DropState.CANCELLED, AppState.CANCELLED, null));
            assertThat(run.await()).isEqualTo(SessionState.CANCELLED);
        }
    }

    @Test
    void cancel_whileRunning_callsTheAppsCancelHook() {
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        AtomicReference<Boolean> sawCancelled = new AtomicReference<>();
        Graph g = new Graph();
        g.waitingApp("X", ctx -> {
            started.countDown();
            try {
                new java.util.concurrent.CountDownLatch(1).await();
            } finally {
                sawCancelled.set(ctx.isCancelled());
            }
        });
        try (TestRun run = TestRun.deploy(dir, g)) {
            run.trigger();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> started.getCount() == 0);

            run.execution.cancel();

            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> sawCancelled.get() != null);
            assertThat(sawCancelled.get()).isTrue();
            assertThat(run.await()).isEqualTo(SessionState.CANCELLED);
        }
    }

    // ---- What the app sees ----

    @Test
    void context_givesIdentityPortsAndParameters() {
        AtomicReference<String> seen = new AtomicReference<>();
        Graph g = new Graph();
        g.memory("A").param("pydata", "42").consumers("X");
        g.app("X", ctx -> seen.set(String.join("|", ctx.sessionId(), ctx.oid(), ctx.uid(), ctx.name(),
                        ctx.sessionDir().toString(), ctx.inputPort(0), String.valueOf(ctx.outputPort(0)),
                        String.valueOf(ctx.param("top")), String.valueOf(ctx.param("arg")),
                        String.valueOf(ctx.param("value")), String.valueOf(ctx.param("missing")),
                        String.valueOf(ctx.isCancelled()))))
                .param("name", "The X").param("top", 1).arg("arg", "two")
                .arg("value", null, "InputPort", "utf-8", null)
                .input("A", "value").outputs("O");
        g.memory("O");
        try (TestRun run = TestRun.deploy(dir, g)) {
            run.runToEnd();

            assertThat(seen.get()).isEqualTo("s1|X|X|The X|" + dir + "|value|null|1|two|42|null|false");
        }
    }

    @Test
    void context_inputsAndOutputsAreReadOnlyLists() {
        AtomicReference<List<DataDrop>> inputs = new AtomicReference<>();
        Graph g = new Graph();
        g.memory("A").consumers("X");
        g.app("X", ctx -> inputs.set(ctx.inputs()));
        try (TestRun run = TestRun.deploy(dir, g)) {
            run.runToEnd();

            assertThat(inputs.get()).extracting(DataDrop::oid).containsExactly("A");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> inputs.get().clear())
                    .isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Test
    void context_inputPortThatCannotBeDecoded_failsTheApp() {
        Graph g = new Graph();
        g.memory("A").param("pydata", "x").consumers("X");
        g.app("X", (AppContext ctx) -> ctx.param("v"))
                .arg("v", null, "InputPort", "no-such-encoding", null).input("A", "v");
        try (TestRun run = TestRun.deploy(dir, g)) {
            assertThat(run.runToEnd()).isEqualTo(SessionState.FAILED);

            assertThat(run.status("X").error()).contains("no-such-encoding");
        }
    }

    // ---- Skipped outputs (branches) ----

    @Test
    void skipOutput_writtenOutput_endsSkippedAndSoDoesItsConsumer() {
        Graph g = new Graph();
        g.memory("A").consumers("X");
        g.app("X", ctx -> {
            writing("data").run(ctx);
            ctx.skipOutput(1);
        }).outputs("C", "D");
        g.memory("C");
        g.memory("D").consumers("Y");
        g.app("Y", Graph.NULL_BARRIER).outputs("E");
        g.memory("E");
        try (TestRun run = TestRun.deploy(dir, g)) {
            assertThat(run.runToEnd()).isEqualTo(SessionState.FINISHED);

            assertThat(run.exec("X")).isEqualTo(AppState.FINISHED);
            assertThat(run.state("C")).isEqualTo(DropState.COMPLETED);
            assertThat(run.state("D")).isEqualTo(DropState.SKIPPED);
            assertThat(run.exec("Y")).isEqualTo(AppState.SKIPPED);
            assertThat(run.state("E")).isEqualTo(DropState.SKIPPED);
        }
    }

    @Test
    void skipOutput_thenTheAppFails_outputsFailAsUsual() {
        Graph g = new Graph();
        g.memory("A").consumers("X");
        g.app("X", ctx -> {
            ctx.skipOutput(0);
            throw new IllegalStateException("boom");
        }).outputs("C");
        g.memory("C");
        try (TestRun run = TestRun.deploy(dir, g)) {
            assertThat(run.runToEnd()).isEqualTo(SessionState.FAILED);

            assertThat(run.state("C")).isEqualTo(DropState.ERROR);
        }
    }

    @Test
    void skipOutput_inAFailedAttempt_doesNotHoldForTheRetry() {
        AtomicInteger attempts = new AtomicInteger();
        Graph g = new Graph();
        g.memory("A").consumers("X");
        g.app("X", ctx -> {
            if (attempts.incrementAndGet() == 1) {
                ctx.skipOutput(0);
                throw new IllegalStateException("first attempt fails");
            }
        }).param("n_tries", 2).outputs("C");
        g.memory("C");
        try (TestRun run = TestRun.deploy(dir, g)) {
            assertThat(run.runToEnd()).isEqualTo(SessionState.FINISHED);

            assertThat(run.state("C")).isEqualTo(DropState.COMPLETED);
        }
    }

    @Test
    void skipOutput_noSuchOutput_failsTheApp() {
        Graph g = new Graph();
        g.memory("A").consumers("X");
        g.app("X", ctx -> ctx.skipOutput(1)).outputs("C");
        g.memory("C");
        try (TestRun run = TestRun.deploy(dir, g)) {
            assertThat(run.runToEnd()).isEqualTo(SessionState.FAILED);

            assertThat(run.status("X").error()).contains("has 1 outputs, no output 1");
        }
    }
}
