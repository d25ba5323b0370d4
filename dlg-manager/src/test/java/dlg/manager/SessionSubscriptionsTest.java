package dlg.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dlg.core.error.InvalidGraphException;
import dlg.core.error.InvalidSessionState;
import dlg.core.graph.GraphReader;
import dlg.core.runtime.DropEvent;
import dlg.core.runtime.Engine;
import dlg.core.state.DropState;
import dlg.core.state.SessionState;
import dlg.manager.events.DropEventSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A session's links to drops on other nodes: subscriptions, remote events, what it publishes. */
class SessionSubscriptionsTest {

    /** B (an app) and its output C; B's input A is on another node. */
    private static final String B_AND_C = """
            [{"oid": "B", "categoryType": "Application", "dropclass": "dlg.apps.simple.SleepApp", "outputs": ["C"]},
             {"oid": "C", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP"}]""";

    @TempDir
    Path workspace;

    private final Engine engine = Engine.create(2);
    private final List<String> published = new CopyOnWriteArrayList<>();

    private volatile boolean listening = true;

    /** Records what goes out: "local:" or "peers:" then type and oid. */
    private final DropEventSink sink = new DropEventSink() {
        @Override
        public boolean listening() {
            return listening;
        }

        @Override
        public void publish(DropEvent e) {
            published.add("local:" + e.type().wireName() + ":" + e.oid());
        }

        @Override
        public void publishToPeers(DropEvent e) {
            published.add("peers:" + e.type().wireName() + ":" + e.oid());
        }
    };

    @AfterEach
    void close() {
        engine.close();
    }

    private Session session(String graph) throws IOException {
        Session s = new Session("s", Files.createDirectories(workspace.resolve("s")), engine, sink);
        s.addGraphSpec(GraphReader.read(graph));
        return s;
    }

    private static final NodeAddress NODE_2 = NodeAddress.parse("node2:8000:5555:6666");
    private static final NodeAddress NODE_3 = NodeAddress.parse("node3:8000:5555:6666");

    private static Map<NodeAddress, List<DropRel>> onNode2(DropRel... rels) {
        return Map.of(NODE_2, List.of(rels));
    }

    private static DropEvent remote(DropEvent.Type type, String uid, DropState status) {
        return new DropEvent(type, "s", uid, uid, status, null, 0);
    }

    @Test
    void deliverRemote_beforeDeploy_isKeptAndReplayed() throws IOException {
        Session s = session(B_AND_C);
        s.addSubscriptions(onNode2(new DropRel("B", 0, "A")));
        s.deliverRemote(remote(DropEvent.Type.DROP_COMPLETED, "A", DropState.COMPLETED));

        s.deploy(List.of());

        await().atMost(Duration.ofSeconds(20)).until(() -> s.state() == SessionState.FINISHED);
    }

    @Test
    void deliverRemote_unrelatedOrNonSettlingEvents_areNotKept() throws IOException {
        Session s = session(B_AND_C);
        s.addSubscriptions(onNode2(new DropRel("B", 0, "A")));
        s.deliverRemote(remote(DropEvent.Type.DROP_COMPLETED, "Z", DropState.COMPLETED));
        s.deliverRemote(remote(DropEvent.Type.STATUS, "A", DropState.COMPLETED));

        s.deploy(List.of());

        assertThat(s.state()).isEqualTo(SessionState.RUNNING); // still waiting for A
        s.deliverRemote(remote(DropEvent.Type.DROP_COMPLETED, "A", DropState.ERROR));
        await().atMost(Duration.ofSeconds(20)).until(() -> s.state() == SessionState.FAILED);
    }

    @Test
    void publishing_crossNodeSession_sendsPeersWhatTheyWaitFor_only() throws IOException {
        Session s = session("""
                [{"oid": "A", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP"},
                 {"oid": "L", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP"}]""");
        s.addSubscriptions(onNode2(new DropRel("B", 0, "A"))); // B, elsewhere, consumes A

        s.deploy(List.of("A", "L"));

        await().atMost(Duration.ofSeconds(20)).until(() -> s.state() == SessionState.FINISHED);
        assertThat(published).containsExactly("peers:dropCompleted:A"); // L: no other node waits for it
    }

