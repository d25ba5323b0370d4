package dlg.core.runtime;

import static dlg.core.runtime.DropEvent.Type.DROP_COMPLETED;
import static dlg.core.runtime.DropEvent.Type.PRODUCER_FINISHED;
import static dlg.core.runtime.RemoteLink.Role.CONSUMER_OF_LOCAL_DATA;
import static dlg.core.runtime.RemoteLink.Role.INPUT_OF_LOCAL_APP;
import static dlg.core.runtime.RemoteLink.Role.OUTPUT_OF_LOCAL_APP;
import static dlg.core.runtime.RemoteLink.Role.PRODUCER_OF_LOCAL_DATA;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dlg.core.state.AppState;
import dlg.core.state.DropState;
import dlg.core.state.SessionState;
import dlg.core.error.InvalidGraphException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A graph split across two nodes, each an execution of its own in this JVM; a
 * {@link TestingSubscriber} carries one node's events to the other, as ZeroMQ will.
 */
class RemoteLinksTest {

    @TempDir
    Path dir;

    private TestRun node(String name, Graph g, DropListener listener, RemoteLink... links) {
        return node(name, g, listener, null, links);
    }

    /** A node that reads remote data from {@code other}'s stand-ins, as its data port serves them. */
    private TestRun node(String name, Graph g, DropListener listener, AtomicReference<TestRun> other,
                         RemoteLink... links) {
        TestRun.Builder b = TestRun.builder().remoteLinks(links);
        if (other != null) {
            b.remoteData((sid, uid) -> other.get().execution.remoteOutput(uid).orElseThrow().open());
        }
        return (listener == null ? b : b.listener(listener)).deploy(dir.resolve(name), g);
    }

    private static TestingApp.Body counting(AtomicInteger runs) {
        return ctx -> runs.incrementAndGet();
    }

    // ---- Two nodes ----

    @Test
    void deliverRemote_inputOnAnotherNode_appRunsOnceItCompletes() {
        List<String> seen = new CopyOnWriteArrayList<>();
        Graph g1 = new Graph();
        g1.memory("A");
        Graph g2 = new Graph();
        g2.app("B", ctx -> ctx.inputs().forEach(in -> seen.add(in.uid()))).outputs("C");
        g2.memory("C");
        try (TestingSubscriber toNode2 = new TestingSubscriber();
             TestRun node1 = node("n1", g1, toNode2, new RemoteLink("A", CONSUMER_OF_LOCAL_DATA, "B"));
             TestRun node2 = node("n2", g2, null, new RemoteLink("B", INPUT_OF_LOCAL_APP, "A"))) {
            toNode2.deliverTo(node2.execution);

            node1.trigger("A");

            assertThat(node1.await()).isEqualTo(SessionState.FINISHED);
            assertThat(node2.await()).isEqualTo(SessionState.FINISHED);
            assertThat(seen).containsExactly("A");
            assertThat(node2.state("C")).isEqualTo(DropState.COMPLETED);
            await().atMost(Duration.ofSeconds(10)).until(() -> toNode2.delivered() == 1);
        }
    }

    /**
     * W on node 1 writes A, which B on node 2 copies into C: A's content, {@code size} bytes of
     * 'x', reaches C either with A's event or from node 1's data; returns how many fetches it took.
     */
    private int copyAcrossNodes(int size, List<DropEvent> eventsOfA) throws IOException {
        byte[] content = "x".repeat(size).getBytes(UTF_8);
        Graph g1 = new Graph();
        g1.app("W", ctx -> ctx.outputs().getFirst().write(content)).outputs("A");
        g1.memory("A");
        Graph g2 = new Graph();
        g2.app("B", dlg.core.apps.CopyApp.INSTANCE::run).outputs("C");
        g2.memory("C");
        AtomicInteger fetches = new AtomicInteger();
        AtomicReference<TestRun> first = new AtomicReference<>();
        try (TestingSubscriber toNode2 = new TestingSubscriber();
             TestRun node1 = node("n1", g1, e -> {
                 if (e.oid().equals("A")) {
                     eventsOfA.add(e);
                 }
                 toNode2.onEvent(e);
             }, new RemoteLink("A", CONSUMER_OF_LOCAL_DATA, "B"));
             TestRun node2 = TestRun.builder().remoteLinks(new RemoteLink("B", INPUT_OF_LOCAL_APP, "A"))
                     .remoteData((sid, uid) -> {
                         fetches.incrementAndGet();
                         return first.get().execution.data(first.get().execution.indexOf(uid)).orElseThrow().open();
                     }).deploy(dir.resolve("n2"), g2)) {
            first.set(node1);
            toNode2.deliverTo(node2.execution);

            node1.trigger("W");

            assertThat(node1.await()).isEqualTo(SessionState.FINISHED);
            assertThat(node2.await()).isEqualTo(SessionState.FINISHED);
            assertThat(node2.execution.data(node2.execution.indexOf("C")).orElseThrow().readAll()).isEqualTo(content);
        }
        return fetches.get();
    }

