package dlg.manager.composite;

import static dlg.manager.composite.TestGraphs.N1;
import static dlg.manager.composite.TestGraphs.N2;
import static dlg.manager.composite.TestGraphs.daliugeExample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dlg.core.error.InvalidGraphException;
import dlg.core.error.NoDropException;
import dlg.core.error.RestClientException;
import dlg.core.error.SubManagerException;
import dlg.core.graph.RawJson;
import dlg.manager.NodeAddress;
import dlg.manager.SubManager;
import dlg.manager.SubManager.Query;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The CompositeManager over {@link TestingDropManager}s: what it asks of which sub-manager, in
 * which order, and how it reports a sub-manager's failure. No process, no socket.
 */
class CompositeManagerTest {

    /** Every call of every fake, as "node call [details]", in the order they came. */
    private final List<String> journal = Collections.synchronizedList(new ArrayList<>());
    private final Map<NodeAddress, SubManager> nodes = new LinkedHashMap<>();

    private CompositeManager manager() {
        return new CompositeManager(CompositeManager.Kind.DATA_ISLAND, List.copyOf(nodes.keySet()), nodes::get);
    }

    /** A sub-manager that journals what it is asked to do, adjusted by {@code more}. */
    private TestingDropManager.Builder journaling(NodeAddress node) {
        String n = node.host();
        return TestingDropManager.builder()
                .onCreateSession(id -> journal.add(n + " create " + id))
                .onDestroySession(id -> journal.add(n + " destroy " + id))
                .onAddGraphSpec((id, g) -> journal.add(n + " append " + g.drops().size()))
                .onSubscriptions((id, rels) -> journal.add(n + " subscriptions " + rels.keySet()))
                .onDeploy((id, uids) -> journal.add(n + " deploy"))
                .onTrigger((id, uids) -> journal.add(n + " trigger " + uids))
                .onCancel(id -> journal.add(n + " cancel " + id));
    }

    private static RestClientException refusal(NodeAddress node) {
        return new RestClientException(node.host() + ": cannot connect: connection refused");
    }

    private static List<String> phases(List<String> calls) {
        return calls.stream().map(c -> c.split(" ")[1]).distinct().toList();
    }

    // ---- Deploy ----

    @Test
    void deploySession_crossNodeGraph_subscriptionsThenDeployThenTriggersOnTheRootsNode() {
        nodes.put(N1, journaling(N1).build());
        nodes.put(N2, journaling(N2).build());
        CompositeManager cm = manager();
        cm.createSession("s");
        cm.addGraphSpec("s", daliugeExample());
        journal.clear();

        cm.deploySession("s", List.of("A"));

        assertThat(phases(journal)).containsExactly("subscriptions", "deploy", "trigger");
        assertThat(journal.stream().filter(c -> c.contains("subscriptions"))).hasSize(2); // A -> B and B -> C cross
        assertThat(journal.stream().filter(c -> c.endsWith("deploy"))).containsExactlyInAnyOrder("n1 deploy", "n2 deploy");
        assertThat(journal.stream().filter(c -> c.contains("trigger"))).containsExactly("n1 trigger [A]");
        assertThat(cm.session("s").isDeployed()).isTrue();
    }

    @Test
    void deploySession_subscriptionsRefusedByOneNode_nothingDeployedAndTheNodeNamed() {
        nodes.put(N1, journaling(N1).build());
        nodes.put(N2, journaling(N2).onSubscriptions((id, rels) -> {
            throw refusal(N2);
        }).build());
        CompositeManager cm = manager();
        cm.createSession("s");
        cm.addGraphSpec("s", daliugeExample());
        journal.clear();

        var e = catchThrowableOfType(SubManagerException.class, () -> cm.deploySession("s", List.of("A")));

        assertThat(e.failures()).containsOnlyKeys(N2.toString());
        assertThat(e).hasMessageContaining(N2.toString()).hasMessageContaining("connection refused");
        assertThat(phases(journal)).containsExactly("subscriptions");
        assertThat(cm.session("s").isDeployed()).isFalse();
    }

