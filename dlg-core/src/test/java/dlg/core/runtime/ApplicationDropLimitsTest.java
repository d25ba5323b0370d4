package dlg.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dlg.core.state.AppState;
import dlg.core.state.DropState;
import dlg.core.state.SessionState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * An application drop's time limits ({@code timeout}, {@code dependency_timeout}) and retries
 * ({@code n_tries}, {@code retry_delay}), on a manual timer: time moves only when the test says.
 */
class ApplicationDropLimitsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final ManualScheduler timer = new ManualScheduler();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final ch.qos.logback.classic.Logger appLog =
            (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(ApplicationDrop.class);

    @BeforeEach
    void captureLogs() {
        logs.start();
        appLog.addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        appLog.detachAppender(logs);
    }

    private TestRun deploy(Graph g) {
        return TestRun.builder().scheduler(timer).deploy(dir, g);
    }

    private TestRun deploy(Graph g, ExecutionOptions options) {
        return TestRun.builder().scheduler(timer).options(options).deploy(dir, g);
    }

    private static void sleepForever(CountDownLatch started) throws InterruptedException {
        started.countDown();
        new CountDownLatch(1).await();
    }

    private void awaitRunning(TestRun run, String oid) {
        await().atMost(WAIT).until(() -> run.exec(oid) == AppState.RUNNING && timer.pending() > 0);
    }

    // ---- timeout ----

    @Test
    void timeout_appRunsPastIt_isStoppedAndFailsTimedOut() {
        CountDownLatch started = new CountDownLatch(1);
        Graph g = new Graph();
        g.waitingApp("X", ctx -> sleepForever(started)).param("timeout", 2).outputs("O");
        g.memory("O").consumers("Y");
        g.app("Y", ctx -> { }).outputs("Z");
        g.memory("Z");
        try (TestRun run = deploy(g)) {
            run.trigger();
            awaitRunning(run, "X");
            timer.advance(1999);
            assertThat(run.exec("X")).isEqualTo(AppState.RUNNING);

            timer.advance(1);

            assertThat(run.await()).isEqualTo(SessionState.FAILED);
            assertThat(run.status("X")).isEqualTo(new DropStatus("X", "X", DropState.ERROR, AppState.ERROR,
                    "timed out after 2 s"));
            assertThat(run.state("O")).isEqualTo(DropState.ERROR);
            assertThat(run.status("Y").error()).isEqualTo("1 of 1 inputs failed (input_error_threshold 0%)");
        }
    }

    @Test
    void timeout_sessionDefault_appliesToADropThatSetsNone() {
        CountDownLatch started = new CountDownLatch(1);
        Graph g = new Graph();
        g.waitingApp("X", ctx -> sleepForever(started));
        try (TestRun run = deploy(g, ExecutionOptions.DEFAULT.withTimeouts(Duration.ofMillis(1500), null))) {
            run.trigger();
            awaitRunning(run, "X");

            timer.advance(1500);

            assertThat(run.await()).isEqualTo(SessionState.FAILED);
            assertThat(run.status("X").error()).isEqualTo("timed out after 1.5 s");
            assertThat(messages("X")).contains("app X: timed out after 1.5 s: stopping it");
        }
    }

    @Test
    void timeout_zeroOnTheDrop_overridesTheSessionDefault() {
        Graph g = new Graph();
        g.app("X", ctx -> { }).param("timeout", 0);
        try (TestRun run = deploy(g, ExecutionOptions.DEFAULT.withTimeouts(Duration.ofSeconds(1), null))) {
            assertThat(run.runToEnd()).isEqualTo(SessionState.FINISHED);
            assertThat(timer.pending()).isZero();
        }
    }

    @Test
    void timeout_appEndsInTime_finishesAndLeavesNoTimer() {
        Graph g = new Graph();
        g.app("X", ctx -> { }).param("timeout", 5);
        try (TestRun run = deploy(g)) {
            assertThat(run.runToEnd()).isEqualTo(SessionState.FINISHED);
            assertThat(timer.pending()).isZero();
        }
    }

    @Test
    void timeout_appIgnoresTheStop_failsAfterTheGraceAnyway() {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        AtomicInteger interruptsIgnored = new AtomicInteger();
        Graph g = new Graph();
        g.waitingApp("X", ctx -> {
            started.countDown();
            while (true) {
                try {
                    release.await();
                    return;
                } catch (InterruptedException e) {
                    interruptsIgnored.incrementAndGet();
                }
            }
        }).param("timeout", 1).param("n_tries", 3);
        try (TestRun run = deploy(g)) {
            run.trigger();
            awaitRunning(run, "X");
            timer.advance(1000);
            await().atMost(WAIT).until(() -> interruptsIgnored.get() == 1 && timer.pending() == 1);
            assertThat(run.exec("X")).isEqualTo(AppState.RUNNING);

            timer.advance(ApplicationDrop.STOP_GRACE_MILLIS);

            assertThat(run.await()).isEqualTo(SessionState.FAILED);
            assertThat(run.status("X").error()).isEqualTo("timed out after 1 s (the app did not stop within 5 s"
                    + " of being told to; its thread was left to end by itself)");
            release.countDown();
            assertThat(run.exec("X")).isEqualTo(AppState.ERROR);
        }
    }

    @Test
    void timeout_withTries_aTimedOutAttemptIsTriedAgain() {
        AtomicInteger attempts = new AtomicInteger();
        Graph g = new Graph();
        g.waitingApp("X", ctx -> {
            if (attempts.incrementAndGet() == 1) {
                sleepForever(new CountDownLatch(1));
            }
        }).param("timeout", 2).param("n_tries", 2);
        try (TestRun run = deploy(g)) {
            run.trigger();
            awaitRunning(run, "X");

            timer.advance(2000);

            assertThat(run.await()).isEqualTo(SessionState.FINISHED);
            assertThat(attempts).hasValue(2);
            assertThat(messages("X")).contains("app X: attempt 1 of 2 timed out after 2 s: stopping it",
                    "app X: attempt 1 of 2 failed: timed out after 2 s; trying again");
        }
    }

    @Test
    void timeout_negative_failsTheAppNamingTheParameter() {
        Graph g = new Graph();
        g.app("X", ctx -> { }).param("timeout", -1);
        try (TestRun run = deploy(g)) {
            assertThat(run.runToEnd()).isEqualTo(SessionState.FAILED);
            assertThat(run.status("X").error())
                    .isEqualTo("parameter 'timeout' must be a number of seconds, or 0 for none: -1.0");
        }
    }

    @Test
    void timeout_anApplicationArgNamedTimeout_isTheAppsOwnNotALimit() {
        CountDownLatch started = new CountDownLatch(1);
        Graph g = new Graph();
        g.waitingApp("X", ctx -> started.countDown()).bareArg("timeout", 1);
        try (TestRun run = deploy(g)) {
            assertThat(run.runToEnd()).isEqualTo(SessionState.FINISHED);
            assertThat(timer.pending()).isZero();
        }
    }

    // ---- dependency_timeout ----

    @Test
    void dependencyTimeout_inputsNotSettledInTime_appFailsAndSoDoItsConsumers() {
        AtomicInteger runs = new AtomicInteger();
        Graph g = new Graph();
        g.memory("A").consumers("X");
        g.memory("B").consumers("X");
        g.app("X", ctx -> runs.incrementAndGet()).param("dependency_timeout", 3).outputs("O");
        g.memory("O").consumers("Y");
        g.app("Y", ctx -> runs.incrementAndGet());
        try (TestRun run = deploy(g)) {
            run.trigger("B");
            timer.advance(2999);
            assertThat(run.exec("X")).isEqualTo(AppState.NOT_RUN);

            timer.advance(1);

            await().atMost(WAIT).until(() -> run.state("Y") == DropState.ERROR);
            assertThat(run.status("X")).isEqualTo(new DropStatus("X", "X", DropState.ERROR, AppState.ERROR,
                    "waited more than 3 s (dependency_timeout) for its inputs: 1 of 2 not settled (A)"));
            assertThat(run.state("O")).isEqualTo(DropState.ERROR);
            assertThat(run.status("Y").error()).isEqualTo("1 of 1 inputs failed (input_error_threshold 0%)");

            run.trigger("A"); // too late: X has failed for good
            assertThat(run.await()).isEqualTo(SessionState.FAILED);
            assertThat(runs).hasValue(0);
            assertThat(run.exec("X")).isEqualTo(AppState.ERROR);
        }
    }

    @Test
    void dependencyTimeout_inputsSettleInTime_appRunsAndTheTimerIsGone() {
        Graph g = new Graph();
        g.memory("A").consumers("X");
        g.app("X", ctx -> { }).param("dependency_timeout", 3);
        try (TestRun run = deploy(g)) {
            assertThat(timer.pending()).isOne();
            timer.advance(2000);

            assertThat(run.runToEnd()).isEqualTo(SessionState.FINISHED);
            assertThat(timer.pending()).isZero();
            timer.advance(5000);
            assertThat(run.status("X").status()).isEqualTo(DropState.COMPLETED);
        }
    }

    @Test
    void dependencyTimeout_sessionDefault_countsFromDeployForAppsWithInputsOnly() {
        Graph g = new Graph();
        g.memory("A").consumers("X");
        g.app("X", ctx -> { });
        g.app("R", ctx -> { }); // a root: it waits for no input
        try (TestRun run = deploy(g, ExecutionOptions.DEFAULT.withTimeouts(null, Duration.ofSeconds(60)))) {
            assertThat(timer.pending()).isOne();

            timer.advance(60_000);

            await().atMost(WAIT).until(() -> run.state("X") == DropState.ERROR);
            assertThat(run.status("X").error()).startsWith("waited more than 60 s (dependency_timeout)");
            assertThat(run.exec("R")).isEqualTo(AppState.NOT_RUN);
        }
    }

    // ---- n_tries and retry_delay ----

    @Test
    void retry_failsTwiceThenSucceeds_waitsDoublingDelaysAndFinishes() {
        AtomicInteger attempts = new AtomicInteger();
        Graph g = new Graph();
        g.app("X", ctx -> {
            if (attempts.incrementAndGet() < 3) {
                throw new IllegalStateException("flaky " + attempts.get());
            }
        }).param("n_tries", 3).param("retry_delay", 1).outputs("O");
        g.memory("O");
        try (TestRun run = deploy(g)) {
            run.trigger();
            await().atMost(WAIT).until(() -> attempts.get() == 1 && timer.pending() == 1);
            assertThat(timer.nextDelay()).isEqualTo(1000);
            timer.advance(1000);
            await().atMost(WAIT).until(() -> attempts.get() == 2 && timer.pending() == 1);
            assertThat(timer.nextDelay()).isEqualTo(2000);
            assertThat(run.exec("X")).isEqualTo(AppState.RUNNING);

            timer.advance(2000);

            assertThat(run.await()).isEqualTo(SessionState.FINISHED);
            assertThat(attempts).hasValue(3);
            assertThat(run.status("X")).isEqualTo(new DropStatus("X", "X", DropState.COMPLETED, AppState.FINISHED, null));
            assertThat(messages("X")).containsExactly(
                    "app X: attempt 1 of 3 failed: flaky 1; trying again in 1 s",
                    "app X: attempt 2 of 3 failed: flaky 2; trying again in 2 s");
            assertThat(logs.list).filteredOn(e -> "X".equals(e.getMDCPropertyMap().get("oid")))
                    .allMatch(e -> "s1".equals(e.getMDCPropertyMap().get("sessionId")));
        }
    }

    @Test
    void retry_everyAttemptFails_errorNamesTheLastAttempt() {
        Graph g = new Graph();
        g.app("X", ctx -> {
            throw new IllegalStateException("broken");
        }).param("n_tries", 2).param("retry_delay", 0.5);
        try (TestRun run = deploy(g)) {
            run.trigger();
            await().atMost(WAIT).until(() -> timer.pending() == 1);
            timer.advance(500);

            assertThat(run.await()).isEqualTo(SessionState.FAILED);
            assertThat(run.status("X").error()).isEqualTo("attempt 2 of 2 failed: broken");
        }
    }

    @Test
    void retry_outputWrittenByAFailedAttempt_isEmptiedFirst() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        Graph g = new Graph();
        g.app("X", ctx -> {
            ctx.outputs().get(0).write("part".getBytes(StandardCharsets.UTF_8));
            ctx.outputs().get(1).write("file".getBytes(StandardCharsets.UTF_8));
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("half-way");
            }
        }).param("n_tries", 2).outputs("M", "F");
        g.memory("M");
        g.file("F").param("filepath", "f.txt");
        try (TestRun run = deploy(g)) {
            assertThat(run.runToEnd()).isEqualTo(SessionState.FINISHED);

            assertThat(run.execution.data(run.spec.indexOf("M")).orElseThrow().open().readAllBytes())
                    .asString(StandardCharsets.UTF_8).isEqualTo("part");
            assertThat(Files.readString(dir.resolve("f.txt"))).isEqualTo("file");
        }
    }

    @Test
    void retry_fileAppendedThroughItsPath_isEmptiedFirst() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        Graph g = new Graph();
        g.app("X", ctx -> {
            Path p = ctx.outputs().get(0).path().orElseThrow();
            Files.writeString(p, "line\n", java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("half-way");
            }
        }).param("n_tries", 2).outputs("F");
        g.file("F").param("filepath", "f.txt");
        try (TestRun run = deploy(g)) {
            assertThat(run.runToEnd()).isEqualTo(SessionState.FINISHED);
            assertThat(Files.readString(dir.resolve("f.txt"))).isEqualTo("line\n");
        }
    }

    @Test
    void retry_outputSharedWithAnotherProducerAndWritten_isNotTriedAgain() {
        AtomicInteger attempts = new AtomicInteger();
        Graph g = new Graph();
        g.app("X", ctx -> {
            attempts.incrementAndGet();
            ctx.outputs().get(0).write(new byte[] {1});
            throw new IllegalStateException("half-way");
        }).param("n_tries", 3).outputs("O");
        g.app("P", ctx -> { }).outputs("O");
        g.memory("O");
        try (TestRun run = deploy(g)) {
            assertThat(run.runToEnd()).isEqualTo(SessionState.FAILED);

            assertThat(attempts).hasValue(1);
            assertThat(run.status("X").error()).isEqualTo(
                    "attempt 1 of 3 failed: half-way; not tried again: output O was written to and has other producers");
        }
    }

    @Test
    void retry_sessionCancelledDuringTheDelay_noFurtherAttempt() {
        AtomicInteger attempts = new AtomicInteger();
        Graph g = new Graph();
        g.app("X", ctx -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("no");
        }).param("n_tries", 3).param("retry_delay", 10);
        try (TestRun run = deploy(g)) {
            run.trigger();
            await().atMost(WAIT).until(() -> timer.pending() == 1);

            run.execution.cancel();

            assertThat(run.await()).isEqualTo(SessionState.CANCELLED);
            assertThat(timer.pending()).isZero();
            timer.advance(60_000);
            assertThat(attempts).hasValue(1);
            assertThat(run.exec("X")).isEqualTo(AppState.CANCELLED);
        }
    }

    @Test
    void nTries_belowOne_failsTheAppNamingTheParameter() {
        Graph g = new Graph();
        g.app("X", ctx -> { }).param("n_tries", 0);
        try (TestRun run = deploy(g)) {
            assertThat(run.runToEnd()).isEqualTo(SessionState.FAILED);
            assertThat(run.status("X").error()).isEqualTo("parameter 'n_tries' must be 1 or more: 0");
        }
    }

    private List<String> messages(String oid) {
        return logs.list.stream().filter(e -> oid.equals(e.getMDCPropertyMap().get("oid")))
                .map(ILoggingEvent::getFormattedMessage).toList();
    }
}