    @Test
    void deliverRemote_smallInputOfAnotherNode_comesWithItsEvent_readWithoutAFetch() throws IOException {
        List<DropEvent> eventsOfA = new CopyOnWriteArrayList<>();

        assertThat(copyAcrossNodes(DropEvent.INLINED_MAX, eventsOfA)).isZero();
        assertThat(eventsOfA).filteredOn(e -> e.type() == DROP_COMPLETED).singleElement()
                .satisfies(e -> assertThat(e.content()).hasSize(DropEvent.INLINED_MAX).containsOnly('x'));
    }

    @Test
    void deliverRemote_emptyInputOfAnotherNode_comesWithItsEventToo() throws IOException {
        List<DropEvent> eventsOfA = new CopyOnWriteArrayList<>();

        assertThat(copyAcrossNodes(0, eventsOfA)).isZero();
        assertThat(eventsOfA).filteredOn(e -> e.type() == DROP_COMPLETED).singleElement()
                .satisfies(e -> assertThat(e.content()).isEmpty());
    }

    @Test
    void deliverRemote_inputOfAnotherNodeOverTheLimit_isFetchedFromItsNode() throws IOException {
        List<DropEvent> eventsOfA = new CopyOnWriteArrayList<>();

        assertThat(copyAcrossNodes(DropEvent.INLINED_MAX + 1, eventsOfA)).isEqualTo(1);
        assertThat(eventsOfA).filteredOn(e -> e.type() == DROP_COMPLETED).singleElement()
                .satisfies(e -> assertThat(e.content()).isNull());
    }

    /** Only drops read on other nodes pay for a copy of their content. */
    @Test
    void dropCompleted_ofADropReadOnlyHere_carriesNoContent() {
        Graph g = new Graph();
        g.app("W", ctx -> ctx.outputs().getFirst().write("local".getBytes(UTF_8))).outputs("A");
        g.memory("A").consumers("B");
        g.app("B", Graph.NULL_BARRIER).outputs("C");
        g.memory("C");
        try (TestRun run = TestRun.builder().deploy(dir, g)) {
            run.trigger("W");

            assertThat(run.await()).isEqualTo(SessionState.FINISHED);
            assertThat(run.events.of("A")).filteredOn(e -> e.type() == DROP_COMPLETED).singleElement()
                    .satisfies(e -> assertThat(e.content()).isNull());
        }
    }

    @Test
    void deliverRemote_appLinkedStraightToAnAppOnAnotherNode_runsAfterIt() {
        List<String> order = new CopyOnWriteArrayList<>();
        Graph g1 = new Graph();
        g1.app("A", ctx -> order.add("A"));
        Graph g2 = new Graph();
        g2.app("B", ctx -> order.add("B")).outputs("C");
        g2.memory("C");
        try (TestingSubscriber toNode2 = new TestingSubscriber();
             TestRun node1 = node("n1", g1, toNode2, new RemoteLink("A", OUTPUT_OF_LOCAL_APP, "B"));
             TestRun node2 = node("n2", g2, null, new RemoteLink("B", PRODUCER_OF_LOCAL_DATA, "A"))) {
            toNode2.deliverTo(node2.execution);
            assertThat(node2.exec("B")).isEqualTo(AppState.NOT_RUN);

            node1.trigger("A");

            assertThat(node1.await()).isEqualTo(SessionState.FINISHED);
            assertThat(node2.await()).isEqualTo(SessionState.FINISHED);
            assertThat(order).containsExactly("A", "B");
        }
    }

