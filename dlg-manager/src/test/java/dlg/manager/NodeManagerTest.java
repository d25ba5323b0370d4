package dlg.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dlg.core.error.InvalidRequestException;
import dlg.core.error.NoSessionException;
import dlg.core.error.SessionAlreadyExistsException;
import dlg.core.error.SubscriptionFailedException;
import dlg.core.graph.GraphReader;
import dlg.core.runtime.DropListener;
import dlg.core.runtime.Engine;
import dlg.core.state.SessionState;
import dlg.manager.events.DropEventSink;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeManagerTest {

    private static final String SLEEP = """
            [{"oid": "sleep", "categoryType": "Application", "dropclass": "dlg.apps.simple.SleepApp",
              "sleep_time": 600, "outputs": ["slept"]},
             {"oid": "slept", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP"}]
            """;

    @TempDir
    Path workspace;

    private final Engine engine = Engine.create(2);
    private NodeManager nm;

    private NodeManager nm() {
        nm = new NodeManager(engine, workspace, DropListener.NONE);
        return nm;
    }

    @AfterEach
    void close() {
        if (nm != null) {
            nm.close();
        }
        engine.close();
    }

    @Test
    void createSession_newId_makesItsDirectoryAndListsIt() {
        nm().createSession("a");
        nm.createSession("b");
        assertThat(workspace.resolve("a")).isDirectory();
        assertThat(nm.sessions()).containsExactly(new SessionSummary("a", SessionState.PRISTINE, 0),
                new SessionSummary("b", SessionState.PRISTINE, 0));
    }

    @Test
    void dataNodeOf_remoteInput_isTheNodeStringItsSubscriptionCameUnder() {
        nm().createSession("a");
        nm.addGraphSpec("a", GraphReader.read("""
                [{"oid": "B", "categoryType": "Application", "dropclass": "dlg.apps.simple.CopyApp"}]"""));

        nm.addNodeSubscriptions("a", Map.of("h2:8000:5556:7777", List.of(new DropRel("B", 0, "A"))), Duration.ofSeconds(5));

        assertThat(nm.dataNodeOf("a", "A")).contains(new NodeAddress("h2", 8000, 5556, 7777));
        assertThat(nm.dataNodeOf("a", "B")).isEmpty();
        assertThat(nm.dataNodeOf("x", "A")).isEmpty();
    }

    @Test
    void addNodeSubscriptions_nodeThatNeverConnects_failsNamingItAfterOneWaitForAll() {
        List<Integer> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        EventSubscriptions oneNeverConnects = (host, port) -> {
            asked.add(port);
            return port == 5556 ? new CompletableFuture<>() : CompletableFuture.completedFuture(null);
        };
        nm = new NodeManager(engine, workspace, DropEventSink.NONE, oneNeverConnects, null);
        nm.createSession("a");
        nm.addGraphSpec("a", GraphReader.read("""
                [{"oid": "B", "categoryType": "Application", "dropclass": "dlg.apps.simple.CopyApp"}]"""));
        Map<String, List<DropRel>> relations = new java.util.LinkedHashMap<>();
        relations.put("h2:8000:5556:7777", List.of(new DropRel("B", 0, "A")));
        relations.put("h3:8000:5557:7777", List.of(new DropRel("B", 0, "C")));

        assertThatThrownBy(() -> nm.addNodeSubscriptions("a", relations, Duration.ofMillis(50)))
                .isInstanceOf(SubscriptionFailedException.class)
                .hasMessageContaining("h2:8000:5556:7777").hasMessageContaining("could not be subscribed to");
        assertThat(asked).containsExactly(5556, 5557); // both asked before the wait
    }

    @Test
    void addNodeSubscriptions_subscriptionThatFails_givesItsReason() {
        EventSubscriptions unknownHost = (host, port) ->
                CompletableFuture.failedFuture(new java.net.UnknownHostException("no IPv4 address for " + host));
        nm = new NodeManager(engine, workspace, DropEventSink.NONE, unknownHost, null);
        nm.createSession("a");

        assertThatThrownBy(() -> nm.addNodeSubscriptions("a", Map.of("nowhere:8000:5556:7777", List.of()),
                Duration.ofSeconds(5))).isInstanceOf(SubscriptionFailedException.class)
                .hasMessageContaining("nowhere:8000:5556:7777").hasMessageContaining("no IPv4 address for nowhere");
    }

    @Test
    void createSession_takenId_isRefused() {
        nm().createSession("a");
        assertThatThrownBy(() -> nm.createSession("a")).isInstanceOf(SessionAlreadyExistsException.class)
                .hasMessageContaining("'a'");
    }

    @Test
    void createSession_idLeavingTheWorkspace_isRefused() {
        String outside = "escaped-" + workspace.getFileName(); // a name nothing else on /tmp has
        assertThatThrownBy(() -> nm().createSession("../" + outside)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("..");
        assertThat(workspace.resolveSibling(outside)).doesNotExist();
        assertThat(nm.sessions()).isEmpty();
    }

    @Test
    void unknownSession_everyCall_throwsNoSession() {
        nm();
        List<Runnable> calls = List.of(() -> nm.session("x"), () -> nm.destroySession("x"),
                () -> nm.sessionStatus("x"), () -> nm.deploySession("x", List.of()), () -> nm.cancelSession("x"),
                () -> nm.trigger("x", List.of()), () -> nm.addGraphSpec("x", GraphReader.read("[]")));
        for (Runnable call : calls) {
            assertThatThrownBy(call::run).isInstanceOf(NoSessionException.class).hasMessageContaining("'x'");
        }
    }

    @Test
    void destroySession_running_cancelsItAndForgetsIt() {
        nm().createSession("s");
        nm.addGraphSpec("s", GraphReader.read(SLEEP));
        nm.deploySession("s", List.of("sleep"));
        Session s = nm.session("s");
        nm.destroySession("s");
        await().atMost(Duration.ofSeconds(20)).until(() -> s.state() == SessionState.CANCELLED);
        assertThat(nm.sessions()).isEmpty();
    }

    @Test
    void shutdown_cancelsRunningSessionsButKeepsThem() {
        nm().createSession("s");
        nm.addGraphSpec("s", GraphReader.read(SLEEP));
        nm.deploySession("s", List.of("sleep"));
        nm.shutdown();
        await().atMost(Duration.ofSeconds(20)).until(() -> nm.sessionStatus("s") == SessionState.CANCELLED);
        assertThat(nm.sessions()).hasSize(1);
    }
}
