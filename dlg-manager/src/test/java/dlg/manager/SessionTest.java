package dlg.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dlg.core.error.InvalidDropException;
import dlg.core.error.InvalidGraphException;
import dlg.core.error.InvalidSessionState;
import dlg.core.graph.GraphReader;
import dlg.core.runtime.DropEvent;
import dlg.core.runtime.DropListener;
import dlg.core.runtime.DropStatus;
import dlg.core.runtime.Engine;
import dlg.core.runtime.Execution;
import dlg.core.state.AppState;
import dlg.core.state.DropState;
import dlg.core.state.SessionState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionTest {

    private static final Duration END = Duration.ofSeconds(20);

    /** HelloWorldApp "hello" writes "Hello Session" into FileDROP "file" (hello.txt). Root: hello. */
    private static final String HELLO = """
            [{"oid": "hello", "categoryType": "Application", "dropclass": "dlg.apps.simple.HelloWorldApp",
              "greet": "Session", "outputs": ["file"]},
             {"oid": "file", "categoryType": "Data", "dropclass": "dlg.data.drops.file.FileDROP",
              "filepath": "hello.txt", "producers": ["hello"]}]
            """;

    /** Root data drop "in" feeds CopyApp "copy", which writes "out". Root: in. */
    private static final String COPY = """
            [{"oid": "in", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP",
              "consumers": ["copy"]},
             {"oid": "copy", "categoryType": "Application", "dropclass": "dlg.apps.simple.CopyApp",
              "outputs": ["out"]},
             {"oid": "out", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP"}]
            """;

    /** A SleepApp that sleeps ten minutes. Root: sleep. */
    private static final String LONG_SLEEP = """
            [{"oid": "sleep", "categoryType": "Application", "dropclass": "dlg.apps.simple.SleepApp",
              "sleep_time": 600, "outputs": ["slept"]},
             {"oid": "slept", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP"}]
            """;

    /** A FileDROP whose file must exist but does not. */
    private static final String MISSING_FILE = """
            [{"oid": "needed", "categoryType": "Data", "dropclass": "dlg.data.drops.file.FileDROP",
              "filepath": "missing.txt", "check_filepath_exists": true, "consumers": ["copy"]},
             {"oid": "copy", "categoryType": "Application", "dropclass": "dlg.apps.simple.CopyApp",
              "outputs": ["out"]},
             {"oid": "out", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP"}]
            """;

    /** A bash app that exits with code 3. Root: fail. */
    private static final String FAILING_APP = """
            [{"oid": "fail", "categoryType": "Application", "dropclass": "dlg.apps.bash_shell_app.BashShellApp",
              "command": "echo broken >&2; exit 3", "outputs": ["never"]},
             {"oid": "never", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP"}]
            """;

    @TempDir
    Path workspace;

    private Engine engine;

    @BeforeEach
    void startEngine() {
        engine = Engine.create(2);
    }

    @AfterEach
    void stopEngine() {
        engine.close();
    }

    private Session newSession(String id) throws IOException {
        return new Session(id, Files.createDirectories(workspace.resolve(id)), engine, DropListener.NONE);
    }

    private Session building(String id, String graph) throws IOException {
        Session s = newSession(id);
        s.addGraphSpec(GraphReader.read(graph));
        return s;
    }

    private static List<DropStatus> statuses(Session s) {
        List<DropStatus> all = new ArrayList<>();
        s.execution().orElseThrow().forEachStatus(all::add);
        return all;
    }

    private static DropStatus status(Session s, String oid) {
        return statuses(s).stream().filter(d -> d.oid().equals(oid)).findFirst().orElseThrow();
    }

    // ---- Construction ----

    @Test
    void constructor_newSession_isPristineWithNothingDeployed() throws IOException {
        Session s = newSession("s1");

        assertThat(s.id()).isEqualTo("s1");
        assertThat(s.state()).isEqualTo(SessionState.PRISTINE);
        assertThat(s.graph().isEmpty()).isTrue();
        assertThat(s.execution()).isEmpty();
        assertThat(s.failure()).isEmpty();
        assertThat(s.ended()).isNotDone();
    }

    @Test
    void enteredAt_eachStateReached_isStampedInOrder() throws Exception {
        Session s = building("times", COPY);
        assertThat(s.enteredAt(SessionState.PRISTINE)).isPresent();
        assertThat(s.enteredAt(SessionState.RUNNING)).isEmpty();

        s.deploy(List.of("in"));
        s.ended().get(END.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);

        java.time.Instant building = s.enteredAt(SessionState.BUILDING).orElseThrow();
        java.time.Instant running = s.enteredAt(SessionState.RUNNING).orElseThrow();
        java.time.Instant finished = s.enteredAt(SessionState.FINISHED).orElseThrow();
        assertThat(building).isAfterOrEqualTo(s.enteredAt(SessionState.PRISTINE).orElseThrow());
        assertThat(running).isAfterOrEqualTo(building);
        assertThat(finished).isAfterOrEqualTo(running);
        assertThat(s.enteredAt(SessionState.FAILED)).isEmpty();
    }

    @Test
    void constructor_idLeadingOutOfTheWorkspace_isRefused() {
        assertThatThrownBy(() -> new Session("../escape", workspace, engine, DropListener.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("../escape");
    }

    @Test
    void constructor_nullDependencies_areRefusedByName() {
        assertThatThrownBy(() -> new Session("s1", null, engine, DropListener.NONE))
                .isInstanceOf(NullPointerException.class).hasMessage("dir");
        assertThatThrownBy(() -> new Session("s1", workspace, null, DropListener.NONE))
                .isInstanceOf(NullPointerException.class).hasMessage("engine");
        assertThatThrownBy(() -> new Session("s1", workspace, engine, (DropListener) null))
                .isInstanceOf(NullPointerException.class).hasMessage("listener");
        assertThatThrownBy(() -> new Session("s1", workspace, engine, (dlg.manager.events.DropEventSink) null))
                .isInstanceOf(NullPointerException.class).hasMessage("sink");
    }

    // ---- Append ----

    @Test
    void addGraphSpec_firstPart_movesToBuilding() throws IOException {
        Session s = newSession("s1");

        s.addGraphSpec(GraphReader.read(HELLO));

        assertThat(s.state()).isEqualTo(SessionState.BUILDING);
        assertThat(s.graph().size()).isEqualTo(2);
    }

    @Test
    void addGraphSpec_secondPartLinkingToTheFirst_isJoinedAndRuns() throws IOException {
        Session s = newSession("s1");
        s.addGraphSpec(GraphReader.read("""
                [{"oid": "file", "categoryType": "Data", "dropclass": "dlg.data.drops.file.FileDROP",
                  "filepath": "parts.txt"}]
                """));

        s.addGraphSpec(GraphReader.read("""
                [{"oid": "hello", "categoryType": "Application", "dropclass": "dlg.apps.simple.HelloWorldApp",
                  "greet": "parts", "outputs": ["file"]}]
                """));
        assertThat(s.graph().roots()).containsExactly("hello");
        s.deploy(s.graph().roots());

        assertThat(s.ended()).succeedsWithin(END).isEqualTo(SessionState.FINISHED);
        assertThat(s.dir().resolve("parts.txt")).hasContent("Hello parts");
    }

    @Test
    void addGraphSpec_refusedPart_leavesEarlierGraphAndStateIntact() throws IOException {
        Session s = building("s1", HELLO);

        assertThatThrownBy(() -> s.addGraphSpec(GraphReader.read("""
                [{"oid": "bad", "categoryType": "Application", "dropclass": "no.such.App", "outputs": ["nowhere"]}]
                """)))
                .isInstanceOf(InvalidGraphException.class)
                .hasMessageContaining("bad")
                .hasMessageContaining("no.such.App");

        assertThat(s.state()).isEqualTo(SessionState.BUILDING);
        assertThat(s.graph().size()).isEqualTo(2);
        assertThat(s.graph().indexOf("bad")).isEqualTo(-1);
        s.deploy(List.of("hello"));
        assertThat(s.ended()).succeedsWithin(END).isEqualTo(SessionState.FINISHED);
        assertThat(s.dir().resolve("hello.txt")).hasContent("Hello Session");
    }

    @Test
    void addGraphSpec_refusedFirstPart_staysPristine() throws IOException {
        Session s = newSession("s1");

        assertThatThrownBy(() -> s.addGraphSpec(GraphReader.read("""
                [{"oid": "a", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP",
                  "consumers": ["ghost"]}]
                """)))
                .isInstanceOf(InvalidGraphException.class)
                .hasMessageContaining("ghost");

        assertThat(s.state()).isEqualTo(SessionState.PRISTINE);
        assertThat(s.graph().isEmpty()).isTrue();
    }

    @Test
    void addGraphSpec_duplicateOidAcrossParts_isRefused() throws IOException {
        Session s = building("s1", HELLO);

        assertThatThrownBy(() -> s.addGraphSpec(GraphReader.read("""
                [{"oid": "file", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP"}]
                """)))
                .isInstanceOf(InvalidGraphException.class)
                .hasMessageContaining("file")
                .hasMessageContaining("duplicate");
        assertThat(s.graph().size()).isEqualTo(2);
    }

    @Test
    void addGraphSpec_whenRunning_throwsInvalidSessionStateNamingTheState() throws IOException {
        Session s = building("s1", COPY);
        s.deploy(List.of());

        assertThatThrownBy(() -> s.addGraphSpec(GraphReader.read(HELLO)))
                .isInstanceOf(InvalidSessionState.class)
                .hasMessageContaining("s1")
                .hasMessageContaining("RUNNING");
        assertThat(s.graph().size()).isEqualTo(3);
    }

    @Test
    void addGraphSpec_whenFinished_throwsInvalidSessionStateNamingTheState() throws IOException {
        Session s = building("s1", HELLO);
        s.deploy(List.of("hello"));
        assertThat(s.ended()).succeedsWithin(END);

        assertThatThrownBy(() -> s.addGraphSpec(GraphReader.read(COPY)))
                .isInstanceOf(InvalidSessionState.class)
                .hasMessageContaining("FINISHED");
    }

    // ---- Deploy ----

    @Test
    void deploy_validGraph_goesThroughDeployingAndRunningToFinished() throws IOException {
        try (SessionTransitions transitions = new SessionTransitions("s1")) {
            Session s = building("s1", HELLO);

            s.deploy(List.of("hello"));

            assertThat(s.ended()).succeedsWithin(END).isEqualTo(SessionState.FINISHED);
            assertThat(s.state()).isEqualTo(SessionState.FINISHED);
            assertThat(transitions.states())
                    .containsExactly("PRISTINE", "BUILDING", "DEPLOYING", "RUNNING", "FINISHED");
        }
        assertThat(workspace.resolve("s1/hello.txt")).hasContent("Hello Session");
    }

    @Test
    void deploy_whileDropsAreCreated_isDeploying() throws IOException {
        Session s = building("s1", """
                [{"oid": "probe", "categoryType": "Application", "dropclass": "dlg.manager.ConstructionHookApp"}]
                """);
        List<SessionState> seen = new CopyOnWriteArrayList<>();

        ConstructionHookApp.whileCreating(() -> seen.add(s.state()), () -> s.deploy(List.of("probe")));

        assertThat(seen).containsExactly(SessionState.DEPLOYING);
        assertThat(s.ended()).succeedsWithin(END).isEqualTo(SessionState.FINISHED);
    }

    @Test
    void deploy_withoutRoots_staysRunningUntilTriggered() throws IOException {
        Session s = building("s1", COPY);

        s.deploy(List.of());

        assertThat(s.state()).isEqualTo(SessionState.RUNNING);
        assertThat(s.ended()).isNotDone();
        assertThat(status(s, "copy").execStatus()).isEqualTo(AppState.NOT_RUN);

        s.trigger(List.of("in"));

        assertThat(s.ended()).succeedsWithin(END).isEqualTo(SessionState.FINISHED);
        assertThat(status(s, "copy").execStatus()).isEqualTo(AppState.FINISHED);
    }

    @Test
    void deploy_unknownCompletedUid_throwsAndLeavesSessionBuilding() throws IOException {
        Session s = building("s1", HELLO);

        assertThatThrownBy(() -> s.deploy(List.of("hello", "nobody")))
                .isInstanceOf(InvalidGraphException.class)
                .hasMessageContaining("nobody");

        assertThat(s.state()).isEqualTo(SessionState.BUILDING);
        assertThat(s.execution()).isEmpty();
        assertThat(s.failure()).isEmpty();
        s.deploy(List.of("hello"));
        assertThat(s.ended()).succeedsWithin(END).isEqualTo(SessionState.FINISHED);
    }

    @Test
    void deploy_fileThatMustExistIsMissing_failsSessionNamingDropAndFile() throws IOException {
        try (SessionTransitions transitions = new SessionTransitions("s1")) {
            Session s = building("s1", MISSING_FILE);

            assertThatThrownBy(() -> s.deploy(List.of("needed")))
                    .isInstanceOf(InvalidGraphException.class)
                    .hasMessageContaining("needed")
                    .hasMessageContaining("missing.txt");

            assertThat(s.state()).isEqualTo(SessionState.FAILED);
            assertThat(s.failure()).hasValueSatisfying(f -> assertThat(f)
                    .contains("needed").contains("missing.txt"));
            assertThat(s.ended()).succeedsWithin(END).isEqualTo(SessionState.FAILED);
            assertThat(s.execution()).isEmpty();
            assertThat(transitions.states()).containsExactly("PRISTINE", "BUILDING", "DEPLOYING", "FAILED");
        }
    }

    @Test
    void deploy_appConstructorThrows_failsSessionNamingTheDrop() throws IOException {
        Session s = building("s1", """
                [{"oid": "probe", "categoryType": "Application", "dropclass": "dlg.manager.ConstructionHookApp"}]
                """);
        Runnable broken = () -> {
            throw new IllegalStateException("simulated constructor failure");
        };

        assertThatThrownBy(() -> ConstructionHookApp.whileCreating(broken, () -> s.deploy(List.of("probe"))))
                .isInstanceOf(InvalidGraphException.class)
                .hasMessageContaining("probe")
                .hasMessageContaining(ConstructionHookApp.CLASS);

        assertThat(s.state()).isEqualTo(SessionState.FAILED);
        assertThat(s.failure()).hasValueSatisfying(f -> assertThat(f).contains("probe"));
        assertThat(s.ended()).isCompletedWithValue(SessionState.FAILED);
    }

    @Test
    void deploy_afterFailedDeploy_throwsInvalidSessionState() throws IOException {
        Session s = building("s1", MISSING_FILE);
        assertThatThrownBy(() -> s.deploy(List.of("needed"))).isInstanceOf(InvalidGraphException.class);

        assertThatThrownBy(() -> s.deploy(List.of("needed")))
                .isInstanceOf(InvalidSessionState.class)
                .hasMessageContaining("FAILED");
    }

    @Test
    void deploy_emptyPristineSession_finishesAtOnce() throws IOException {
        Session s = newSession("s1");

        s.deploy(List.of());

        assertThat(s.state()).isEqualTo(SessionState.FINISHED);
        assertThat(s.ended()).isCompletedWithValue(SessionState.FINISHED);
    }

    @Test
    void deploy_emptyPristineSessionWithCompletedUids_throwsAndStaysPristine() throws IOException {
        Session s = newSession("s1");

        assertThatThrownBy(() -> s.deploy(List.of("x")))
                .isInstanceOf(InvalidGraphException.class)
                .hasMessageContaining("x");
        assertThat(s.state()).isEqualTo(SessionState.PRISTINE);
    }

    @Test
    void deploy_twice_throwsInvalidSessionState() throws IOException {
        Session s = building("s1", COPY);
        s.deploy(List.of());

        assertThatThrownBy(() -> s.deploy(List.of()))
                .isInstanceOf(InvalidSessionState.class)
                .hasMessageContaining("RUNNING");
    }

    // ---- Trigger ----

    @Test
    void trigger_whenBuilding_throwsInvalidSessionState() throws IOException {
        Session s = building("s1", COPY);

        assertThatThrownBy(() -> s.trigger(List.of("in")))
                .isInstanceOf(InvalidSessionState.class)
                .hasMessageContaining("BUILDING");
    }

    @Test
    void trigger_whenFinished_throwsInvalidSessionState() throws IOException {
        Session s = building("s1", HELLO);
        s.deploy(List.of("hello"));
        assertThat(s.ended()).succeedsWithin(END);

        assertThatThrownBy(() -> s.trigger(List.of("hello")))
                .isInstanceOf(InvalidSessionState.class)
                .hasMessageContaining("FINISHED");
    }

    @Test
    void trigger_unknownUid_throwsInvalidDropAndTriggersNothing() throws IOException {
        Session s = building("s1", COPY);
        s.deploy(List.of());

        assertThatThrownBy(() -> s.trigger(List.of("in", "ghost")))
                .isInstanceOf(InvalidDropException.class)
                .hasMessageContaining("ghost");
        assertThat(status(s, "in").status()).isEqualTo(DropState.INITIALIZED);
        assertThat(s.state()).isEqualTo(SessionState.RUNNING);
    }

    // ---- Cancel ----

    @Test
    void cancel_runningSession_endsCancelledQuickly() throws IOException {
        Session s = building("s1", LONG_SLEEP);
        s.deploy(List.of("sleep"));
        assertThat(s.state()).isEqualTo(SessionState.RUNNING);

        s.cancel();

        assertThat(s.ended()).succeedsWithin(Duration.ofSeconds(5)).isEqualTo(SessionState.CANCELLED);
        assertThat(s.state()).isEqualTo(SessionState.CANCELLED);
        assertThat(status(s, "sleep").execStatus()).isEqualTo(AppState.CANCELLED);
        assertThat(status(s, "slept").status()).isEqualTo(DropState.CANCELLED);
    }

    @Test
    void cancel_twice_isFine() throws IOException {
        Session s = building("s1", LONG_SLEEP);
        s.deploy(List.of("sleep"));
        s.cancel();

        assertThatCode(s::cancel).doesNotThrowAnyException();
        assertThat(s.ended()).succeedsWithin(Duration.ofSeconds(5)).isEqualTo(SessionState.CANCELLED);
        assertThatCode(s::cancel).doesNotThrowAnyException();
        assertThat(s.state()).isEqualTo(SessionState.CANCELLED);
    }

    @Test
    void cancel_whenBuilding_throwsInvalidSessionState() throws IOException {
        Session s = building("s1", HELLO);

        assertThatThrownBy(s::cancel)
                .isInstanceOf(InvalidSessionState.class)
                .hasMessageContaining("BUILDING")
                .hasMessageContaining("only when [DEPLOYING, RUNNING, CANCELLED]");
        assertThat(s.state()).isEqualTo(SessionState.BUILDING);
    }

    @Test
    void cancel_whenPristine_throwsInvalidSessionState() throws IOException {
        Session s = newSession("s1");

        assertThatThrownBy(s::cancel)
                .isInstanceOf(InvalidSessionState.class)
                .hasMessageContaining("PRISTINE");
    }

    @Test
    void cancel_whenFinished_throwsInvalidSessionStateAndKeepsFinished() throws IOException {
        Session s = building("s1", HELLO);
        s.deploy(List.of("hello"));
        assertThat(s.ended()).succeedsWithin(END);

        assertThatThrownBy(s::cancel)
                .isInstanceOf(InvalidSessionState.class)
                .hasMessageContaining("FINISHED");
        assertThat(s.state()).isEqualTo(SessionState.FINISHED);
    }

    @Test
    void cancel_whileDeploying_endsCancelledWithoutRunningAnything() throws IOException {
        Session s = building("s1", """
                [{"oid": "probe", "categoryType": "Application", "dropclass": "dlg.manager.ConstructionHookApp",
                  "outputs": ["out"]},
                 {"oid": "out", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP"}]
                """);

        ConstructionHookApp.whileCreating(s::cancel, () -> s.deploy(List.of("probe")));

        assertThat(s.ended()).succeedsWithin(END).isEqualTo(SessionState.CANCELLED);
        assertThat(status(s, "probe").execStatus()).isEqualTo(AppState.CANCELLED);
        assertThat(status(s, "out").status()).isEqualTo(DropState.CANCELLED);
    }

    // ---- Listener ----

    @Test
    void run_listener_hearsEveryDropOfTheSessionSettle() throws IOException {
        List<DropEvent> events = new CopyOnWriteArrayList<>();
        Session s = new Session("s1", Files.createDirectories(workspace.resolve("s1")), engine, events::add);
        s.addGraphSpec(GraphReader.read(HELLO));

        s.deploy(List.of("hello"));

        assertThat(s.ended()).succeedsWithin(END).isEqualTo(SessionState.FINISHED);
        assertThat(events).allSatisfy(e -> assertThat(e.sessionId()).isEqualTo("s1"));
        assertThat(events).filteredOn(e -> e.type() == DropEvent.Type.STATUS && e.status() == DropState.COMPLETED)
                .extracting(DropEvent::oid).containsExactlyInAnyOrder("hello", "file");
    }

    @Test
    void run_listenerThrows_sessionStillFinishes() throws IOException {
        DropListener broken = e -> {
            throw new IllegalStateException("listener bug");
        };
        Session s = new Session("s1", Files.createDirectories(workspace.resolve("s1")), engine, broken);
        s.addGraphSpec(GraphReader.read(HELLO));

        s.deploy(List.of("hello"));

        assertThat(s.ended()).succeedsWithin(END).isEqualTo(SessionState.FINISHED);
        assertThat(workspace.resolve("s1/hello.txt")).hasContent("Hello Session");
    }

    // ---- Failures while running ----

    @Test
    void run_appFails_endsFailedWithTheAppsError() throws IOException {
        Session s = building("s1", FAILING_APP);

        s.deploy(List.of("fail"));

        assertThat(s.ended()).succeedsWithin(END).isEqualTo(SessionState.FAILED);
        assertThat(s.state()).isEqualTo(SessionState.FAILED);
        Execution ex = s.execution().orElseThrow();
        assertThat(ex.failures(10)).extracting(DropStatus::oid).contains("fail", "never");
        assertThat(status(s, "fail").error()).contains("code 3").contains("broken");
        assertThat(s.failure()).isEmpty(); // the deploy went well: the run failed
    }
}