    @Test
    void deliverRemote_remoteAppNamedAsAnInput_settlesItOnItsProducerFinished() {
        Graph g1 = new Graph();
        g1.app("A", ctx -> {
            throw new IllegalStateException("boom");
        });
        Graph g2 = new Graph();
        g2.app("B", Graph.NULL_BARRIER).outputs("C");
        g2.memory("C");
        try (TestingSubscriber toNode2 = new TestingSubscriber();
             TestRun node1 = node("n1", g1, toNode2, new RemoteLink("A", CONSUMER_OF_LOCAL_DATA, "B"));
             TestRun node2 = node("n2", g2, null, new RemoteLink("B", INPUT_OF_LOCAL_APP, "A"))) {
            toNode2.deliverTo(node2.execution);

            node1.trigger("A");

            assertThat(node1.await()).isEqualTo(SessionState.FAILED);
            assertThat(node2.await()).isEqualTo(SessionState.FAILED);
            assertThat(node2.exec("B")).isEqualTo(AppState.ERROR);
        }
    }

    @Test
    void deliverRemote_outputOnAnotherNode_dataCompletesWithWhatTheAppWrote() throws IOException {
        AtomicInteger outputs = new AtomicInteger(-1);
        Graph g1 = new Graph();
        g1.memory("A").consumers("B");
        g1.app("B", ctx -> {
            outputs.set(ctx.outputs().size());
            ctx.outputs().getFirst().write("written on node 1".getBytes(UTF_8));
        });
        Graph g2 = new Graph();
        g2.memory("C");
        AtomicReference<TestRun> n1 = new AtomicReference<>();
        try (TestingSubscriber toNode2 = new TestingSubscriber();
             TestRun node1 = node("n1", g1, toNode2, new RemoteLink("B", OUTPUT_OF_LOCAL_APP, "C"));
             TestRun node2 = node("n2", g2, null, n1, new RemoteLink("C", PRODUCER_OF_LOCAL_DATA, "B"))) {
            n1.set(node1);
            toNode2.deliverTo(node2.execution);

            node1.trigger("A");

            assertThat(node1.await()).isEqualTo(SessionState.FINISHED);
            assertThat(node2.await()).isEqualTo(SessionState.FINISHED);
            assertThat(outputs).hasValue(1); // the stand-in
            assertThat(node2.state("C")).isEqualTo(DropState.COMPLETED);
            assertThat(node2.execution.data(node2.execution.indexOf("C")).orElseThrow().readAll()).asString(UTF_8).isEqualTo("written on node 1");
            // read to its end by node 2: node 1's copy goes
            assertThat(node1.execution.remoteOutputState("C")).hasValue(DropState.EXPIRED);
            assertThat(dir.resolve("n1/remote-outputs/C")).doesNotExist();
            // the stand-in is no drop of node 1: neither counted nor reported there
            assertThat(node1.events.of("C")).isEmpty();
        }
    }

    @Test
    void deliverRemote_outputOnAnotherNodeUnreadable_dataFailsNamingTheAppAndWhy() {
        Graph g1 = new Graph();
        g1.app("B", ctx -> ctx.outputs().getFirst().write(new byte[] {1}));
        Graph g2 = new Graph();
        g2.memory("C").consumers("D");
        g2.app("D", ctx -> { });
        try (TestingSubscriber toNode2 = new TestingSubscriber();
             TestRun node1 = node("n1", g1, toNode2, new RemoteLink("B", OUTPUT_OF_LOCAL_APP, "C"));
             TestRun node2 = TestRun.builder().remoteLinks(new RemoteLink("C", PRODUCER_OF_LOCAL_DATA, "B"))
                     .remoteData((sid, uid) -> {
                         throw new IOException("cannot read drop '" + uid + "' from node n1: gone");
                     }).deploy(dir.resolve("n2"), g2)) {
            toNode2.deliverTo(node2.execution);

            node1.trigger("B");

            assertThat(node1.await()).isEqualTo(SessionState.FINISHED);
            assertThat(node2.await()).isEqualTo(SessionState.FAILED);
            assertThat(node2.status("C").error()).isEqualTo("the content app 'B' wrote on another node could not be"
                    + " read: cannot read drop 'C' from node n1: gone");
            assertThat(node2.state("D")).isEqualTo(DropState.ERROR);
        }
    }

