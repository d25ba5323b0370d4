package dlg.manager.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dlg.core.graph.GraphReader;
import dlg.core.runtime.Engine;
import dlg.core.state.SessionState;
import dlg.manager.EventSubscriptions;
import dlg.manager.NodeManager;
import dlg.manager.events.DropEventSink;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionRecorderTest {

    @TempDir
    Path workspace;

    private final Engine engine = Engine.create(2);
    private final TestingSessionHistory history = new TestingSessionHistory("me:8000");
    private NodeManager nm;

    private NodeManager nm() {
        nm = new NodeManager(engine, workspace, DropEventSink.NONE, EventSubscriptions.NONE, null,
                new SessionRecorder(history));
        return nm;
    }

    @AfterEach
    void close() {
        if (nm != null) {
            nm.close();
        }
        engine.close();
    }

    /** The recorder is told of the end after the session's own future completes: waits for it. */
    private void awaitEndRecorded(String sid) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            history.flush();
            return history.session(sid).map(p -> p.state().isTerminal()).orElse(false);
        });
    }

    @Test
    void ended_failingApp_recordsItsFailureCountsAndConstructs() throws Exception {
        nm().createSession("s");
        nm.addGraphSpec("s", GraphReader.read("""
                [{"oid": "bad", "categoryType": "Application", "dropclass": "dlg.apps.bash_shell_app.BashShellApp",
                  "name": "calibrate", "lg_key": -5, "command": "exit 3"},
                 {"oid": "ok", "categoryType": "Application", "dropclass": "dlg.apps.simple.SleepApp", "sleep_time": 0}]
                """));
        nm.deploySession("s", List.of("bad", "ok"));
        awaitEndRecorded("s"); // the deploy's record, then (once the session ended) the full one

        PastSession p = history.session("s").orElseThrow();
        assertThat(p.state()).isEqualTo(SessionState.FAILED);
        assertThat(p.owner()).isEqualTo("me:8000");
        assertThat(p.graphSize()).isEqualTo(2);
        assertThat(p.ended()).isNotNull();
        assertThat(p.states()).extracting(PastSession.StateChange::state)
                .containsExactly(SessionState.PRISTINE, SessionState.BUILDING, SessionState.DEPLOYING,
                        SessionState.RUNNING, SessionState.FAILED);
        assertThat(p.dropCounts()).containsEntry("ERROR", 1L).containsEntry("COMPLETED", 1L);
        assertThat(p.failedDrops()).isEqualTo(1);
        assertThat(p.failures()).singleElement().satisfies(f -> {
            assertThat(f.oid()).isEqualTo("bad");
            assertThat(f.name()).isEqualTo("calibrate");
            assertThat(f.cause()).contains("code 3");
            assertThat(f.node()).isEqualTo("me:8000");
        });
        assertThat(p.constructs()).extracting(ConstructSummary::key, ConstructSummary::count, ConstructSummary::failed)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("-5", 1L, 1L),
                        org.assertj.core.groups.Tuple.tuple("dlg.apps.simple.SleepApp", 1L, 0L));
        assertThat(p.logFile()).startsWith(workspace.resolve("s").toString());
    }

    @Test
    void ended_failuresDownstream_recordsTheRootCauseFirst() throws Exception {
        nm().createSession("d");
        nm.addGraphSpec("d", GraphReader.read("""
                [{"oid": "out", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP", "producers": ["bad"]},
                 {"oid": "bad", "categoryType": "Application", "dropclass": "dlg.apps.bash_shell_app.BashShellApp",
                  "name": "calibrate", "command": "exit 3", "outputs": ["out"]}]
                """));
        nm.deploySession("d", List.of("bad"));
        awaitEndRecorded("d");

        assertThat(history.session("d").orElseThrow().failures())
                .extracting(PastSession.DropFailure::oid, PastSession.DropFailure::onItsOwn)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("bad", true),
                        org.assertj.core.groups.Tuple.tuple("out", false));
    }

    @Test
    void deployed_runningSession_isRecordedWithoutDropDetails_thenCancelled() throws Exception {
        nm().createSession("r");
        nm.addGraphSpec("r", GraphReader.read("""
                [{"oid": "long", "categoryType": "Application", "dropclass": "dlg.apps.simple.SleepApp", "sleep_time": 600}]
                """));
        nm.deploySession("r", List.of("long"));
        assertThat(history.flush()).isEqualTo(1);
        PastSession running = history.session("r").orElseThrow();
        assertThat(running.state()).isEqualTo(SessionState.RUNNING);
        assertThat(running.ended()).isNull();
        assertThat(running.constructs()).isEmpty();

        nm.cancelSession("r");
        awaitEndRecorded("r");

        assertThat(history.session("r").orElseThrow().state()).isEqualTo(SessionState.CANCELLED);
    }

    @Test
    void constructs_manyDistinctNames_areCappedWithTheRestTogether() throws Exception {
        int apps = SessionRecorder.MAX_CONSTRUCTS + 50;
        StringBuilder graph = new StringBuilder("[");
        List<String> roots = new ArrayList<>();
        for (int i = 0; i < apps; i++) {
            graph.append(i == 0 ? "" : ",").append("""
                    {"oid": "a%d", "categoryType": "Application", "dropclass": "dlg.apps.simple.SleepApp",
                     "name": "app %d", "sleep_time": 0}""".formatted(i, i));
            roots.add("a" + i);
        }
        nm().createSession("many");
        nm.addGraphSpec("many", GraphReader.read(graph.append("]").toString()));
        nm.deploySession("many", roots);
        awaitEndRecorded("many");

        List<ConstructSummary> constructs = history.session("many").orElseThrow().constructs();
        assertThat(constructs).hasSize(SessionRecorder.MAX_CONSTRUCTS + 1);
        assertThat(constructs).filteredOn(c -> c.key().equals(SessionRecorder.OTHER)).singleElement()
                .satisfies(c -> assertThat(c.count()).isEqualTo(50));
        assertThat(constructs.stream().mapToLong(ConstructSummary::count).sum()).isEqualTo(apps);
        assertThat(constructs.stream().mapToLong(c -> c.durations().count()).sum()).isEqualTo(apps);
    }
}
