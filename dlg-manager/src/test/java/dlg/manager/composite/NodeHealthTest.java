package dlg.manager.composite;

import static dlg.manager.composite.TestGraphs.N1;
import static dlg.manager.composite.TestGraphs.N2;
import static dlg.manager.composite.TestGraphs.daliugeExample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dlg.core.error.NoDropException;
import dlg.core.error.RestClientException;
import dlg.core.error.SubManagerException;
import dlg.core.graph.RawJson;
import dlg.manager.NodeAddress;
import dlg.manager.SubManager;
import dlg.manager.SubManager.Query;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The composite's heartbeat over {@link TestingDropManager}s, on a fake clock with the calls run
 * in place: a silent node is down after the check timeout, a session running on it fails naming
 * it, a session that had ended keeps its final answers without asking the node again, and a node
 * that answers again is up.
 */
class NodeHealthTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final AtomicLong now = new AtomicLong();
    private final Map<NodeAddress, SubManager> nodes = new LinkedHashMap<>();
    /** Nodes that neither answer nor refuse quickly: here, they fail each call. */
    private final Map<String, Boolean> dead = new ConcurrentHashMap<>();
    /** Each node's status code of session "s". */
    private final Map<String, Integer> status = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> questions = new ConcurrentHashMap<>();
    private final List<String> dataAsked = new CopyOnWriteArrayList<>();

    private SubManager node(NodeAddress address) {
        String n = address.toString();
        status.put(n, 3);
        questions.put(n, new AtomicInteger());
        return TestingDropManager.builder().onDropData((id, oid) -> {
            dataAsked.add(n);
            throw new NoDropException(id, oid);
        }).onSessionLog(id -> {
            throw new RestClientException(address.host() + ": no log");
        }).onAsk((q, args) -> {
            if (dead.containsKey(n)) {
                throw new RestClientException(address.host() + ": cannot connect: connection refused");
            }
            if (q != Query.SESSIONS) {
                questions.get(n).incrementAndGet();
            }
            return switch (q) {
                case SESSIONS -> new RawJson("[{\"sessionId\": \"s\", \"status\": " + status.get(n) + ", \"size\": 2}]");
                case SESSION_STATUS -> new RawJson(Integer.toString(status.get(n)));
                case UI_SESSION -> new RawJson("{\"node\": \"" + address.host() + "\", \"status\": " + status.get(n) + "}");
                case GRAPH_STATUS -> new RawJson("{\"" + address.host() + "-drop\": {\"status\": 2}}");
                default -> throw new AssertionError("not asked in these tests: " + q);
            };
        }).build();
    }

    private CompositeManager deployed() {
        return deployed(Runnable::run);
    }

    private CompositeManager deployed(Executor executor) {
        nodes.put(N1, node(N1));
        nodes.put(N2, node(N2));
        CompositeManager cm = new CompositeManager(CompositeManager.Kind.DATA_ISLAND, List.copyOf(nodes.keySet()),
                nodes::get);
        cm.watchHealth(TIMEOUT, now::get, executor);
        cm.createSession("s");
        cm.addGraphSpec("s", daliugeExample());
        cm.deploySession("s", List.of("A"));
        cm.checkHealth();
        return cm;
    }

    /** Beats every second for {@code seconds}. */
    private void beat(CompositeManager cm, int seconds) {
        for (int i = 0; i < seconds; i++) {
            now.addAndGet(1000);
            cm.checkHealth();
        }
    }

    @Test
    void silentNode_isDownAfterTheCheckTimeout_andTheRunningSessionFailsNamingIt() {
        CompositeManager cm = deployed();
        dead.put(N2.toString(), true);

        beat(cm, 2);
        assertThat(cm.isDown(N2)).isFalse(); // silent for 2 s of 3
        assertThat(cm.session("s").lost()).isEmpty();
        beat(cm, 1);

        assertThat(cm.isDown(N2)).isTrue();
        assertThat(cm.isDown(N1)).isFalse();
        assertThat(cm.session("s").lost()).containsOnlyKeys(N2.toString());
        assertThat(cm.session("s").problems().get(N2.toString())).contains("node " + N2 + " lost").contains("no answer for");
        assertThat(cm.sessionStatus("s")).containsEntry(N1.toString(), 3).containsEntry(N2.toString(), 6);
        assertThat(cm.sessionList().getFirst().status()).containsEntry(N2.toString(), 6);
    }

    @Test
    void nodeWhoseQuestionIsStillPending_isNotDown_untilTheQuestionFails() {
        List<Runnable> pending = new ArrayList<>(); // the heartbeat's calls, run when the test says
        CompositeManager cm = deployed(pending::add);
        pending.forEach(Runnable::run);
        pending.clear();
        dead.put(N2.toString(), true);

        beat(cm, 5); // its question, sent at the first beat, has not come back (a busy node, a busy manager)
        assertThat(cm.isDown(N2)).isFalse();
        assertThat(cm.session("s").lost()).isEmpty();

        List.copyOf(pending).forEach(Runnable::run); // it fails
        beat(cm, 1);
        assertThat(cm.isDown(N2)).isTrue();
        assertThat(cm.session("s").lost()).containsOnlyKeys(N2.toString());
    }

    @Test
    void nodeBack_isUpForNewSessions_butTheSessionThatLostItStaysFailed() {
        CompositeManager cm = deployed();
        dead.put(N2.toString(), true);
        beat(cm, 3);
        assertThat(cm.isDown(N2)).isTrue();

        dead.remove(N2.toString());
        beat(cm, 1);

        assertThat(cm.isDown(N2)).isFalse();
        assertThat(cm.sessionStatus("s")).containsEntry(N2.toString(), 6);
        cm.createSession("t");
        assertThat(cm.session("t").subManagers()).contains(N2);
    }

    @Test
    void sessionEndedBeforeTheNodeWentDown_keepsItsFinalAnswers_andTheNodeIsNotAskedAgain() {
        CompositeManager cm = deployed();
        status.put(N1.toString(), 4);
        status.put(N2.toString(), 4);
        beat(cm, 1); // the heartbeat sees the parts end: their UI detail and graph status are kept
        assertThat(cm.sessionStatus("s")).containsEntry(N1.toString(), 4).containsEntry(N2.toString(), 4);
        dead.put(N2.toString(), true);
        beat(cm, 3);
        int asked = questions.get(N2.toString()).get();

        assertThat(cm.isDown(N2)).isTrue();
        assertThat(cm.session("s").lost()).isEmpty();
        assertThat(cm.sessionStatus("s")).containsEntry(N1.toString(), 4).containsEntry(N2.toString(), 4);
        assertThat(cm.sessionList().getFirst().status()).containsEntry(N2.toString(), 4);
        assertThat(cm.sessionList().getFirst().size()).isEqualTo(4);
        var details = cm.ask("s", Query.UI_SESSION);
        assertThat(details.failures()).isEmpty();
        assertThat(details.results().get(N2.toString()).json()).contains("\"status\": 4");
        assertThat(cm.ask("s", Query.GRAPH_STATUS).results().get(N2.toString()).json()).contains("n2-drop");
        assertThat(questions.get(N2.toString()).get()).isEqualTo(asked);
    }

    @Test
    void downNode_isNotAskedForADropsData_norForTheSessionsLog() {
        CompositeManager cm = deployed();
        dead.put(N2.toString(), true);
        beat(cm, 3);

        assertThatThrownBy(() -> cm.dropData("s", "B")).isInstanceOf(SubManagerException.class)
                .hasMessageContaining(N2.toString());
        var logs = cm.sessionLogs("s");
        assertThat(logs.failures().get(N2.toString())).hasMessageContaining("node " + N2 + " lost");
        assertThat(dataAsked).containsOnly(N1.toString()); // N1 was asked (it has no B), N2 was not
    }

    @Test
    void downNode_isNotWaitedFor_itsQuestionsFailAtOnceNamingIt() {
        CompositeManager cm = deployed();
        dead.put(N2.toString(), true);
        beat(cm, 3);
        dead.remove(N2.toString()); // it would answer now, but nothing has asked it since

        var replies = cm.ask("s", Query.GRAPH_STATUS);

        assertThat(replies.results()).containsOnlyKeys(N1.toString());
        assertThat(replies.failures().get(N2.toString())).hasMessageContaining("node " + N2 + " lost");
    }
}