    @Test
    void deliverRemote_outputOnAnotherNode_aCommandWritesItsStandInByPath() throws IOException {
        Graph g1 = new Graph();
        g1.app("B", ctx -> java.nio.file.Files.writeString(ctx.outputs().getFirst().path().orElseThrow(), "by path"));
        Graph g2 = new Graph();
        g2.file("C").param("filepath", dir.resolve("c.txt").toString());
        AtomicReference<TestRun> n1 = new AtomicReference<>();
        try (TestingSubscriber toNode2 = new TestingSubscriber();
             TestRun node1 = node("n1", g1, toNode2, new RemoteLink("B", OUTPUT_OF_LOCAL_APP, "C"));
             TestRun node2 = node("n2", g2, null, n1, new RemoteLink("C", PRODUCER_OF_LOCAL_DATA, "B"))) {
            n1.set(node1);
            toNode2.deliverTo(node2.execution);

            node1.trigger("B");

            assertThat(node2.await()).isEqualTo(SessionState.FINISHED);
            assertThat(dir.resolve("c.txt")).hasContent("by path");
        }
    }

    @Test
    void deploy_twoLocalAppsWriteOneDropOfAnotherNode_isRefusedNamingBoth() {
        Graph g1 = new Graph();
        g1.app("B1", ctx -> { });
        g1.app("B2", ctx -> { });
        assertThatThrownBy(() -> node("n1", g1, null, new RemoteLink("B1", OUTPUT_OF_LOCAL_APP, "C"),
                new RemoteLink("B2", OUTPUT_OF_LOCAL_APP, "C")))
                .isInstanceOf(InvalidGraphException.class)
                .hasMessageContaining("'C'").hasMessageContaining("'B1' and 'B2'")
                .hasMessageContaining("place the drop with its producers");
    }

    /** DALiuGE's own example: A(n1) -> B(n2) -> C(n1), links read from the triples both nodes get. */
    @Test
    void deliverRemote_appBetweenTwoDataDropsOfTheOtherNode_bothNodesFinish() {
        Graph g1 = new Graph();
        g1.memory("A");
        g1.memory("C");
        Graph g2 = new Graph();
        g2.app("B", Graph.NULL_BARRIER);
        AtomicReference<TestRun> n2 = new AtomicReference<>();
        try (TestingSubscriber toNode1 = new TestingSubscriber();
             TestingSubscriber toNode2 = new TestingSubscriber();
             TestRun node1 = node("n1", g1, toNode2, n2, subscriptions(uid -> !uid.equals("B")));
             TestRun node2 = node("n2", g2, toNode1, subscriptions("B"::equals))) {
            n2.set(node2);
            toNode2.deliverTo(node2.execution);
            toNode1.deliverTo(node1.execution);

            node1.trigger("A");

            assertThat(node2.await()).isEqualTo(SessionState.FINISHED);
            assertThat(node1.await()).isEqualTo(SessionState.FINISHED);
            assertThat(node2.exec("B")).isEqualTo(AppState.FINISHED);
            assertThat(node1.state("A")).isEqualTo(DropState.COMPLETED); // kept: its consumer is remote
            assertThat(node1.state("C")).isEqualTo(DropState.COMPLETED);
        }
    }

    private static RemoteLink[] subscriptions(Predicate<String> isLocal) {
        return List.of(List.<Object>of("B", 0, "A"), List.<Object>of("B", 2, "C"), List.<Object>of("A", 5, "B"),
                        List.<Object>of("C", 7, "B")).stream()
                .map(t -> RemoteLink.ofSubscription((String) t.get(0), (Integer) t.get(1), (String) t.get(2), isLocal))
                .toArray(RemoteLink[]::new);
    }

