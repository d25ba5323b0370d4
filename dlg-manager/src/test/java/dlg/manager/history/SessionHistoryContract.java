package dlg.manager.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dlg.core.state.SessionState;
import dlg.manager.history.PastSession.DropFailure;
import dlg.manager.history.PastSession.StateChange;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every database behind {@link JdbcSessionHistory} must do: the same tests run on an
 * embedded H2 ({@link H2SessionHistoryTest}) and on a real PostgreSQL ({@link PostgresSessionHistoryTest}).
 */
abstract class SessionHistoryContract {

    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    static final String ME = "node1:8000";

    private final List<JdbcSessionHistory> opened = new ArrayList<>();

    /** A JDBC URL of an empty database, the same for every call within one test. */
    abstract String url() throws Exception;

    JdbcSessionHistory open(String owner, Duration keep, Clock clock) throws Exception {
        var h = JdbcSessionHistory.open(new HistoryTarget(url(), owner), keep, clock);
        opened.add(h);
        h.opened().get();
        return h;
    }

    JdbcSessionHistory open() throws Exception {
        return open(ME, null, Clock.fixed(T0, ZoneOffset.UTC));
    }

    @AfterEach
    void closeAll() {
        opened.forEach(JdbcSessionHistory::close);
    }

    static PastSession session(String owner, String id, SessionState state, Instant created, List<DropFailure> failures,
                               List<ConstructSummary> constructs) {
        Instant ended = state.isTerminal() ? created.plusSeconds(60) : null;
        List<StateChange> states = new ArrayList<>(List.of(new StateChange(SessionState.PRISTINE, created),
                new StateChange(SessionState.RUNNING, created.plusSeconds(1))));
        if (ended != null) {
            states.add(new StateChange(state, ended));
        }
        return new PastSession(owner, id, "NodeManager", state, 10, created, ended, states,
                Map.of("COMPLETED", 8L, "ERROR", (long) failures.size()), failures.size(), failures, constructs,
                null, "/root/workspace/" + id, "/root/workspace/" + id + "/dlg_" + id + ".log", null, false);
    }

    static ConstructSummary construct(String key, String name, long failed, long... ms) {
        DurationHistogram h = new DurationHistogram();
        long total = 0;
        long max = 0;
        for (long m : ms) {
            h.add(m);
            total += m;
            max = Math.max(max, m);
        }
        return new ConstructSummary(key, name, ms.length, failed, total, max, h);
    }

    static java.util.function.Supplier<PastSession> just(PastSession s) {
        return () -> s;
    }

    /** Records and waits until the history's writer has written it. */
    static void recordAndWait(JdbcSessionHistory h, PastSession s) {
        h.record(() -> s);
        await().atMost(Duration.ofSeconds(10)).until(() -> h.query(new HistoryQuery(s.owner(), null, null, s.sessionId(), 10, 0))
                .sessions().stream().anyMatch(p -> p.sessionId().equals(s.sessionId()) && p.state() == s.state()));
    }