    @Test
    void deploySession_deployFailsOnOneNode_noTriggers_theOthersCancelled_andTheNodeNamed() {
        nodes.put(N1, journaling(N1).build());
        nodes.put(N2, journaling(N2).onDeploy((id, uids) -> {
            throw refusal(N2);
        }).build());
        CompositeManager cm = manager();
        cm.createSession("s");
        cm.addGraphSpec("s", daliugeExample());
        journal.clear();

        var e = catchThrowableOfType(SubManagerException.class, () -> cm.deploySession("s", List.of("A")));

        assertThat(e.failures()).containsOnlyKeys(N2.toString());
        assertThat(phases(journal)).containsExactly("subscriptions", "deploy", "cancel");
        assertThat(journal).contains("n1 deploy").contains("n1 cancel s").doesNotContain("n2 cancel s");
        assertThat(cm.session("s").lost()).containsOnlyKeys(N2.toString());
        assertThat(cm.session("s").lost().get(N2.toString())).contains("deploy failed on " + N2);
    }

    @Test
    void deploySession_triggerFailsOnOneNode_theSessionIsCancelledOnTheOthers() {
        nodes.put(N1, journaling(N1).onTrigger((id, uids) -> {
            throw refusal(N1);
        }).build());
        nodes.put(N2, journaling(N2).build());
        CompositeManager cm = manager();
        cm.createSession("s");
        cm.addGraphSpec("s", daliugeExample());
        journal.clear();

        var e = catchThrowableOfType(SubManagerException.class, () -> cm.deploySession("s", List.of("A")));

        assertThat(e.failures()).containsOnlyKeys(N1.toString());
        assertThat(journal).contains("n2 cancel s").doesNotContain("n1 cancel s");
        assertThat(cm.session("s").problems()).containsOnlyKeys(N1.toString());
    }

    @Test
    void deploySession_completedUidOfNoDrop_refusedBeforeAnythingIsSent() {
        nodes.put(N1, journaling(N1).build());
        nodes.put(N2, journaling(N2).build());
        CompositeManager cm = manager();
        cm.createSession("s");
        cm.addGraphSpec("s", daliugeExample());
        journal.clear();

        assertThatThrownBy(() -> cm.deploySession("s", List.of("A", "nope")))
                .isInstanceOf(InvalidGraphException.class).hasMessageContaining("nope");
        assertThat(journal).isEmpty();
    }

    // ---- Create and append ----

    @Test
    void addGraphSpec_oneNodeRefusesItsPart_theNodeNamedAndTheOtherPartSent() {
        nodes.put(N1, journaling(N1).build());
        nodes.put(N2, journaling(N2).onAddGraphSpec((id, g) -> {
            throw refusal(N2);
        }).build());
        CompositeManager cm = manager();
        cm.createSession("s");
        journal.clear();

        var e = catchThrowableOfType(SubManagerException.class, () -> cm.addGraphSpec("s", daliugeExample()));

        assertThat(e.failures()).containsOnlyKeys(N2.toString());
        assertThat(journal).containsExactly("n1 append 2");
    }

    @Test
    void createSession_oneNodeFails_undoneOnTheOthersAndTheNodeNamed() {
        nodes.put(N1, journaling(N1).build());
        nodes.put(N2, journaling(N2).onCreateSession(id -> {
            throw refusal(N2);
        }).build());
        CompositeManager cm = manager();

        var e = catchThrowableOfType(SubManagerException.class, () -> cm.createSession("s"));

        assertThat(e.failures()).containsOnlyKeys(N2.toString());
        assertThat(journal).contains("n1 create s", "n1 destroy s");
        assertThat(cm.allSessions()).isEmpty();
    }

    // ---- Questions ----

    @Test
    void sessionStatus_oneNodeFails_itsStatusIsFailedAndTheSessionSaysWhy() {
        nodes.put(N1, TestingDropManager.builder().onAsk((q, args) -> new RawJson("3")).build());
        nodes.put(N2, TestingDropManager.builder().onAsk((q, args) -> {
            throw refusal(N2);
        }).build());
        CompositeManager cm = manager();
        cm.createSession("s");

        Map<String, Object> status = cm.sessionStatus("s");

        assertThat(status).containsExactly(Map.entry(N1.toString(), 3), Map.entry(N2.toString(), 6));
        assertThat(cm.session("s").problems()).containsOnlyKeys(N2.toString());
        assertThat(cm.session("s").problems().get(N2.toString())).contains("connection refused");
    }