    @Test
    void deliverRemote_remoteInputFailed_appFailsWithoutRunning() {
        AtomicInteger runs = new AtomicInteger();
        Graph g1 = new Graph();
        g1.app("X", ctx -> {
            throw new IllegalStateException("boom");
        }).outputs("A");
        g1.memory("A");
        Graph g2 = new Graph();
        g2.app("B", counting(runs)).outputs("C");
        g2.memory("C");
        try (TestingSubscriber toNode2 = new TestingSubscriber();
             TestRun node1 = node("n1", g1, toNode2, new RemoteLink("A", CONSUMER_OF_LOCAL_DATA, "B"));
             TestRun node2 = node("n2", g2, null, new RemoteLink("B", INPUT_OF_LOCAL_APP, "A"))) {
            toNode2.deliverTo(node2.execution);

            node1.trigger("X");

            assertThat(node1.await()).isEqualTo(SessionState.FAILED);
            assertThat(node2.await()).isEqualTo(SessionState.FAILED);
            assertThat(runs).hasValue(0);
            assertThat(node2.status("B")).isEqualTo(new DropStatus("B", "B", DropState.ERROR, AppState.ERROR,
                    "1 of 1 inputs failed (input_error_threshold 0%)"));
            assertThat(node2.state("C")).isEqualTo(DropState.ERROR);
        }
    }

    @Test
    void deliverRemote_remoteProducerFailed_dataAndItsConsumersFail() {
        Graph g1 = new Graph();
        g1.memory("A").consumers("B");
        g1.app("B", ctx -> {
            throw new IllegalStateException("boom");
        });
        Graph g2 = new Graph();
        g2.memory("C").consumers("D");
        g2.app("D", Graph.NULL_BARRIER);
        try (TestingSubscriber toNode2 = new TestingSubscriber();
             TestRun node1 = node("n1", g1, toNode2, new RemoteLink("B", OUTPUT_OF_LOCAL_APP, "C"));
             TestRun node2 = node("n2", g2, null, new RemoteLink("C", PRODUCER_OF_LOCAL_DATA, "B"))) {
            toNode2.deliverTo(node2.execution);

            node1.trigger("A");

            assertThat(node2.await()).isEqualTo(SessionState.FAILED);
            assertThat(node2.status("C").status()).isEqualTo(DropState.ERROR);
            assertThat(node2.status("C").error()).isEqualTo("a producer failed");
            assertThat(node2.exec("D")).isEqualTo(AppState.ERROR);
        }
    }

    // ---- Barrier rules with remote inputs ----

    /** L (memory, local) and a remote input R feed B, which writes C. */
    private static Graph localAndRemoteInput(TestingApp.Body b, Integer errorThreshold) {
        Graph g = new Graph();
        g.memory("L").consumers("B");
        Graph.Node app = g.app("B", b).outputs("C");
        if (errorThreshold != null) {
            app.param("input_error_threshold", errorThreshold);
        }
        g.memory("C");
        return g;
    }

    private static final RemoteLink R_INTO_B = new RemoteLink("B", INPUT_OF_LOCAL_APP, "R");

    @Test
    void deliverRemote_remoteInputSkipped_appAndItsOutputsAreSkipped() {
        AtomicInteger runs = new AtomicInteger();
        try (TestRun run = node("n2", localAndRemoteInput(counting(runs), null), null, R_INTO_B)) {
            assertThat(run.execution.deliverRemote("R", DROP_COMPLETED, DropState.SKIPPED)).isTrue();
            run.trigger("L");

            assertThat(run.await()).isEqualTo(SessionState.FINISHED);
            assertThat(run.status("B")).isEqualTo(new DropStatus("B", "B", DropState.SKIPPED, AppState.SKIPPED, null));
            assertThat(run.state("C")).isEqualTo(DropState.SKIPPED);
            assertThat(runs).hasValue(0);
        }
    }

    @Test
    void deliverRemote_remoteInputFailedWithinErrorThreshold_appRuns() {
        AtomicInteger inputs = new AtomicInteger();
        try (TestRun run = node("n2", localAndRemoteInput(ctx -> inputs.set(ctx.inputs().size()), 50), null, R_INTO_B)) {
            run.execution.deliverRemote("R", DROP_COMPLETED, DropState.ERROR);
            run.trigger("L");

            assertThat(run.await()).isEqualTo(SessionState.FINISHED);
            assertThat(run.exec("B")).isEqualTo(AppState.FINISHED);
            assertThat(inputs).hasValue(2);
        }
    }

    @Test
    void deliverRemote_remoteInputFailedAboveErrorThreshold_appFails() {
        try (TestRun run = node("n2", localAndRemoteInput(ctx -> { }, 49), null, R_INTO_B)) {
            run.execution.deliverRemote("R", DROP_COMPLETED, DropState.ERROR);
            run.trigger("L");

            assertThat(run.await()).isEqualTo(SessionState.FAILED);
            assertThat(run.status("B").error()).isEqualTo("1 of 2 inputs failed (input_error_threshold 49%)");
        }
    }

