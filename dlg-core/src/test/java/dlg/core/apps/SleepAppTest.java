package dlg.core.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.awaitility.Awaitility.await;

import dlg.core.codec.Pickles;
import dlg.core.graph.AppArg;
import dlg.core.runtime.Graph;
import dlg.core.runtime.TestRun;
import dlg.core.state.AppState;
import dlg.core.state.SessionState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SleepAppTest {

    @TempDir
    Path dir;

    private static TestingAppContext sleeping(Object seconds) {
        return new TestingAppContext().arg("sleep_time", seconds);
    }

    /** Runs the app on a thread of its own; returns once it is asleep. */
    private static Thread startAsleep(TestingAppContext ctx, AtomicReference<Throwable> ended) {
        Thread t = Thread.ofVirtual().start(() -> {
            try {
                SleepApp.INSTANCE.run(ctx);
                ended.set(new AssertionError("returned without sleeping"));
            } catch (Throwable e) {
                ended.set(e);
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> t.getState() == Thread.State.TIMED_WAITING || ended.get() != null);
        assertThat(ended.get()).as("still asleep").isNull();
        return t;
    }

    @Test
    void waits_whenItSleeps_notWhenSleepTimeIsZero() {
        assertThat(SleepApp.INSTANCE.waits(sleeping(0.2))).isTrue();
        assertThat(SleepApp.INSTANCE.waits(sleeping("1"))).isTrue();
        assertThat(SleepApp.INSTANCE.waits(sleeping(0))).isFalse();
        assertThat(SleepApp.INSTANCE.waits(new TestingAppContext())).isFalse();
    }

    @Test
    void waits_whenSleepTimeComesFromAPort() {
        TestingAppContext ctx = new TestingAppContext()
                .arg(new AppArg("sleep_time", null, "InputPort", null, false, false, "Float"));

        assertThat(SleepApp.INSTANCE.waits(ctx)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "-5", "NaN", "Infinity", "-Infinity"})
    void run_invalidSleepTime_doesNotSleep(String value) {
        TestingAppContext ctx = sleeping(value);

        assertThat(SleepApp.INSTANCE.waits(ctx)).isFalse();
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> SleepApp.INSTANCE.run(ctx));
    }

    @Test
    void run_sleepsUntilInterrupted() throws Exception {
        AtomicReference<Throwable> ended = new AtomicReference<>();
        Thread t = startAsleep(sleeping(600), ended);

        t.interrupt();
        t.join(Duration.ofSeconds(10));

        assertThat(ended.get()).isInstanceOf(InterruptedException.class);
    }

    @Test
    void run_sleepTimeFromItsPort_sleepsThatLong() throws Exception {
        TestingAppContext ctx = new TestingAppContext()
                .arg(new AppArg("sleep_time", 0, "InputPort", null, false, false, "Float"))
                .input(TestingDataDrop.of("d", Pickles.dumps(600.0)), "sleep_time");
        AtomicReference<Throwable> ended = new AtomicReference<>();

        Thread t = startAsleep(ctx, ended);

        t.interrupt();
        t.join(Duration.ofSeconds(10));
    }

    @Test
    void run_invalidValueOnItsPort_doesNotSleep() {
        TestingAppContext ctx = new TestingAppContext()
                .arg(new AppArg("sleep_time", 600, "InputPort", null, false, false, "Float"))
                .input(TestingDataDrop.of("d", "not a number"), "sleep_time");

        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> SleepApp.INSTANCE.run(ctx));
    }

    @Test
    void graph_sleepTimeFromAMemoryDropPort_finishes() {
        Graph g = new Graph();
        g.memory("T").arg("pydata", "0.05", "NoPort", null, "Float").consumers("S");
        g.app("S", Graph.SLEEP).arg("sleep_time", null, "InputPort", null, "Float").input("T", "sleep_time").outputs("O");
        g.memory("O");
        try (TestRun run = TestRun.deploy(dir, g)) {
            assertThat(run.runToEnd()).isEqualTo(SessionState.FINISHED);
            assertThat(run.exec("S")).isEqualTo(AppState.FINISHED);
        }
    }

    @Test
    void graph_sleepTimeAsAString_isAccepted() {
        Graph g = new Graph();
        g.app("S", Graph.SLEEP).param("sleep_time", "0.01");
        try (TestRun run = TestRun.deploy(dir, g)) {
            assertThat(run.runToEnd()).isEqualTo(SessionState.FINISHED);
        }
    }
}