    @Test
    void publishing_localSession_mayBeSkipped() throws IOException {
        Session s = session("""
                [{"oid": "L", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP"}]""");
        s.deploy(List.of("L"));
        await().atMost(Duration.ofSeconds(20)).until(() -> s.state() == SessionState.FINISHED);
        assertThat(published).containsExactly("local:dropCompleted:L");
    }

    @Test
    void publishing_localSession_nobodyListening_publishesNothing() throws IOException {
        listening = false;
        Session s = session(B_AND_C);
        s.deploy(List.of("B"));
        await().atMost(Duration.ofSeconds(20)).until(() -> s.state() == SessionState.FINISHED);
        assertThat(published).isEmpty();
    }

    @Test
    void publishing_crossNodeSession_nobodyListeningYet_stillSendsPeersWhatTheyWaitFor() throws IOException {
        listening = false; // the subscriber count lags a peer's connection: peers' events never wait for it
        Session s = session(B_AND_C);
        s.addSubscriptions(onNode2(new DropRel("D", 0, "C"))); // D, elsewhere, consumes C

        s.deploy(List.of("B"));

        await().atMost(Duration.ofSeconds(20)).until(() -> s.state() == SessionState.FINISHED);
        assertThat(published).containsExactly("peers:dropCompleted:C");
    }

    @Test
    void addSubscriptions_tripleNotInThisGraph_isRefusedAndNothingAdded() throws IOException {
        Session s = session(B_AND_C);
        assertThatThrownBy(() -> s.addSubscriptions(onNode2(new DropRel("B", 0, "A"), new DropRel("X", 0, "Y"))))
                .isInstanceOf(InvalidGraphException.class).hasMessageContaining("X");
        s.deploy(List.of("B")); // no remote input was added: B runs when triggered
        await().atMost(Duration.ofSeconds(20)).until(() -> s.state() == SessionState.FINISHED);
    }

    @Test
    void addSubscriptions_afterDeploy_isRefused() throws IOException {
        Session s = session(B_AND_C);
        s.deploy(List.of());
        assertThatThrownBy(() -> s.addSubscriptions(onNode2(new DropRel("B", 0, "A"))))
                .isInstanceOf(InvalidSessionState.class);
    }

    @Test
    void dataNodeOf_remoteInput_isTheNodeItsSubscriptionCameWith() throws IOException {
        Session s = session(B_AND_C);

        s.addSubscriptions(Map.of(NODE_2, List.of(new DropRel("B", 0, "A"), new DropRel("A", 5, "B"))));

        assertThat(s.dataNodeOf("A")).contains(NODE_2);
        assertThat(s.dataNodeOf("B")).as("local drops are read here").isEmpty();
        assertThat(s.dataNodeOf("Z")).isEmpty();
    }

    @Test
    void dataNodeOf_remoteConsumerOrProducer_isNotRecorded() throws IOException {
        Session s = session("""
                [{"oid": "D", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP"}]""");

        s.addSubscriptions(Map.of(NODE_2, List.of(new DropRel("R", 0, "D"), new DropRel("P", 2, "D"))));

        assertThat(s.dataNodeOf("R")).isEmpty();
        assertThat(s.dataNodeOf("P")).isEmpty();
    }

    private static final String D = """
            [{"oid": "D", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP"}]""";

    @Test
    void dataNodeOf_localDataWrittenByARemoteApp_isThatAppsNode() throws IOException {
        Session s = session(D);

        s.addSubscriptions(Map.of(NODE_2, List.of(new DropRel("P", 2, "D"), new DropRel("D", 7, "P"))));

        assertThat(s.dataNodeOf("D")).as("where P wrote its stand-in of D").contains(NODE_2);
    }

