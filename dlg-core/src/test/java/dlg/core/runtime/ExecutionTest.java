package dlg.core.runtime;

import static dlg.core.runtime.RecordingListener.exec;
import static dlg.core.runtime.RecordingListener.status;
import static dlg.core.runtime.RecordingListener.type;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dlg.core.catalog.DropCatalog;
import dlg.core.error.InvalidDropException;
import dlg.core.graph.Category;
import dlg.core.graph.DropSpec;
import dlg.core.graph.GraphReader;
import dlg.core.graph.GraphSpec;
import dlg.core.graph.Link;
import dlg.core.graph.LinkType;
import dlg.core.graph.ParsedGraph;
import dlg.core.state.AppState;
import dlg.core.state.DropState;
import dlg.core.state.SessionState;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecutionTest {

    @TempDir
    Path dir;

    /** A (memory) -> B (app) -> C (memory). */
    private static Graph chain(String appClass) {
        Graph g = new Graph();
        g.memory("A").consumers("B");
        g.app("B", appClass).outputs("C");
        g.memory("C");
        return g;
    }

    // ---- Outcome ----

    @Test
    void schedule_executorRefusesTheApp_appFailsAndTheRunEnds() {
        Workers closed = Workers.create(1);
        closed.close(); // its pools now refuse every task
        try (TestRun run = TestRun.builder().workers(closed).deploy(dir, chain("dlg.apps.simple.NullBarrierApp"))) {
            assertThat(run.runToEnd()).isEqualTo(SessionState.FAILED);
            assertThat(run.status("B").error()).contains("shutting down");
            assertThat(run.state("C")).isEqualTo(DropState.ERROR);
        }
    }

    @Test
    void outcome_emptyGraph_isFinishedAtOnce() {
        try (Engine engine = Engine.create(1)) {
            Execution ex = engine.deploy("s1", dir, new GraphSpec(), DropListener.NONE);

            assertThat(ex.outcome()).isCompletedWithValue(SessionState.FINISHED);
            assertThat(ex.size()).isZero();
            assertThat(ex.counts().total()).isZero();
        }
    }

    @Test
    void contentHash_askedDrop_isTheSha3OfWhatItHeldBeforeItsDataWentAway() throws Exception {
        GraphSpec spec = new GraphSpec();
        spec.append(GraphReader.read("""
                [{"oid": "B", "categoryType": "Application", "dropclass": "dlg.apps.simple.HelloWorldApp", "outputs": ["C"]},
                 {"oid": "C", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP", "consumers": ["D"]},
                 {"oid": "D", "categoryType": "Application", "dropclass": "dlg.apps.simple.NullBarrierApp"},
                 {"oid": "E", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP"}]
                """), DropCatalog.standard());
        try (Engine engine = Engine.create(1)) {
            Execution ex = engine.deploy("s1", dir, spec, DropListener.NONE, List.of(), i -> i != 0);
            ex.trigger(List.of("B", "E"));

            assertThat(ex.outcome().get(20, SECONDS)).isEqualTo(SessionState.FINISHED);
            assertThat(ex.state(1)).isEqualTo(DropState.EXPIRED); // D read it: its data was released
            // python3: hashlib.sha3_256(b"Hello World").hexdigest(), and of b"" for E
            assertThat(ex.contentHash(1)).isEqualTo("e167f68d6563d75bb25f3aa49c29ef612d41352dc00606de7cbd630bb2665f51");
            assertThat(ex.contentHash(3)).isEqualTo("a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a");
            assertThat(ex.contentHash(0)).as("an app").isNull();
            assertThat(ex.contentHash(2)).as("an app").isNull();
        }
    }

    @Test
    void contentHash_notAsked_isNull() throws Exception {
        try (Engine engine = Engine.create(1)) {
            GraphSpec spec = new GraphSpec();
            spec.append(GraphReader.read(chain(Graph.NULL_BARRIER).json()), DropCatalog.standard());
            Execution ex = engine.deploy("s1", dir, spec, DropListener.NONE);
            ex.trigger(List.of("A"));

            assertThat(ex.outcome().get(20, SECONDS)).isEqualTo(SessionState.FINISHED);
            assertThat(ex.contentHash(0)).isNull();
        }
    }

    @Test
    void listener_wantsOnlySomeTypes_isGivenOnlyThose() throws Exception {
        List<DropEvent.Type> given = new CopyOnWriteArrayList<>();
        DropListener completions = new DropListener() {
            @Override
            public boolean wants(DropEvent.Type type) {
                return type == DropEvent.Type.DROP_COMPLETED;
            }

            @Override
            public void onEvent(DropEvent e) {
                given.add(e.type());
            }
        };
        try (Engine engine = Engine.create(1)) {
            GraphSpec spec = new GraphSpec();
            spec.append(GraphReader.read(chain(Graph.NULL_BARRIER).json()), DropCatalog.standard());
            Execution ex = engine.deploy("s1", dir, spec, completions);
            ex.trigger(List.of("A"));

            assertThat(ex.outcome().get(20, SECONDS)).isEqualTo(SessionState.FINISHED);
        }
        assertThat(given).as("A and C completed; no status, execStatus or producerFinished event was made")
                .containsExactly(DropEvent.Type.DROP_COMPLETED, DropEvent.Type.DROP_COMPLETED);
    }

    @Test
    void outcome_chain_isFinishedWithEveryDropSettled() {
        try (TestRun run = TestRun.deploy(dir, chain(Graph.NULL_BARRIER))) {
            assertThat(run.runToEnd()).isEqualTo(SessionState.FINISHED);

            assertThat(run.state("A")).isEqualTo(DropState.EXPIRED); // consumed, released
            assertThat(run.status("B")).isEqualTo(new DropStatus("B", "B", DropState.COMPLETED, AppState.FINISHED, null));
            assertThat(run.state("C")).isEqualTo(DropState.COMPLETED);
        }
    }

    @Test
    void outcome_notTriggered_isNotDone() {
        try (TestRun run = TestRun.builder().workers(new ManualExecutor().workers()).deploy(dir, chain(Graph.NULL_BARRIER))) {
            assertThat(run.isDone()).isFalse();
            assertThat(run.state("A")).isEqualTo(DropState.INITIALIZED);
        }
    }

    @Test
    void outcome_anAppFails_isFailed() {
        Graph g = new Graph();
        g.memory("A").consumers("B");
        g.app("B", ctx -> {
            throw new IllegalStateException("boom");
        }).outputs("C");
        g.memory("C");
        try (TestRun run = TestRun.deploy(dir, g)) {
            assertThat(run.runToEnd()).isEqualTo(SessionState.FAILED);
        }
    }

    @Test
    void outcome_eachCallGivesAFutureOfItsOwn() {
        try (TestRun run = TestRun.deploy(dir, chain(Graph.NULL_BARRIER))) {
            run.execution.outcome().cancel(true); // a caller cancelling its copy changes nothing for others

            assertThat(run.runToEnd()).isEqualTo(SessionState.FINISHED);
        }
    }

    // ---- Trigger ----

    @Test
    void trigger_unknownUid_throwsAndTriggersNothing() {
        ManualExecutor tasks = new ManualExecutor();
        try (TestRun run = TestRun.builder().workers(tasks.workers()).deploy(dir, chain(Graph.NULL_BARRIER))) {
            assertThatThrownBy(() -> run.execution.trigger(List.of("A", "nope")))
                    .isInstanceOf(InvalidDropException.class)
                    .hasMessageContaining("nope")
                    .satisfies(e -> assertThat(((InvalidDropException) e).oid()).isEqualTo("nope"));

            assertThat(run.state("A")).isEqualTo(DropState.INITIALIZED);
            assertThat(tasks.pending()).isZero();
        }
    }

    @Test
    void trigger_manyRoots_returnsOnceCheckedAndTriggersThemInChunksOnTheWorkers() {
        int n = 2 * Execution.TRIGGER_CHUNK + 1;
        Graph g = new Graph();
        List<String> roots = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            g.memory("r" + i);
            roots.add("r" + i);
        }
        ManualExecutor tasks = new ManualExecutor();
        try (TestRun run = TestRun.builder().workers(tasks.workers()).deploy(dir, g)) {
            run.execution.trigger(roots);

            assertThat(run.state("r0")).isEqualTo(DropState.INITIALIZED); // not yet: queued
            assertThat(tasks.pending()).isEqualTo(3);
            tasks.runAll();
            for (String r : roots) {
                assertThat(run.state(r)).isIn(DropState.COMPLETED, DropState.EXPIRED);
            }
            assertThat(run.execution.outcome()).isCompletedWithValue(SessionState.FINISHED);
        }
    }

    @Test
    void trigger_manyRootsOneUnknown_triggersNone() {
        int n = Execution.TRIGGER_CHUNK + 10;
        Graph g = new Graph();
        List<String> roots = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            g.memory("r" + i);
            roots.add("r" + i);
        }
        roots.add("nope");
        ManualExecutor tasks = new ManualExecutor();
        try (TestRun run = TestRun.builder().workers(tasks.workers()).deploy(dir, g)) {
            assertThatThrownBy(() -> run.execution.trigger(roots)).isInstanceOf(InvalidDropException.class)
                    .hasMessageContaining("nope");
            assertThat(tasks.pending()).isZero();
            assertThat(run.state("r0")).isEqualTo(DropState.INITIALIZED);
        }
    }

    @Test
    void trigger_byOidWhenUidsDiffer_throws() {
        String json = """
                [{"oid": "A", "uid": "uA", "categoryType": "Data", "dropclass": "%s", "consumers": ["B"]},
                 {"oid": "B", "uid": "uB", "categoryType": "Application", "dropclass": "%s"}]
                """.formatted(Graph.MEMORY, Graph.NULL_BARRIER);
        try (TestRun run = TestRun.deploy(dir, json)) {
            assertThatThrownBy(() -> run.trigger("A")).isInstanceOf(InvalidDropException.class);

            run.trigger("uA");

            assertThat(run.await()).isEqualTo(SessionState.FINISHED);
            assertThat(run.status("B").uid()).isEqualTo("uB");
        }
    }

    @Test
    void indexOfUid_uidsDifferFromOids_findsByUidOnly() {
        String json = """
                [{"oid": "A", "uid": "uA", "categoryType": "Data", "dropclass": "%s"}]
                """.formatted(Graph.MEMORY);
        try (TestRun run = TestRun.deploy(dir, json)) {
            assertThat(run.execution.indexOfUid("uA")).isEqualTo(run.execution.indexOf("A")).isZero();
            assertThat(run.execution.indexOfUid("A")).isEqualTo(-1);
        }
    }

    @Test
    void trigger_rootApp_runsIt() {
        AtomicInteger runs = new AtomicInteger();
        Graph g = new Graph();
        g.app("R", ctx -> runs.incrementAndGet()).outputs("D");
        g.memory("D");
        try (TestRun run = TestRun.deploy(dir, g)) {
            assertThat(run.spec.roots()).containsExactly("R");

            assertThat(run.runToEnd()).isEqualTo(SessionState.FINISHED);

            assertThat(runs).hasValue(1);
            assertThat(run.state("D")).isEqualTo(DropState.COMPLETED);
        }
    }

    @Test
    void trigger_appTwiceBeforeItRuns_runsItOnce() {
        ManualExecutor tasks = new ManualExecutor();
        AtomicInteger runs = new AtomicInteger();
        Graph g = new Graph();
        g.app("R", ctx -> runs.incrementAndGet());
        try (TestRun run = TestRun.builder().workers(tasks.workers()).deploy(dir, g)) {
            run.trigger("R");
            run.trigger("R");
            tasks.runAll();

            assertThat(runs).hasValue(1);
            assertThat(run.await()).isEqualTo(SessionState.FINISHED);
        }
    }

    @Test
    void trigger_dataDropTwice_isHarmless() {
        Recorder rec = new Recorder();
        Graph g = new Graph();
        g.memory("A").consumers("B");
        g.app("B", rec);
        try (TestRun run = TestRun.deploy(dir, g)) {
            run.trigger("A").trigger("A");
            assertThat(run.await()).isEqualTo(SessionState.FINISHED);
            run.trigger("A");

            assertThat(rec.ran()).containsExactly("B");
            assertThat(run.events.of("A").stream().filter(type("A", DropEvent.Type.DROP_COMPLETED)).count()).isEqualTo(1);
        }
    }

    @Test
    void trigger_afterTheEnd_changesNothing() {
        try (TestRun run = TestRun.deploy(dir, chain(Graph.NULL_BARRIER))) {
            run.runToEnd();
            int events = run.events.events().size();

            run.trigger("A", "B");

            assertThat(run.events.events()).hasSize(events);
            assertThat(run.exec("B")).isEqualTo(AppState.FINISHED);
        }
    }

    // ---- Cancel ----

    @Test
    void cancel_whileSleepAppSleeps_endsCancelledPromptly() throws Exception {
        Graph g = new Graph();
        g.memory("A").consumers("S");
        g.app("S", Graph.SLEEP).param("sleep_time", 600).outputs("B");
        g.memory("B").consumers("C");
        g.app("C", Graph.NULL_BARRIER).outputs("D");
        g.memory("D");
        try (TestRun run = TestRun.deploy(dir, g)) {
            run.trigger();
            await().atMost(Duration.ofSeconds(10)).until(() -> run.exec("S") == AppState.RUNNING);

            run.execution.cancel();

            assertThat(run.execution.outcome().get(5, SECONDS)).isEqualTo(SessionState.CANCELLED);
            assertThat(run.state("A")).isEqualTo(DropState.COMPLETED);
            assertThat(run.status("S")).isEqualTo(new DropStatus("S", "S", DropState.CANCELLED, AppState.CANCELLED, null));
            assertThat(run.state("B")).isEqualTo(DropState.CANCELLED);
            assertThat(run.status("C").status()).isEqualTo(DropState.CANCELLED);
            assertThat(run.status("C").execStatus()).isEqualTo(AppState.CANCELLED);
            assertThat(run.state("D")).isEqualTo(DropState.CANCELLED);
            assertThat(run.execution.counts().count(AppState.CANCELLED)).isEqualTo(2);
        }
    }

    @Test
    void cancel_whileAnAppRuns_interruptsIt() {
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<Boolean> interrupted = new AtomicReference<>();
        Graph g = new Graph();
        g.waitingApp("W", ctx -> {
            started.countDown();
            try {
                new CountDownLatch(1).await(); // until interrupted
            } catch (InterruptedException e) {
                interrupted.set(true);
                throw e;
            }
        });
        try (TestRun run = TestRun.deploy(dir, g)) {
            run.trigger();
            await().atMost(Duration.ofSeconds(10)).until(() -> started.getCount() == 0);

            run.execution.cancel();

            assertThat(run.await()).isEqualTo(SessionState.CANCELLED);
            await().atMost(Duration.ofSeconds(10)).until(() -> Boolean.TRUE.equals(interrupted.get()));
            assertThat(run.exec("W")).isEqualTo(AppState.CANCELLED);
        }
    }

    @Test
    void cancel_beforeTrigger_cancelsEverything() {
        try (TestRun run = TestRun.deploy(dir, chain(Graph.NULL_BARRIER))) {
            run.execution.cancel();

            assertThat(run.await()).isEqualTo(SessionState.CANCELLED);
            assertThat(run.state("A")).isEqualTo(DropState.CANCELLED);
            assertThat(run.status("B")).isEqualTo(new DropStatus("B", "B", DropState.CANCELLED, AppState.CANCELLED, null));
            assertThat(run.state("C")).isEqualTo(DropState.CANCELLED);

            run.trigger(); // too late: nothing moves
            assertThat(run.state("A")).isEqualTo(DropState.CANCELLED);
        }
    }

    @Test
    void cancel_afterTheEnd_changesNothing() {
        try (TestRun run = TestRun.deploy(dir, chain(Graph.NULL_BARRIER))) {
            run.runToEnd();

            run.execution.cancel();

            assertThat(run.execution.outcome()).isCompletedWithValue(SessionState.FINISHED);
            assertThat(run.exec("B")).isEqualTo(AppState.FINISHED);
            assertThat(run.state("C")).isEqualTo(DropState.COMPLETED);
        }
    }

    /**
     * Cancelling while many drops settle on the workers: a drop that completes between cancel's
     * look and its move must not make cancel throw (COMPLETED cannot become CANCELLED), nor leave
     * drops unsettled.
     */
    @RepeatedTest(5)
    void cancel_whileManyDropsSettle_neverThrowsAndSettlesAll() {
        int n = 5000;
        List<DropSpec> drops = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            drops.add(data("i" + i, Graph.MEMORY, link(LinkType.CONSUMER, "a" + i)));
            drops.add(app("a" + i, Graph.COPY, link(LinkType.OUTPUT, "o" + i)));
            drops.add(data("o" + i, Graph.MEMORY));
        }
        try (TestRun run = TestRun.builder().noListener().threads(2).deploy(dir, graph(drops))) {
            run.trigger();

            run.execution.cancel();

            assertThat(run.await()).isIn(SessionState.CANCELLED, SessionState.FINISHED);
            ExecutionCounts c = run.execution.counts();
            assertThat(c.done()).isEqualTo(3L * n);
        }
    }

    // ---- EndDROP ----

    @Test
    void endDrop_completed_finishesAndSkipsWhatHasNotRun() throws Exception {
        Graph g = new Graph();
        g.memory("A").consumers("X");
        g.app("X", Graph.NULL_BARRIER).outputs("E");
        g.data("E", Graph.END);
        g.memory("P").consumers("Y"); // never triggered
        g.app("Y", Graph.NULL_BARRIER).outputs("Q");
        g.memory("Q");
        try (TestRun run = TestRun.deploy(dir, g)) {
            run.trigger("A");

            assertThat(run.await()).isEqualTo(SessionState.FINISHED);
            assertThat(run.state("E")).isEqualTo(DropState.COMPLETED);
            assertThat(run.exec("X")).isEqualTo(AppState.FINISHED);
            assertThat(run.state("P")).isEqualTo(DropState.SKIPPED);
            assertThat(run.status("Y")).isEqualTo(new DropStatus("Y", "Y", DropState.SKIPPED, AppState.SKIPPED, null));
            assertThat(run.state("Q")).isEqualTo(DropState.SKIPPED);
        }
    }

    @Test
    void endDrop_whileAnotherAppSleeps_endsPromptlyWithoutWaitingForIt() throws Exception {
        Graph g = new Graph();
        g.memory("B").consumers("S");
        g.app("S", Graph.SLEEP).param("sleep_time", 600).outputs("T");
        g.memory("T");
        g.data("E", Graph.END);
        try (TestRun run = TestRun.deploy(dir, g)) {
            run.trigger("B");
            await().atMost(Duration.ofSeconds(10)).until(() -> run.exec("S") == AppState.RUNNING);

            run.trigger("E");

            assertThat(run.execution.outcome().get(5, SECONDS)).isEqualTo(SessionState.FINISHED);
            assertThat(run.exec("S")).isEqualTo(AppState.CANCELLED);
            assertThat(run.state("T")).isEqualTo(DropState.SKIPPED);
        }
    }

    // ---- App-to-app links ----

    @Test
    void appToApp_laterAppRunsOnlyOnceTheEarlierFinished() throws Exception {
        List<String> order = new CopyOnWriteArrayList<>();
        Graph g = new Graph();
        g.app("A", ctx -> order.add("A")).outputs("B");
        g.app("B", ctx -> order.add("B")).outputs("C");
        g.app("C", ctx -> order.add("C")).outputs("OUT");
        g.memory("OUT");
        try (TestRun run = TestRun.deploy(dir, g)) {
            assertThat(run.runToEnd()).isEqualTo(SessionState.FINISHED);

            assertThat(order).containsExactly("A", "B", "C");
            assertThat(run.state("OUT")).isEqualTo(DropState.COMPLETED);
        }
    }

    @Test
    void appToApp_earlierAppFails_laterFailsWithoutRunning() {
        Graph g = new Graph();
        g.app("A", ctx -> {
            throw new IllegalStateException("boom");
        }).consumers("B");
        g.app("B", Graph.NULL_BARRIER);
        try (TestRun run = TestRun.deploy(dir, g)) {
            assertThat(run.runToEnd()).isEqualTo(SessionState.FAILED);

            assertThat(run.status("B")).isEqualTo(new DropStatus("B", "B", DropState.ERROR, AppState.ERROR,
                    "1 of 1 inputs failed (input_error_threshold 0%)"));
        }
    }

    @Test
    void appToApp_afterADataInput_waitsForBoth() {
        Graph g = new Graph();
        g.memory("D").consumers("B");
        g.app("A", Graph.NULL_BARRIER).outputs("B");
        g.app("B", Graph.NULL_BARRIER);
        try (TestRun run = TestRun.deploy(dir, g)) {
            run.trigger("A");

            await().atMost(Duration.ofSeconds(10)).until(() -> run.exec("A") == AppState.FINISHED);
            assertThat(run.exec("B")).isEqualTo(AppState.NOT_RUN);

            run.trigger("D");
            assertThat(run.await()).isEqualTo(SessionState.FINISHED);
            assertThat(run.exec("B")).isEqualTo(AppState.FINISHED);
        }
    }

    // ---- Listener ----

    @Test
    void listener_oneChain_seesEventsInOrder() {
        try (TestRun run = TestRun.deploy(dir, chain(Graph.NULL_BARRIER))) {
            run.runToEnd();

            assertThat(run.events.described()).containsExactly(
                    "A:status:COMPLETED",
                    "A:dropCompleted:COMPLETED",
                    "B:execStatus:INITIALIZED:RUNNING",
                    "B:execStatus:INITIALIZED:FINISHED",
                    "B:status:COMPLETED:FINISHED",
                    "B:producerFinished:COMPLETED:FINISHED",
                    "A:status:EXPIRED",
                    "C:status:COMPLETED",
                    "C:dropCompleted:COMPLETED");
        }
    }

    @Test
    void listener_failingChain_seesErrorEvents() {
        Graph g = new Graph();
        g.memory("A").consumers("B");
        g.app("B", ctx -> {
            throw new IllegalStateException("boom");
        }).outputs("C");
        g.memory("C").consumers("D");
        g.app("D", Graph.NULL_BARRIER);
        try (TestRun run = TestRun.deploy(dir, g)) {
            run.runToEnd();

            RecordingListener ev = run.events;
            assertThat(ev.indexOf(exec("B", AppState.ERROR))).isLessThan(ev.indexOf(status("B", DropState.ERROR)));
            assertThat(ev.indexOf(status("B", DropState.ERROR)))
                    .isLessThan(ev.indexOf(type("B", DropEvent.Type.PRODUCER_FINISHED)));
            assertThat(ev.indexOf(type("B", DropEvent.Type.PRODUCER_FINISHED)))
                    .isLessThan(ev.indexOf(status("C", DropState.ERROR)));
            assertThat(ev.of("C")).extracting(RecordingListener::describe)
                    .containsExactly("C:status:ERROR", "C:dropCompleted:ERROR");
            assertThat(ev.of("D")).extracting(RecordingListener::describe)
                    .containsExactly("D:execStatus:INITIALIZED:ERROR", "D:status:ERROR:ERROR",
                            "D:producerFinished:ERROR:ERROR");
        }
    }

    @Test
    void listener_eventsCarrySessionUidAndClockTime() {
        Clock fixed = Clock.fixed(Instant.parse("2024-01-02T03:04:05Z"), ZoneOffset.UTC);
        try (TestRun run = TestRun.builder().clock(fixed).deploy(dir, chain(Graph.NULL_BARRIER))) {
            run.runToEnd();

            assertThat(run.events.events()).isNotEmpty().allSatisfy(e -> {
                assertThat(e.sessionId()).isEqualTo("s1");
                assertThat(e.uid()).isEqualTo(e.oid());
                assertThat(e.timestamp()).isEqualTo(fixed.millis());
            });
        }
    }

    @Test
    void stateQueries_afterTheRun_matchEachDropsStatus() {
        try (TestRun run = TestRun.deploy(dir, chain(Graph.NULL_BARRIER))) {
            run.runToEnd();

            for (int i = 0; i < run.execution.size(); i++) {
                DropStatus s = run.execution.status(i);
                assertThat(run.execution.state(i)).as(s.oid()).isEqualTo(s.status());
                assertThat(run.execution.execState(i)).as(s.oid()).isEqualTo(s.execStatus());
            }
        }
    }

    @Test
    void dropTimes_ranApp_areStampedFromTheEngineClock_dataHaveAnEndOnly() {
        Clock stepping = new Clock() { // each reading is 10 ms after the previous one
            private final AtomicLong now = new AtomicLong(Instant.parse("2024-01-02T03:04:05Z").toEpochMilli());

            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(now.addAndGet(10));
            }
        };
        try (TestRun run = TestRun.builder().clock(stepping).deploy(dir, chain(Graph.NULL_BARRIER))) {
            int b = run.spec.indexOf("B");
            assertThat(run.execution.startedMillis(b)).isEqualTo(-1);

            run.runToEnd();

            long start = run.execution.startMillis();
            assertThat(run.execution.startedMillis(b)).isGreaterThan(start);
            assertThat(run.execution.endedMillis(b)).isGreaterThan(run.execution.startedMillis(b));
            assertThat(run.execution.startedMillis(run.spec.indexOf("A"))).isEqualTo(-1);
            assertThat(run.execution.endedMillis(run.spec.indexOf("C"))).as("data settle too, after their producer")
                    .isGreaterThanOrEqualTo(run.execution.endedMillis(b));
        }
    }

    @Test
    void appTimes_appThatNeverRan_hasAnEndButNoStart() {
        try (TestRun run = TestRun.deploy(dir, chain(Graph.NULL_BARRIER))) {
            run.execution.cancel();

            int b = run.spec.indexOf("B");
            assertThat(run.execution.startedMillis(b)).isEqualTo(-1);
            assertThat(run.execution.endedMillis(b)).isGreaterThanOrEqualTo(run.execution.startMillis());
        }
    }

    @Test
    void listener_thatThrows_doesNotBreakTheRun() {
        DropListener bad = e -> {
            throw new IllegalStateException("listener bug");
        };
        try (TestRun run = TestRun.builder().listener(bad).deploy(dir, chain(Graph.COPY))) {
            assertThat(run.runToEnd()).isEqualTo(SessionState.FINISHED);
            assertThat(run.state("C")).isEqualTo(DropState.COMPLETED);
        }
    }

    @Test
    void listener_none_runsAllTheSame() {
        try (TestRun run = TestRun.builder().noListener().deploy(dir, chain(Graph.COPY))) {
            assertThat(run.runToEnd()).isEqualTo(SessionState.FINISHED);
            assertThat(run.events.events()).isEmpty();
        }
    }

    // ---- Counts and failures ----

    @Test
    void counts_beforeTrigger_allInitializedAndNotRun() {
        try (TestRun run = TestRun.deploy(dir, chain(Graph.NULL_BARRIER))) {
            ExecutionCounts c = run.execution.counts();

            assertThat(c.total()).isEqualTo(3);
            assertThat(c.apps()).isEqualTo(1);
            assertThat(c.count(DropState.INITIALIZED)).isEqualTo(3);
            assertThat(c.count(AppState.NOT_RUN)).isEqualTo(1);
            assertThat(c.done()).isZero();
        }
    }

    @Test
    void counts_atTheEnd_addUpToTheTotal() {
        Graph g = new Graph();
        g.memory("A").consumers("B", "F");
        g.app("B", Graph.COPY).outputs("C");
        g.memory("C").param("persist", true);
        g.app("F", ctx -> {
            throw new IllegalStateException("no");
        }).outputs("G");
        g.memory("G").consumers("H");
        g.app("H", Graph.NULL_BARRIER);
        try (TestRun run = TestRun.deploy(dir, g)) {
            assertThat(run.runToEnd()).isEqualTo(SessionState.FAILED);

            ExecutionCounts c = run.execution.counts();
            assertThat(Arrays.stream(c.byState()).sum()).isEqualTo(c.total()).isEqualTo(6);
            assertThat(Arrays.stream(c.byAppState()).sum()).isEqualTo(c.apps()).isEqualTo(3);
            assertThat(c.done()).isEqualTo(6);
            assertThat(c.count(DropState.ERROR)).isEqualTo(3); // F, G, H
            assertThat(c.count(DropState.COMPLETED)).isEqualTo(2); // B, C
            assertThat(c.count(AppState.ERROR)).isEqualTo(2);
            assertThat(c.count(AppState.FINISHED)).isEqualTo(1);
            assertThat(c.count(DropState.EXPIRED)).isEqualTo(1); // A, after both consumers settled
        }
    }

    @Test
    void failures_listDropsInErrorWithTheirCause() {
        Graph g = new Graph();
        g.memory("A").consumers("B");
        g.app("B", ctx -> {
            throw new IllegalStateException("the cause");
        }).outputs("C");
        g.memory("C");
        try (TestRun run = TestRun.deploy(dir, g)) {
            assertThat(run.execution.failures(10)).isEmpty();
            run.runToEnd();

            List<DropStatus> failures = run.execution.failures(10);
            assertThat(failures).extracting(DropStatus::oid).containsExactly("B", "C");
            assertThat(failures.getFirst().error()).isEqualTo("the cause");
            assertThat(failures.get(1).error()).isNotBlank();
            assertThat(run.execution.failures(1)).hasSize(1);
            assertThat(run.status("B").error()).isEqualTo("the cause");
        }
    }

    @Test
    void forEachStatus_visitsEveryDropInGraphOrder() {
        try (TestRun run = TestRun.deploy(dir, chain(Graph.NULL_BARRIER))) {
            List<String> oids = new ArrayList<>();
            run.execution.forEachStatus(s -> oids.add(s.oid()));

            assertThat(oids).containsExactly("A", "B", "C");
        }
    }

    // ---- Threads ----

    @Test
    void waitingApp_runsOnAVirtualThread() {
        AtomicReference<Thread> thread = new AtomicReference<>();
        Graph g = new Graph();
        g.waitingApp("W", ctx -> thread.set(Thread.currentThread()));
        try (TestRun run = TestRun.deploy(dir, g)) {
            run.runToEnd();

            assertThat(thread.get().isVirtual()).isTrue();
        }
    }

    @Test
    void computingApp_runsOnTheBoundedPool() {
        AtomicReference<Thread> thread = new AtomicReference<>();
        Graph g = new Graph();
        g.app("C", ctx -> thread.set(Thread.currentThread()));
        try (TestRun run = TestRun.deploy(dir, g)) {
            run.runToEnd();

            assertThat(thread.get().isVirtual()).isFalse();
            assertThat(thread.get().getName()).startsWith("dlg-app-");
        }
    }

    @Test
    void waitingApps_withOneWorker_allWaitAtOnce() {
        int n = 300;
        CountDownLatch allStarted = new CountDownLatch(n);
        Graph g = new Graph();
        for (int i = 0; i < n; i++) {
            g.waitingApp("W" + i, ctx -> {
                allStarted.countDown();
                if (!allStarted.await(20, SECONDS)) { // only if all wait at once can all get here
                    throw new IllegalStateException("not all apps were started at once");
                }
            });
        }
        try (TestRun run = TestRun.builder().threads(1).deploy(dir, g)) {
            assertThat(run.runToEnd()).isEqualTo(SessionState.FINISHED);
        }
    }

    @Test
    void sleepApps_500WithOneWorker_allSleepAtOnce() {
        int n = 500;
        Graph g = new Graph();
        for (int i = 0; i < n; i++) {
            g.app("S" + i, Graph.SLEEP).param("sleep_time", 0.2).outputs("D" + i);
            g.memory("D" + i);
        }
        // Each app, once RUNNING, waits (bounded) for all to be RUNNING: only apps that run at
        // once get past this; apps run one after the other would each give up after the bound.
        CountDownLatch allRunning = new CountDownLatch(n);
        AtomicInteger gaveUp = new AtomicInteger();
        DropListener barrier = e -> {
            if (e.type() == DropEvent.Type.EXEC_STATUS && e.execStatus() == AppState.RUNNING) {
                allRunning.countDown();
                try {
                    if (gaveUp.get() > 0 || !allRunning.await(20, SECONDS)) {
                        gaveUp.incrementAndGet();
                    }
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        try (TestRun run = TestRun.builder().threads(1).listener(barrier).deploy(dir, g)) {
            assertThat(run.runToEnd()).isEqualTo(SessionState.FINISHED);

            assertThat(gaveUp).hasValue(0);
            List<DropEvent> ev = run.events.events();
            int lastStart = -1;
            int firstEnd = Integer.MAX_VALUE;
            for (int i = 0; i < ev.size(); i++) {
                DropEvent e = ev.get(i);
                if (e.type() == DropEvent.Type.EXEC_STATUS && e.execStatus() == AppState.RUNNING) {
                    lastStart = i;
                } else if (e.type() == DropEvent.Type.EXEC_STATUS && e.execStatus() == AppState.FINISHED) {
                    firstEnd = Math.min(firstEnd, i);
                }
            }
            assertThat(lastStart).as("every SleepApp started before any finished").isLessThan(firstEnd);
            assertThat(run.execution.counts().count(AppState.FINISHED)).isEqualTo(n);
        }
    }

    // ---- Scale ----

    @Test
    void chainOf100000Apps_finishes() {
        int n = 100_000;
        List<DropSpec> drops = new ArrayList<>(2 * n + 1);
        for (int i = 0; i < n; i++) {
            drops.add(data("d" + i, Graph.MEMORY));
            drops.add(app("a" + i, Graph.NULL_BARRIER, link(LinkType.INPUT, "d" + i), link(LinkType.OUTPUT, "d" + (i + 1))));
        }
        drops.add(data("d" + n, Graph.MEMORY));
        try (TestRun run = TestRun.builder().noListener().deploy(dir, graph(drops))) {
            assertThat(run.spec.roots()).containsExactly("d0");

            assertThat(run.runToEnd()).isEqualTo(SessionState.FINISHED);

            assertThat(run.execution.counts().count(AppState.FINISHED)).isEqualTo(n);
            assertThat(run.state("d" + n)).isEqualTo(DropState.COMPLETED);
        }
    }

    @Test
    void wideGraphOf100000Triples_finishes() {
        int n = 100_000;
        List<DropSpec> drops = new ArrayList<>(3 * n);
        for (int i = 0; i < n; i++) {
            drops.add(data("i" + i, Graph.MEMORY, link(LinkType.CONSUMER, "a" + i)));
            drops.add(app("a" + i, Graph.NULL_BARRIER, link(LinkType.OUTPUT, "o" + i)));
            drops.add(data("o" + i, Graph.MEMORY));
        }
        try (TestRun run = TestRun.builder().noListener().deploy(dir, graph(drops))) {
            assertThat(run.runToEnd()).isEqualTo(SessionState.FINISHED);

            ExecutionCounts c = run.execution.counts();
            assertThat(c.count(AppState.FINISHED)).isEqualTo(n);
            assertThat(c.count(DropState.EXPIRED)).isEqualTo(n);
            assertThat(c.count(DropState.COMPLETED)).isEqualTo(2L * n);
        }
    }

    // ---- Helpers: specs without JSON, for big graphs ----

    static Link link(LinkType type, String oid) {
        return new Link(type, oid, null);
    }

    static DropSpec data(String oid, String dropClass, Link... links) {
        return new DropSpec(oid, oid, Category.DATA, dropClass, null, null, null, List.of(links), Map.of(), Map.of());
    }

    static DropSpec app(String oid, String dropClass, Link... links) {
        return new DropSpec(oid, oid, Category.APPLICATION, dropClass, null, null, null, List.of(links), Map.of(), Map.of());
    }

    static GraphSpec graph(List<DropSpec> drops) {
        GraphSpec spec = new GraphSpec();
        spec.append(ParsedGraph.of(drops), DropCatalog.standard());
        return spec;
    }
}
