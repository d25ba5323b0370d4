package dlg.core.runtime;

import static dlg.core.runtime.DropEvent.Type.DROP_COMPLETED;
import static dlg.core.runtime.RemoteLink.Role.CONSUMER_OF_LOCAL_DATA;
import static dlg.core.runtime.RemoteLink.Role.INPUT_OF_LOCAL_APP;
import static dlg.core.runtime.RemoteLink.Role.OUTPUT_OF_LOCAL_APP;
import static dlg.core.runtime.RemoteLink.Role.PRODUCER_OF_LOCAL_DATA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dlg.core.catalog.DropCatalog;
import dlg.core.error.GraphProblem;
import dlg.core.error.InvalidGraphException;
import dlg.core.graph.GraphSpec;
import dlg.core.state.DropState;
import dlg.core.state.SessionState;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deploying a node's part of a graph with its remote links. */
class EngineTest {

    @TempDir
    Path dir;

    /** B (app) writes C (memory). */
    private static Graph appAndData(TestingApp.Body b) {
        Graph g = new Graph();
        g.app("B", b).outputs("C");
        g.memory("C");
        return g;
    }

    private TestRun deploy(Graph g, RemoteLink... links) {
        return TestRun.builder().remoteLinks(links).deploy(dir, g);
    }

    @Test
    void twin_sharesTheEnginesSettings_withItsOwnWorkersDataAndTimings() {
        AppTimings timings = (appClass, millis, outcome) -> { };
        RemoteData remote = (sessionId, uid) -> InputStream.nullInputStream();
        try (Engine engine = new Engine(DropCatalog.standard(), Workers.create(1), Clock.systemUTC(),
                ExecutionOptions.DEFAULT, Map.of("DLG_X", "1"))) {
            Workers own = Workers.create(1);
            Engine twin = engine.twin(own, remote, timings);

            assertThat(twin.catalog()).isSameAs(engine.catalog());
            assertThat(twin.clock()).isSameAs(engine.clock());
            assertThat(twin.options()).isSameAs(engine.options());
            assertThat(twin.environment()).isEqualTo(Map.of("DLG_X", "1"));
            assertThat(twin.remoteData()).isSameAs(remote);
            assertThat(twin.appTimings()).isSameAs(timings);
            assertThat(twin.workers()).isSameAs(own);
            twin.close();
        }
    }

    @Test
    void deploy_withoutRemoteLinks_listensToNothing() {
        try (Engine engine = Engine.create(1)) {
            Execution ex = engine.deploy("s1", dir, new GraphSpec(), DropListener.NONE);

            assertThat(ex.remoteUids()).isEmpty();
        }
    }

    @Test
    void deploy_unknownLocalUid_throwsNamingIt() {
        assertThatThrownBy(() -> deploy(appAndData(ctx -> { }), new RemoteLink("nope", INPUT_OF_LOCAL_APP, "A")))
                .isInstanceOf(InvalidGraphException.class)
                .hasMessageContaining("'nope'")
                .satisfies(e -> assertThat(((InvalidGraphException) e).problems()).extracting(GraphProblem::oid)
                        .containsExactly("nope"));
    }

    @Test
    void deploy_localDropsOfTheWrongKind_throwsNamingEach() {
        RemoteLink dataAsApp = new RemoteLink("C", INPUT_OF_LOCAL_APP, "A");
        RemoteLink dataAsOutput = new RemoteLink("C", OUTPUT_OF_LOCAL_APP, "D");
        // an app "produced" by a remote app is an app-to-app link, not a wrong kind
        RemoteLink appAfterApp = new RemoteLink("B", PRODUCER_OF_LOCAL_DATA, "P");

        assertThatThrownBy(() -> deploy(appAndData(ctx -> { }), dataAsApp, dataAsOutput, appAfterApp))
                .isInstanceOf(InvalidGraphException.class)
                .satisfies(e -> assertThat(((InvalidGraphException) e).problems()).extracting(GraphProblem::toString)
                        .containsExactly("drop 'C': is a Data drop, yet " + dataAsApp + " needs an application",
                                "drop 'C': is a Data drop, yet " + dataAsOutput + " needs an application"));
    }

    @Test
    void deploy_remoteUidInTheGraph_throws() {
        assertThatThrownBy(() -> deploy(appAndData(ctx -> { }), new RemoteLink("C", CONSUMER_OF_LOCAL_DATA, "B")))
                .isInstanceOf(InvalidGraphException.class)
                .hasMessageContaining("drop 'B': is in this graph");
    }

    @Test
    void deploy_badLink_makesNoDirectoryForFileDrops() {
        Graph g = appAndData(ctx -> { });
        g.file("F").param("filepath", "sub/f.txt");

        assertThatThrownBy(() -> deploy(g, new RemoteLink("nope", INPUT_OF_LOCAL_APP, "A")))
                .isInstanceOf(InvalidGraphException.class);
        assertThat(Files.exists(dir.resolve("sub"))).isFalse();
    }

    @Test
    void deploy_sameLinkTwice_isWiredOnce() {
        AtomicInteger inputs = new AtomicInteger();
        RemoteLink link = new RemoteLink("B", INPUT_OF_LOCAL_APP, "A");
        try (TestRun run = deploy(appAndData(ctx -> inputs.set(ctx.inputs().size())), link, link)) {
            run.execution.deliverRemote("A", DROP_COMPLETED, DropState.COMPLETED);

            assertThat(run.await()).isEqualTo(SessionState.FINISHED);
            assertThat(inputs).hasValue(1);
        }
    }

    @Test
    void deploy_appWithANamedPortAndARemoteInput_remoteInputComesLastWithoutPort() {
        List<String> seen = new CopyOnWriteArrayList<>();
        Graph g = new Graph();
        g.memory("L");
        g.app("B", ctx -> {
            for (int i = 0; i < ctx.inputs().size(); i++) {
                seen.add(ctx.inputs().get(i).uid() + "=" + ctx.inputPort(i));
            }
        }).input("L", "x");
        try (TestRun run = deploy(g, new RemoteLink("B", INPUT_OF_LOCAL_APP, "A"))) {
            run.execution.deliverRemote("A", DROP_COMPLETED, DropState.COMPLETED);
            run.trigger("L");

            assertThat(run.await()).isEqualTo(SessionState.FINISHED);
            assertThat(seen).containsExactly("L=x", "A=null");
        }
    }

    @Test
    void deploy_remoteInputOfTwoApps_oneEventRunsBoth() {
        AtomicInteger runs = new AtomicInteger();
        Graph g = new Graph();
        g.app("B1", ctx -> runs.incrementAndGet());
        g.app("B2", ctx -> runs.incrementAndGet());
        try (TestRun run = deploy(g, new RemoteLink("B1", INPUT_OF_LOCAL_APP, "A"),
                new RemoteLink("B2", INPUT_OF_LOCAL_APP, "A"))) {
            assertThat(run.execution.deliverRemote("A", DROP_COMPLETED, DropState.COMPLETED)).isTrue();

            assertThat(run.await()).isEqualTo(SessionState.FINISHED);
            assertThat(runs).hasValue(2);
        }
    }

    @Test
    void deploy_nullLinks_throws() {
        try (Engine engine = Engine.create(1)) {
            assertThatThrownBy(() -> engine.deploy("s1", dir, new GraphSpec(), DropListener.NONE, null))
                    .isInstanceOf(NullPointerException.class)
                    .hasMessage("remoteLinks");
        }
    }
}
