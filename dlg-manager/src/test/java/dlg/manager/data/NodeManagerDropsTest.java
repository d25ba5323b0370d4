package dlg.manager.data;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dlg.core.graph.GraphReader;
import dlg.core.runtime.DropListener;
import dlg.core.runtime.Engine;
import dlg.core.runtime.Execution;
import dlg.core.state.DropState;
import dlg.manager.DropRel;
import dlg.manager.NodeManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which drops of a real NodeManager are served, and why the others are not. */
class NodeManagerDropsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    private final Engine engine = Engine.create(2);
    private NodeManager nm;
    private NodeManagerDrops drops;

    @AfterEach
    void close() {
        nm.close();
        engine.close();
    }

    /**
     * Session "s": "mem" and "file" (roots, read by an app on another node), "used" (read here,
     * then released), "later" (never written), "failed" (its producer fails), "app" (not run).
     */
    private Execution deploy() throws IOException {
        nm = new NodeManager(engine, tmp.resolve("workspace"), DropListener.NONE);
        drops = new NodeManagerDrops(nm);
        Path file = Files.writeString(tmp.resolve("a.txt"), "on disk");
        nm.createSession("s");
        nm.addGraphSpec("s", GraphReader.read("""
                [{"oid": "mem", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP", "pydata": "in memory"},
                 {"oid": "file", "categoryType": "Data", "dropclass": "dlg.data.drops.file.FileDROP", "filepath": "%s"},
                 {"oid": "used", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP", "consumers": ["eat"]},
                 {"oid": "eat", "categoryType": "Application", "dropclass": "dlg.apps.simple.NullBarrierApp"},
                 {"oid": "later", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP"},
                 {"oid": "fail", "categoryType": "Application", "dropclass": "dlg.apps.bash_shell_app.BashShellApp",
                  "command": "exit 1", "outputs": ["failed"]},
                 {"oid": "failed", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP"},
                 {"oid": "app", "categoryType": "Application", "dropclass": "dlg.apps.simple.NullBarrierApp"}]
                """.formatted(file)));
        nm.addNodeSubscriptions("s", Map.of("other:8000:5555:6666",
                List.of(new DropRel("R", 0, "mem"), new DropRel("R", 0, "file"))), Duration.ofSeconds(5));
        nm.deploySession("s", List.of("mem", "file", "used", "fail"));
        Execution ex = nm.session("s").execution().orElseThrow();
        await().atMost(WAIT).until(() -> state(ex, "used") == DropState.EXPIRED && state(ex, "failed") == DropState.ERROR);
        return ex;
    }

    private static DropState state(Execution ex, String oid) {
        return ex.status(ex.indexOf(oid)).status();
    }

    private static void assertRefused(ThrowingCallable call, DataReply reason, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(DataRefusedException.class,
                e -> assertThat(e.reason()).isEqualTo(reason)).hasMessage(message);
    }

    @Test
    void find_completedDropsReadElsewhere_areKeptAndServed() throws IOException {
        Execution ex = deploy();

        assertThat(state(ex, "mem")).isEqualTo(DropState.COMPLETED);
        assertThat(state(ex, "file")).isEqualTo(DropState.COMPLETED);
        assertThat(drops.find("s", "mem").readAll()).asString(UTF_8).isEqualTo("in memory");
        assertThat(drops.find("s", "file").readAll()).asString(UTF_8).isEqualTo("on disk");
    }

    @Test
    void find_whatIsNotServed_isRefusedWithTheReason() throws IOException {
        deploy();

        assertRefused(() -> drops.find("x", "mem"), DataReply.NO_SESSION, "there is no session x on that node");
        assertRefused(() -> drops.find("s", "R"), DataReply.NO_DROP, "session s has no drop with uid 'R' on that node");
        assertRefused(() -> drops.find("s", "app"), DataReply.NOT_DATA,
                "drop 'app' of session s is an application: it has no data");
        assertRefused(() -> drops.find("s", "later"), DataReply.NOT_COMPLETED,
                "drop 'later' of session s is INITIALIZED: only COMPLETED data is served");
        assertRefused(() -> drops.find("s", "failed"), DataReply.NOT_COMPLETED,
                "drop 'failed' of session s is ERROR: only COMPLETED data is served");
        assertRefused(() -> drops.find("s", "used"), DataReply.RELEASED,
                "drop 'used' of session s is EXPIRED: its data was released");
    }

    @Test
    void find_sessionNotDeployed_isRefused() {
        nm = new NodeManager(engine, tmp.resolve("workspace"), DropListener.NONE);
        drops = new NodeManagerDrops(nm);
        nm.createSession("b");
        nm.addGraphSpec("b", GraphReader.read("""
                [{"oid": "d", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP"}]"""));

        assertRefused(() -> drops.find("b", "d"), DataReply.NOT_COMPLETED,
                "session b is BUILDING on that node: its drops are not deployed");
    }

    @Test
    void find_standInOfAnOutputHeldByAnotherNode_isServedOnceCompletedThenReleasedOnceRead() throws IOException {
        nm = new NodeManager(engine, tmp.resolve("workspace"), DropListener.NONE);
        drops = new NodeManagerDrops(nm);
        nm.createSession("w");
        nm.addGraphSpec("w", GraphReader.read("""
                [{"oid": "hello", "categoryType": "Application", "dropclass": "dlg.apps.simple.HelloWorldApp"}]"""));
        nm.addNodeSubscriptions("w", Map.of("other:8000:5555:6666", List.of(new DropRel("O", 7, "hello"))),
                Duration.ofSeconds(5));
        nm.deploySession("w", List.of());

        assertRefused(() -> drops.find("w", "O"), DataReply.NOT_COMPLETED,
                "what the apps of that node wrote for drop 'O' of session w is INITIALIZED: only COMPLETED data is served");
        nm.trigger("w", List.of("hello"));
        Execution ex = nm.session("w").execution().orElseThrow();
        await().atMost(WAIT).until(() -> ex.remoteOutputState("O").orElseThrow() == DropState.COMPLETED);

        assertThat(drops.find("w", "O").readAll()).asString(UTF_8).isEqualTo("Hello World");
        assertRefused(() -> drops.find("w", "O"), DataReply.RELEASED,
                "what the apps of that node wrote for drop 'O' of session w is EXPIRED: its data was released");
    }
}