    @Test
    void session_endedWithFailure_comesBackWithEveryDetail() throws Exception {
        var h = open();
        var failures = List.of(new DropFailure("a1", "a1-uid", "calibrate", "boom: exit code 1", ME, true),
                new DropFailure("d1", "d1-uid", "image", "a producer failed", ME, false),
                new DropFailure("old", "old-uid", null, "from an older record", ME)); // not known: null stays null
        var s = session(ME, "s1", SessionState.FAILED, T0, failures,
                List.of(construct("-5", "calibrate", 1, 10, 20, 30, 40, 1000), construct("-3", "image", 0, 5)));

        recordAndWait(h, s);
        PastSession back = h.session("s1").orElseThrow();

        assertThat(back).usingRecursiveComparison().ignoringFields("constructs").isEqualTo(s);
        assertThat(back.constructs()).extracting(ConstructSummary::key, ConstructSummary::count, ConstructSummary::failed,
                ConstructSummary::medianMs, ConstructSummary::p95Ms, ConstructSummary::maxMs)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("-5", 5L, 1L, 30L, 1007L, 1000L),
                        org.assertj.core.groups.Tuple.tuple("-3", 1L, 0L, 5L, 5L, 5L));
        assertThat(h.session("unknown")).isEmpty();
        assertThat(h.has("s1")).isTrue();
        assertThat(h.has("unknown")).isFalse();
    }

    @Test
    void twoRecordsOfASessionInOneBatch_theLaterIsWritten() throws Exception {
        var h = open();
        var running = session(ME, "quick", SessionState.RUNNING, T0, List.of(), List.of());
        var failed = session(ME, "quick", SessionState.FAILED, T0, List.of(), List.of());
        var other = session(ME, "other", SessionState.FINISHED, T0, List.of(), List.of());

        assertThat(JdbcSessionHistory.latestOfEach(List.of(running, other, failed))).containsExactly(other, failed);
        var writerBusy = new java.util.concurrent.CountDownLatch(1);
        h.record(() -> { // holds the writer while the next two wait: they are then one batch
            try {
                writerBusy.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return other;
        });
        h.record(just(running));
        h.record(just(failed));
        writerBusy.countDown();

        await().until(() -> h.session("quick").isPresent());

        assertThat(h.session("quick").orElseThrow().state()).isEqualTo(SessionState.FAILED);
    }

    @Test
    void record_again_replacesTheEarlierRecord() throws Exception {
        var h = open();
        recordAndWait(h, session(ME, "s1", SessionState.RUNNING, T0, List.of(), List.of()));
        recordAndWait(h, session(ME, "s1", SessionState.FINISHED, T0, List.of(), List.of(construct("k", "k", 0, 3))));

        assertThat(h.query(HistoryQuery.of(ME)).sessions()).singleElement()
                .satisfies(p -> assertThat(p.state()).isEqualTo(SessionState.FINISHED));
        assertThat(h.session("s1").orElseThrow().constructs()).hasSize(1);
    }

    @Test
    void query_filtersByStateSinceNameAndOwner_andPages() throws Exception {
        var h = open();
        var fail = List.of(new DropFailure("x", "x", "x", "bad", ME));
        for (int i = 0; i < 5; i++) {
            h.record(just(session(ME, "ok-" + i, SessionState.FINISHED, T0.plusSeconds(i * 3600L), List.of(), List.of())));
        }
        h.record(just(session(ME, "bad-1", SessionState.FAILED, T0.plusSeconds(7200), fail,
                List.of(construct("k", "Calibrate_100%", 1, 1)))));
        recordAndWait(h, session("other:8000", "ok-0", SessionState.FAILED, T0, fail, List.of()));

        assertThat(ids(h.query(new HistoryQuery(ME, SessionState.FAILED, null, null, 50, 0)))).containsExactly("bad-1");
        assertThat(ids(h.query(new HistoryQuery(null, SessionState.FAILED, null, null, 50, 0))))
                .containsExactlyInAnyOrder("bad-1", "ok-0");
        assertThat(ids(h.query(new HistoryQuery(ME, null, T0.plusSeconds(3 * 3600), null, 50, 0))))
                .containsExactly("ok-4", "ok-3");
        assertThat(ids(h.query(new HistoryQuery(ME, null, null, "OK-", 50, 0)))).hasSize(5);
        assertThat(ids(h.query(new HistoryQuery(ME, null, null, "brate_100%", 50, 0)))).containsExactly("bad-1");
        assertThat(ids(h.query(new HistoryQuery(ME, null, null, "k_1", 50, 0)))).isEmpty(); // LIKE's wildcard, escaped

        HistoryPage page = h.query(new HistoryQuery(ME, null, null, null, 2, 1));
        assertThat(page.total()).isEqualTo(6);
        assertThat(ids(page)).containsExactly("ok-3", "bad-1"); // newest first: ok-4, [ok-3, bad-1 (at 2 h, after ok-2)]
    }

    @Test
    void constructs_areMergedAcrossSessions() throws Exception {
        var h = open();
        h.record(just(session(ME, "a", SessionState.FINISHED, T0, List.of(), List.of(construct("k", "calibrate", 0, 10, 10)))));
        recordAndWait(h, session(ME, "b", SessionState.FAILED, T0.plusSeconds(60), List.of(),
                List.of(construct("k", "calibrate", 1, 10, 100), construct("j", "image", 0, 1))));

        assertThat(h.constructs(new ConstructQuery(ME, null, null, null)))
                .extracting(ConstructSummary::key, ConstructSummary::count, ConstructSummary::failed,
                        ConstructSummary::medianMs, ConstructSummary::p95Ms)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("k", 4L, 1L, 10L, 101L),
                        org.assertj.core.groups.Tuple.tuple("j", 1L, 0L, 1L, 1L));
        assertThat(h.constructs(new ConstructQuery(ME, "a", null, null))).singleElement()
                .satisfies(c -> assertThat(c.count()).isEqualTo(2));
        assertThat(h.constructs(new ConstructQuery(ME, null, null, "IMA"))).extracting(ConstructSummary::key)
                .containsExactly("j");
    }

    @Test
    void open_withKeepDays_prunesOlderSessionsOfItsOwnerOnly() throws Exception {
        var first = open();
        first.record(just(session(ME, "old", SessionState.FINISHED, T0, List.of(), List.of())));
        first.record(just(session("other:1", "old", SessionState.FINISHED, T0, List.of(), List.of())));
        recordAndWait(first, session(ME, "new", SessionState.FINISHED, T0.plus(Duration.ofDays(3)), List.of(), List.of()));
        first.close();

        var second = open(ME, Duration.ofDays(2), Clock.fixed(T0.plus(Duration.ofDays(4)), ZoneOffset.UTC));

        assertThat(second.sessionIds(10)).containsExactly("new");
        assertThat(ids(second.query(new HistoryQuery("other:1", null, null, null, 10, 0)))).containsExactly("old");
    }

    @Test
    void running_withKeepDays_prunesAgainOnceADayHasPassed() throws Exception {
        var clock = new MovableClock(T0);
        var h = open(ME, Duration.ofDays(2), clock);
        recordAndWait(h, session(ME, "old", SessionState.FINISHED, T0, List.of(), List.of()));

        clock.now = T0.plus(Duration.ofDays(3)); // the next turn of the writer is past its daily prune
        recordAndWait(h, session(ME, "new", SessionState.FINISHED, clock.now, List.of(), List.of()));

        await().atMost(Duration.ofSeconds(10)).until(() -> h.sessionIds(10).equals(List.of("new")));
    }

    /** A clock that tests move (read by the writer thread). */
    static final class MovableClock extends Clock {
        volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @Test
    void reopen_afterAnUnendedSession_marksItInterrupted() throws Exception {
        var first = open();
        recordAndWait(first, session(ME, "running", SessionState.RUNNING, T0, List.of(), List.of()));
        first.close();

        var second = open();

        assertThat(second.session("running").orElseThrow().interrupted()).isTrue();
    }

    private static List<String> ids(HistoryPage page) {
        return page.sessions().stream().map(PastSession::sessionId).toList();
    }
}
