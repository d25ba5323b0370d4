package dlg.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dlg.core.state.AppState;
import dlg.core.state.SessionState;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine tells its {@link AppTimings} how long each app that ran took. */
class AppTimingsTest {

    @TempDir
    Path dir;

    record Timing(String appClass, long millis, AppState outcome) {
    }

    /** A clock the apps move forward. */
    static final class SteppedClock extends Clock {
        final AtomicLong millis = new AtomicLong(1_000_000);

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }
    }

    @Test
    void ran_appsThatRan_timedOnceEachWithTheirOutcome_appsThatNeverRan_notTimed() {
        SteppedClock clock = new SteppedClock();
        List<Timing> timings = new CopyOnWriteArrayList<>();
        Graph g = new Graph();
        g.app("A", ctx -> clock.millis.addAndGet(250)).outputs("D");
        g.memory("D").consumers("B");
        g.app("B", ctx -> {
            clock.millis.addAndGet(40);
            throw new IllegalStateException("boom");
        }).outputs("E");
        g.memory("E").consumers("C");
        g.app("C", ctx -> { }); // its input fails: it never runs

        try (TestRun run = TestRun.builder().threads(1).clock(clock)
                .appTimings((c, ms, o) -> timings.add(new Timing(c, ms, o))).deploy(dir, g)) {
            clock.millis.addAndGet(10); // apps' times count from deploy, and 0 there means "not yet"
            assertThat(run.runToEnd()).isEqualTo(SessionState.FAILED);
        }

        assertThat(timings).containsExactlyInAnyOrder(
                new Timing(TestingApp.CLASS, 250, AppState.FINISHED),
                new Timing(TestingApp.CLASS, 40, AppState.ERROR));
    }

    @Test
    void ran_timingsThatThrow_doNotStopTheRun() {
        Graph g = new Graph();
        g.app("A", ctx -> { }).outputs("D");
        g.memory("D");

        try (TestRun run = TestRun.builder().appTimings((c, ms, o) -> {
            throw new IllegalStateException("broken metrics");
        }).deploy(dir, g)) {
            assertThat(run.runToEnd()).isEqualTo(SessionState.FINISHED);
        }
    }
}
