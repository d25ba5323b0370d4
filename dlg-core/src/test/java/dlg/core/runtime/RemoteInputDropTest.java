package dlg.core.runtime;

import static dlg.core.runtime.DropEvent.Type.DROP_COMPLETED;
import static dlg.core.runtime.RemoteLink.Role.INPUT_OF_LOCAL_APP;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dlg.core.app.DataDrop;
import dlg.core.apps.CopyApp;
import dlg.core.state.AppState;
import dlg.core.state.DropState;
import dlg.core.state.SessionState;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stand-in for a data drop of another node that a local app reads. */
class RemoteInputDropTest {

    @TempDir
    Path dir;

    /** B (app, reading the remote A) writes C (memory). */
    private TestRun deploy(TestingApp.Body b) {
        return deploy(b, RemoteData.REFUSING);
    }

    private TestRun deploy(TestingApp.Body b, RemoteData data) {
        Graph g = new Graph();
        g.app("B", b).outputs("C");
        g.memory("C");
        return TestRun.builder().remoteLinks(new RemoteLink("B", INPUT_OF_LOCAL_APP, "A")).remoteData(data)
                .deploy(dir, g);
    }

    private static RemoteInputDrop proxy(TestRun run) {
        return (RemoteInputDrop) ((ApplicationDrop) run.execution.drop(run.spec.indexOf("B"))).input(0);
    }

    @Test
    void open_byTheApp_failsSayingTheDataIsNotReadableFromThisNode() {
        try (TestRun run = deploy(ctx -> ctx.inputs().getFirst().readAll())) {
            run.execution.deliverRemote("A", DROP_COMPLETED, DropState.COMPLETED);

            assertThat(run.await()).isEqualTo(SessionState.FAILED);
            assertThat(run.status("B").error())
                    .startsWith("the data of remote drop 'A' is not readable from this node");
        }
    }

    @Test
    void open_withTheEnginesRemoteData_readsThroughItBySessionAndUid() throws IOException {
        RemoteData data = (sessionId, uid) -> new ByteArrayInputStream((sessionId + "/" + uid).getBytes(UTF_8));
        try (TestRun run = deploy(CopyApp.INSTANCE::run, data)) {
            run.execution.deliverRemote("A", DROP_COMPLETED, DropState.COMPLETED);

            assertThat(run.await()).isEqualTo(SessionState.FINISHED);
            assertThat(run.execution.data(run.spec.indexOf("C")).orElseThrow().readAll()).asString(UTF_8)
                    .isEqualTo("s1/A");
        }
    }

    /** Small content that came with the event is read without the engine's RemoteData, then let go. */
    @Test
    void settle_withContent_theAppReadsIt_andItIsDroppedOnceTheAppFinished() throws IOException {
        List<Long> sizes = new ArrayList<>();
        try (TestRun run = deploy(ctx -> {
            sizes.add(ctx.inputs().getFirst().size());
            CopyApp.INSTANCE.run(ctx);
        })) {
            run.execution.deliverRemote("A", DROP_COMPLETED, DropState.COMPLETED, "small".getBytes(UTF_8));

            assertThat(run.await()).isEqualTo(SessionState.FINISHED); // RemoteData.REFUSING was never asked
            assertThat(sizes).containsExactly(5L);
            assertThat(run.execution.data(run.spec.indexOf("C")).orElseThrow().readAll()).asString(UTF_8)
                    .isEqualTo("small");
            assertThat(proxy(run).size()).isZero();
            assertThatThrownBy(() -> proxy(run).open()).hasMessageContaining("is not readable from this node");
        }
    }

    /** B, a shell command reading the remote A by path, writes the file C. */
    private TestRun deployShell(String command, RemoteData data) {
        Graph g = new Graph();
        g.app("B", Graph.BASH).param("command", command).outputs("C");
        g.file("C");
        return TestRun.builder().remoteLinks(new RemoteLink("B", INPUT_OF_LOCAL_APP, "A")).remoteData(data)
                .deploy(dir, g);
    }

    @Test
    void readablePath_inAShellCommand_isALocalCopyFetchedOnce() throws IOException {
        AtomicInteger fetches = new AtomicInteger();
        RemoteData data = (sessionId, uid) -> {
            fetches.incrementAndGet();
            return new ByteArrayInputStream(("content of " + uid + "\n").getBytes(UTF_8));
        };
        try (TestRun run = deployShell("cat {A} {A} > {C}", data)) {
            run.execution.deliverRemote("A", DROP_COMPLETED, DropState.COMPLETED);

            assertThat(run.await()).isEqualTo(SessionState.FINISHED);
            assertThat(run.execution.data(run.spec.indexOf("C")).orElseThrow().readAll()).asString(UTF_8)
                    .isEqualTo("content of A\ncontent of A\n");
            assertThat(fetches).hasValue(1);
            assertThat(proxy(run).readablePath()).contains(run.execution.sessionDir().resolve("remote-inputs/A"));
            assertThat(proxy(run).path()).isEmpty(); // where it lives is still the other node's business
        }
    }