    // ---- Early, duplicate and ignored events ----

    @Test
    void deliverRemote_beforeTrigger_appRunsOnceItsLocalInputCompletesToo() {
        ManualExecutor tasks = new ManualExecutor();
        AtomicInteger runs = new AtomicInteger();
        Graph g = localAndRemoteInput(counting(runs), null);
        try (TestRun run = TestRun.builder().workers(tasks.workers()).remoteLinks(R_INTO_B).deploy(dir, g)) {
            assertThat(run.execution.deliverRemote("R", DROP_COMPLETED, DropState.COMPLETED)).isTrue();
            assertThat(tasks.pending()).isZero();

            run.trigger("L");
            tasks.runAll();

            assertThat(runs).hasValue(1);
            assertThat(run.await()).isEqualTo(SessionState.FINISHED);
        }
    }

    @Test
    void deliverRemote_beforeTriggerOfAnAppWithOnlyRemoteInputs_runsItWithoutATrigger() {
        AtomicInteger runs = new AtomicInteger();
        Graph g = new Graph();
        g.app("B", counting(runs)).outputs("C");
        g.memory("C");
        try (TestRun run = node("n2", g, null, new RemoteLink("B", INPUT_OF_LOCAL_APP, "A"))) {
            run.execution.deliverRemote("A", DROP_COMPLETED, DropState.COMPLETED);

            assertThat(run.await()).isEqualTo(SessionState.FINISHED);
            run.trigger(); // its part of the graph has B as a root: a late trigger changes nothing
            assertThat(runs).hasValue(1);
        }
    }

    @Test
    void deliverRemote_duplicateDropCompleted_isIgnored() {
        ManualExecutor tasks = new ManualExecutor();
        AtomicInteger runs = new AtomicInteger();
        Graph g = localAndRemoteInput(counting(runs), null);
        try (TestRun run = TestRun.builder().workers(tasks.workers()).remoteLinks(R_INTO_B).deploy(dir, g)) {
            assertThat(run.execution.deliverRemote("R", DROP_COMPLETED, DropState.COMPLETED)).isTrue();

            assertThat(run.execution.deliverRemote("R", DROP_COMPLETED, DropState.COMPLETED)).isFalse();
            assertThat(run.execution.deliverRemote("R", DROP_COMPLETED, DropState.ERROR)).isFalse();

            assertThat(tasks.pending()).as("B still waits for L").isZero();
            run.trigger("L");
            tasks.runAll();
            assertThat(runs).hasValue(1);
            assertThat(run.exec("B")).isEqualTo(AppState.FINISHED);
        }
    }