    @Test
    void addSubscriptions_localDataWrittenByAppsOfTwoNodes_isRefusedNamingBoth() throws IOException {
        Session s = session(D);
        s.addSubscriptions(onNode2(new DropRel("P", 2, "D")));

        assertThatThrownBy(() -> s.addSubscriptions(Map.of(NODE_3, List.of(new DropRel("Q", 2, "D")))))
                .isInstanceOf(InvalidGraphException.class)
                .hasMessageContaining("'D'").hasMessageContaining(NODE_2.toString())
                .hasMessageContaining(NODE_3.toString()).hasMessageContaining("place the drop with its producers");
        assertThat(s.dataNodeOf("D")).contains(NODE_2);
    }

    @Test
    void addSubscriptions_remoteInputUnderTwoNodes_isRefusedAndNothingAdded() throws IOException {
        Session s = session(B_AND_C);
        s.addSubscriptions(onNode2(new DropRel("B", 0, "A")));

        assertThatThrownBy(() -> s.addSubscriptions(Map.of(NODE_3, List.of(new DropRel("A", 5, "B")))))
                .isInstanceOf(InvalidGraphException.class)
                .hasMessageContaining("A").hasMessageContaining(NODE_2.toString()).hasMessageContaining(NODE_3.toString());
        assertThat(s.dataNodeOf("A")).contains(NODE_2);
    }

    // ---- A node lost ----

    private static final String SILENT = "no heartbeat on its drop events connection tcp://10.0.0.2:5555 for 10 s";

    @Test
    void peerLost_whileAnAppWaitsForItsDrop_sessionFailsNamingTheNode() throws IOException {
        Session s = session(B_AND_C);
        s.addSubscriptions(onNode2(new DropRel("B", 0, "A")));
        s.deploy(List.of());

        assertThat(s.peerLost("node2", 5555, SILENT)).isEqualTo(1);

        await().atMost(Duration.ofSeconds(20)).until(() -> s.state() == SessionState.FAILED);
        String cause = "node node2:8000:5555:6666 stopped answering: " + SILENT;
        assertThat(s.failure()).contains(cause);
        assertThat(s.execution().orElseThrow().failures(10)).extracting(f -> f.oid() + ": " + f.error())
                .containsExactlyInAnyOrder("B: 1 of 1 inputs failed (input_error_threshold 0%): " + cause,
                        "C: a producer failed");
    }

    @Test
    void peerLost_beforeDeploy_failsTheLinksOnceTheDropsExist() throws IOException {
        Session s = session(B_AND_C);
        s.addSubscriptions(onNode2(new DropRel("B", 0, "A")));

        assertThat(s.peerLost("node2", 5555, SILENT)).isEqualTo(1);
        s.deploy(List.of());

        await().atMost(Duration.ofSeconds(20)).until(() -> s.state() == SessionState.FAILED);
        assertThat(s.failure()).hasValueSatisfying(f -> assertThat(f).startsWith("node node2:8000:5555:6666 stopped"));
    }

    @Test
    void peerLost_anotherNodeOrAnotherPort_changesNothing() throws IOException {
        Session s = session(B_AND_C);
        s.addSubscriptions(onNode2(new DropRel("B", 0, "A")));
        s.deploy(List.of());

        assertThat(s.peerLost("node3", 5555, SILENT)).isZero();
        assertThat(s.peerLost("node2", 5556, SILENT)).isZero();

        s.deliverRemote(remote(DropEvent.Type.DROP_COMPLETED, "A", DropState.COMPLETED));
        await().atMost(Duration.ofSeconds(20)).until(() -> s.state() == SessionState.FINISHED);
        assertThat(s.failure()).isEmpty();
    }

    @Test
    void peerLost_afterItsDropsSettled_leavesTheSessionAlone() throws IOException {
        Session s = session(B_AND_C);
        s.addSubscriptions(onNode2(new DropRel("B", 0, "A")));
        s.deploy(List.of());
        s.deliverRemote(remote(DropEvent.Type.DROP_COMPLETED, "A", DropState.COMPLETED));
        await().atMost(Duration.ofSeconds(20)).until(() -> s.state() == SessionState.FINISHED);

        assertThat(s.peerLost("node2", 5555, SILENT)).isZero();

        assertThat(s.state()).isEqualTo(SessionState.FINISHED);
        assertThat(s.failure()).isEmpty();
    }
}