    @Test
    void readablePath_legacyPlaceholder_isTheLocalCopyToo() throws IOException {
        RemoteData data = (sessionId, uid) -> new ByteArrayInputStream("legacy".getBytes(UTF_8));
        try (TestRun run = deployShell("cat %i0 > %o0", data)) {
            run.execution.deliverRemote("A", DROP_COMPLETED, DropState.COMPLETED);

            assertThat(run.await()).isEqualTo(SessionState.FINISHED);
            assertThat(run.execution.data(run.spec.indexOf("C")).orElseThrow().readAll()).asString(UTF_8)
                    .isEqualTo("legacy");
        }
    }

    @Test
    void readablePath_dataThatCannotBeFetched_failsTheAppWithTheReason() {
        try (TestRun run = deployShell("cat {A} > {C}", RemoteData.REFUSING)) {
            run.execution.deliverRemote("A", DROP_COMPLETED, DropState.COMPLETED);

            assertThat(run.await()).isEqualTo(SessionState.FAILED);
            assertThat(run.status("B").error()).contains("the data of remote drop 'A' is not readable from this node");
            assertThat(run.execution.sessionDir().resolve("remote-inputs")).isEmptyDirectory(); // no partial copy left
        }
    }

    @Test
    void readablePath_commandThatDoesNotNameTheInput_fetchesNothing() {
        AtomicInteger fetches = new AtomicInteger();
        RemoteData data = (sessionId, uid) -> {
            fetches.incrementAndGet();
            return new ByteArrayInputStream(new byte[0]);
        };
        try (TestRun run = deployShell("echo done > {C}", data)) {
            run.execution.deliverRemote("A", DROP_COMPLETED, DropState.COMPLETED);

            assertThat(run.await()).isEqualTo(SessionState.FINISHED);
            assertThat(fetches).hasValue(0);
        }
    }

    @Test
    void write_byTheAppOnceSettled_isRefusedAsForALocalInput() {
        try (TestRun run = deploy(ctx -> ctx.inputs().getFirst().write(new byte[1]))) {
            run.execution.deliverRemote("A", DROP_COMPLETED, DropState.COMPLETED);

            assertThat(run.await()).isEqualTo(SessionState.FAILED);
            assertThat(run.status("B").error()).isEqualTo("drop 'A' is COMPLETED: it cannot be written any more");
        }
    }

    @Test
    void settle_byEvent_takesTheRemoteDropsState() {
        try (TestRun run = deploy(ctx -> { })) {
            RemoteInputDrop a = proxy(run);
            assertThat(a.state()).isEqualTo(DropState.INITIALIZED);

            run.execution.deliverRemote("A", DROP_COMPLETED, DropState.ERROR);

            assertThat(a.state()).isEqualTo(DropState.ERROR);
            assertThat(run.await()).isEqualTo(SessionState.FAILED);
        }
    }

    @Test
    void describe_whatIsNotKnownHere_isEmptyOrRefused() {
        try (TestRun run = deploy(ctx -> { })) {
            DataDrop a = proxy(run);

            assertThat(a.uid()).isEqualTo("A");
            assertThat(a.oid()).isEqualTo("A");
            assertThat(a.path()).isEmpty();
            assertThat(a.size()).isZero();
            assertThatThrownBy(a::dataUrl).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("remote drop 'A'");
        }
    }

    @Test
    void changes_ofTheProxy_areNotCountedStatedOrReported() {
        try (TestRun run = deploy(ctx -> { })) {
            assertThat(run.execution.size()).isEqualTo(2);

            run.execution.deliverRemote("A", DROP_COMPLETED, DropState.COMPLETED);

            assertThat(run.await()).isEqualTo(SessionState.FINISHED);
            ExecutionCounts c = run.execution.counts();
            assertThat(c.total()).isEqualTo(2);
            assertThat(c.count(DropState.COMPLETED)).isEqualTo(2); // B and C
            assertThat(c.count(DropState.INITIALIZED)).isZero();
            assertThat(c.count(AppState.FINISHED)).isEqualTo(1);
            List<String> oids = new ArrayList<>();
            run.execution.forEachStatus(s -> oids.add(s.oid()));
            assertThat(oids).containsExactly("B", "C");
            assertThat(run.events.of("A")).isEmpty();
        }
    }
}