    @Test
    void sessionList_oneNodeFails_failedUnderItsNameAndTheOthersSizesSummed() {
        nodes.put(N1, TestingDropManager.builder().onAsk((q, args) -> new RawJson(
                "[{\"sessionId\": \"s\", \"status\": 3, \"size\": 2}]")).build());
        nodes.put(N2, TestingDropManager.builder().onAsk((q, args) -> {
            throw refusal(N2);
        }).build());
        CompositeManager cm = manager();
        cm.createSession("s");

        List<CompositeManager.Listing> list = cm.sessionList();

        assertThat(list).singleElement().satisfies(l -> {
            assertThat(l.sessionId()).isEqualTo("s");
            assertThat(l.status()).containsOnly(Map.entry(N1.toString(), 3), Map.entry(N2.toString(), 6));
            assertThat(l.size()).isEqualTo(2);
        });
    }

    @Test
    void dropStatus_onlyOneNodeHasTheDrop_itsAnswer() {
        nodes.put(N1, TestingDropManager.builder().onAsk((q, args) -> {
            throw new NoDropException(args[0], args[1]);
        }).build());
        nodes.put(N2, TestingDropManager.builder().onAsk((q, args) -> {
            assertThat(q).isEqualTo(Query.DROP_STATUS);
            return new RawJson("{\"oid\": \"" + args[1] + "\", \"logs\": []}");
        }).build());
        CompositeManager cm = manager();
        cm.createSession("s");

        assertThat(cm.dropStatus("s", "B").json()).isEqualTo("{\"oid\": \"B\", \"logs\": []}");
    }

    @Test
    void dropStatus_noNodeHasTheDrop_noDropException() {
        nodes.put(N1, TestingDropManager.builder().onAsk((q, args) -> {
            throw new NoDropException(args[0], args[1]);
        }).build());
        nodes.put(N2, TestingDropManager.builder().onAsk((q, args) -> {
            throw new NoDropException(args[0], args[1]);
        }).build());
        CompositeManager cm = manager();
        cm.createSession("s");

        assertThatThrownBy(() -> cm.dropStatus("s", "Z")).isInstanceOf(NoDropException.class);
    }

    @Test
    void dropStatus_theOtherNodeIsDown_theDownNodeNamedNotNoDrop() {
        nodes.put(N1, TestingDropManager.builder().onAsk((q, args) -> {
            throw new NoDropException(args[0], args[1]);
        }).build());
        nodes.put(N2, TestingDropManager.builder().onAsk((q, args) -> {
            throw refusal(N2);
        }).build());
        CompositeManager cm = manager();
        cm.createSession("s");

        var e = catchThrowableOfType(SubManagerException.class, () -> cm.dropStatus("s", "B"));

        assertThat(e.failures()).containsOnlyKeys(N2.toString()); // n1 answered: not there
    }

    @Test
    void askNode_nodeOfNeitherTheManagerNorTheSession_refused() {
        nodes.put(N1, TestingDropManager.builder().onAsk((q, args) -> new RawJson("[]")).build());
        CompositeManager cm = manager();

        assertThat(cm.askNode(N1, Query.SESSIONS).json()).isEqualTo("[]");
        assertThatThrownBy(() -> cm.askNode(N2, Query.SESSIONS))
                .isInstanceOf(dlg.core.error.InvalidRequestException.class).hasMessageContaining(N2.toString());
    }

    @Test
    void ask_wrongNumberOfArguments_illegalArgument() {
        nodes.put(N1, TestingDropManager.builder().build());
        CompositeManager cm = manager();
        cm.createSession("s");

        assertThatThrownBy(() -> cm.ask("s", Query.DROP_STATUS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DROP_STATUS takes 2");
    }
}