    /** Apps B_i wait for a local L_i, triggered here, and a remote R_i, delivered meanwhile by a subscriber. */
    @RepeatedTest(3)
    void deliverRemote_whileLocalInputsSettle_everyAppRunsOnce() throws Exception {
        int n = 2000;
        AtomicInteger runs = new AtomicInteger();
        Graph g = new Graph();
        RemoteLink[] links = new RemoteLink[n];
        String[] locals = new String[n];
        for (int i = 0; i < n; i++) {
            g.memory("L" + i).consumers("B" + i);
            g.app("B" + i, counting(runs)).outputs("C" + i);
            g.memory("C" + i);
            links[i] = new RemoteLink("B" + i, INPUT_OF_LOCAL_APP, "R" + i);
            locals[i] = "L" + i;
        }
        try (TestRun run = TestRun.builder().noListener().remoteLinks(links).deploy(dir, g);
             ExecutorService subscriber = Executors.newSingleThreadExecutor()) {
            Future<?> delivered = subscriber.submit(() -> {
                for (int i = 0; i < n; i++) {
                    run.execution.deliverRemote("R" + i, DROP_COMPLETED, DropState.COMPLETED);
                }
            });

            run.trigger(locals);

            delivered.get(TestRun.TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertThat(run.await()).isEqualTo(SessionState.FINISHED);
            assertThat(runs).hasValue(n);
            assertThat(run.execution.counts().count(AppState.FINISHED)).isEqualTo(n);
        }
    }

    @Test
    void deliverRemote_unknownUid_returnsFalse() {
        try (TestRun run = node("n2", localAndRemoteInput(ctx -> { }, null), null, R_INTO_B)) {
            assertThat(run.execution.deliverRemote("nope", DROP_COMPLETED, DropState.COMPLETED)).isFalse();
            assertThat(run.execution.deliverRemote("L", DROP_COMPLETED, DropState.COMPLETED)).isFalse(); // local
            assertThat(run.state("L")).isEqualTo(DropState.INITIALIZED);
        }
    }

    @Test
    void deliverRemote_otherTypesOrUnsettledStatus_returnFalseAndChangeNothing() {
        ManualExecutor tasks = new ManualExecutor();
        Graph g = new Graph();
        g.app("B", ctx -> { }).outputs("C");
        g.memory("C");
        RemoteLink[] links = {new RemoteLink("B", INPUT_OF_LOCAL_APP, "A"), new RemoteLink("C", PRODUCER_OF_LOCAL_DATA, "P")};
        try (TestRun run = TestRun.builder().workers(tasks.workers()).remoteLinks(links).deploy(dir, g)) {
            Execution ex = run.execution;

            assertThat(ex.deliverRemote("A", DropEvent.Type.STATUS, DropState.COMPLETED)).isFalse();
            assertThat(ex.deliverRemote("A", DropEvent.Type.EXEC_STATUS, DropState.COMPLETED)).isFalse();
            assertThat(ex.deliverRemote("A", DROP_COMPLETED, DropState.WRITING)).isFalse();
            assertThat(ex.deliverRemote("A", DROP_COMPLETED, DropState.CANCELLED)).isFalse();
            assertThat(ex.deliverRemote("P", DROP_COMPLETED, DropState.COMPLETED)).isFalse(); // P is an app
            assertThat(ex.deliverRemote("P", PRODUCER_FINISHED, DropState.CANCELLED)).isFalse();

            assertThat(tasks.pending()).isZero();
            assertThat(run.state("C")).isEqualTo(DropState.INITIALIZED);
        }
    }

    @Test
    void deliverRemote_eventsOfRemoteConsumersAndOutputs_areIgnored() {
        Graph g = new Graph();
        g.memory("A").consumers("X");
        g.app("X", Graph.NULL_BARRIER);
        RemoteLink[] links = {new RemoteLink("A", CONSUMER_OF_LOCAL_DATA, "B"), new RemoteLink("X", OUTPUT_OF_LOCAL_APP, "Y")};
        try (TestRun run = node("n1", g, null, links)) {
            assertThat(run.execution.remoteUids()).isEmpty();
            assertThat(run.execution.deliverRemote("B", PRODUCER_FINISHED, DropState.COMPLETED)).isFalse();
            assertThat(run.execution.deliverRemote("Y", DROP_COMPLETED, DropState.COMPLETED)).isFalse();
        }
    }

    @Test
    void remoteUids_areTheRemoteInputsAndProducers() {
        Graph g = new Graph();
        g.app("B", ctx -> { }).outputs("C");
        g.memory("C");
        RemoteLink[] links = {new RemoteLink("B", INPUT_OF_LOCAL_APP, "A1"), new RemoteLink("B", INPUT_OF_LOCAL_APP, "A2"),
                new RemoteLink("B", OUTPUT_OF_LOCAL_APP, "O"), new RemoteLink("C", PRODUCER_OF_LOCAL_DATA, "P"),
                new RemoteLink("C", CONSUMER_OF_LOCAL_DATA, "Q")};
        try (TestRun run = node("n2", g, null, links)) {
            assertThat(run.execution.remoteUids()).containsExactlyInAnyOrder("A1", "A2", "P");
        }
    }

    @Test
    void cancel_whileWaitingForARemoteInput_endsCancelledAndALateEventIsHarmless() {
        AtomicInteger runs = new AtomicInteger();
        Graph g = new Graph();
        g.app("B", counting(runs)).outputs("C");
        g.memory("C");
        try (TestRun run = node("n2", g, null, new RemoteLink("B", INPUT_OF_LOCAL_APP, "A"))) {
            run.execution.cancel();
            assertThat(run.await()).isEqualTo(SessionState.CANCELLED);

            run.execution.deliverRemote("A", DROP_COMPLETED, DropState.COMPLETED);

            assertThat(run.exec("B")).isEqualTo(AppState.CANCELLED);
            assertThat(runs).hasValue(0);
        }
    }

    // ---- A node lost (it stopped answering) ----

    private static final String LOST = "node 10.0.0.2:8000:5555:6666 stopped answering";

    @Test
    void remoteLost_inputNotSettled_appAndItsOutputFailNamingTheCause() {
        AtomicInteger runs = new AtomicInteger();
        Graph g = new Graph();
        g.app("B", counting(runs)).outputs("C");
        g.memory("C");
        try (TestRun run = node("n2", g, null, new RemoteLink("B", INPUT_OF_LOCAL_APP, "A"))) {
            assertThat(run.execution.remoteLost(List.of("A"), LOST)).isEqualTo(1);

            assertThat(run.await()).isEqualTo(SessionState.FAILED);
            assertThat(runs).hasValue(0);
            assertThat(run.status("B")).isEqualTo(new DropStatus("B", "B", DropState.ERROR, AppState.ERROR,
                    "1 of 1 inputs failed (input_error_threshold 0%): " + LOST));
            assertThat(run.state("C")).isEqualTo(DropState.ERROR);
            assertThat(run.execution.deliverRemote("A", DROP_COMPLETED, DropState.COMPLETED)).isFalse(); // too late
        }
    }

    @Test
    void remoteLost_producerAndAppFollowingIt_failNamingTheCause() {
        Graph g = new Graph();
        g.memory("C").consumers("D");
        g.app("D", Graph.NULL_BARRIER);
        g.app("F", ctx -> { });
        try (TestRun run = node("n2", g, null, new RemoteLink("C", PRODUCER_OF_LOCAL_DATA, "B"),
                new RemoteLink("F", PRODUCER_OF_LOCAL_DATA, "B"))) {
            assertThat(run.execution.remoteLost(List.of("B", "unknown"), LOST)).isEqualTo(1);

            assertThat(run.await()).isEqualTo(SessionState.FAILED);
            assertThat(run.status("C").error()).isEqualTo(LOST);
            assertThat(run.status("D").error()).isEqualTo("1 of 1 inputs failed (input_error_threshold 0%)");
            assertThat(run.status("F").error()).isEqualTo("1 of 1 inputs failed (input_error_threshold 0%): " + LOST);
        }
    }

    @Test
    void remoteLost_afterTheRemoteDropSettled_changesNothing() {
        AtomicInteger runs = new AtomicInteger();
        Graph g = new Graph();
        g.app("B", counting(runs)).outputs("C");
        g.memory("C");
        try (TestRun run = node("n2", g, null, new RemoteLink("B", INPUT_OF_LOCAL_APP, "A"))) {
            run.execution.deliverRemote("A", DROP_COMPLETED, DropState.COMPLETED);
            assertThat(run.await()).isEqualTo(SessionState.FINISHED);

            assertThat(run.execution.remoteLost(List.of("A"), LOST)).isZero();
            assertThat(run.exec("B")).isEqualTo(AppState.FINISHED);
            assertThat(runs).hasValue(1);
        }
    }

    @Test
    void remoteLost_inputWithinErrorThreshold_appRunsWithoutAnError() {
        try (TestRun run = node("n2", localAndRemoteInput(ctx -> { }, 50), null, R_INTO_B)) {
            run.execution.remoteLost(List.of("R"), LOST);
            run.trigger("L");

            assertThat(run.await()).isEqualTo(SessionState.FINISHED);
            assertThat(run.status("B").error()).isNull();
        }
    }

    // ---- Data kept for remote consumers ----

    @Test
    void remoteConsumer_afterTheLocalConsumerFinished_dataIsKept() throws Exception {
        Recorder rec = new Recorder();
        Graph g = new Graph();
        g.memory("A").param("pydata", "payload").consumers("X");
        g.app("X", rec);
        try (TestRun run = node("n1", g, null, new RemoteLink("A", CONSUMER_OF_LOCAL_DATA, "R"))) {
            assertThat(run.runToEnd()).isEqualTo(SessionState.FINISHED);

            assertThat(run.state("A")).isEqualTo(DropState.COMPLETED); // without the link: EXPIRED
            assertThat(new String(rec.drop("A").readAll())).isEqualTo("payload");
        }
    }
}
