package dlg.manager;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dlg.core.error.SubscriptionFailedException;
import dlg.core.graph.GraphReader;
import dlg.core.state.SessionState;
import dlg.manager.auth.Access;
import dlg.manager.auth.ClusterSecret;
import dlg.manager.service.NodeManagerService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NodeManagers of a cluster with a secret: their drop events go over CURVE, so a node holding
 * the same secret runs a graph across them as an open cluster does, and a node with another
 * secret (or none) cannot subscribe to them.
 */
class NodeManagerCurveIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ClusterSecret SECRET = ClusterSecret.of("nm-curve-it-secret-0123456789", "test");

    @TempDir
    Path tmp;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    private NodeManagerService startNm(String name, ClusterSecret secret) {
        NodeManagerService nm = NodeManagerService.start(NodeManagerService.Config.local(tmp.resolve(name))
                .withAccess(Access.OPEN.withSecret(secret)));
        open.add(nm);
        return nm;
    }

    @Test
    void sameSecret_crossNodeGraph_runsToFinished() {
        NodeManagerService s1 = startNm("nm1", SECRET);
        NodeManagerService s2 = startNm("nm2", SECRET);
        NodeManager nm1 = s1.nodeManager();
        NodeManager nm2 = s2.nodeManager();
        // A (node 1) -> B (node 2) -> C (node 2): the link A-B crosses nodes (events only, no data read)
        nm1.createSession("x");
        nm2.createSession("x");
        nm1.addGraphSpec("x", GraphReader.read("""
                [{"oid": "A", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP"}]"""));
        nm2.addGraphSpec("x", GraphReader.read("""
                [{"oid": "B", "categoryType": "Application", "dropclass": "dlg.apps.simple.SleepApp", "outputs": ["C"]},
                 {"oid": "C", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP"}]"""));
        List<DropRel> rels = List.of(new DropRel("B", 0, "A"), new DropRel("A", 5, "B"));
        nm1.addNodeSubscriptions("x", Map.of(s2.nodeAddress().toString(), rels), Duration.ofSeconds(10));
        nm2.addNodeSubscriptions("x", Map.of(s1.nodeAddress().toString(), rels), Duration.ofSeconds(10));
        nm1.deploySession("x", List.of());
        nm2.deploySession("x", List.of());

        nm1.trigger("x", List.of("A"));

        await().atMost(WAIT).until(() -> nm2.sessionStatus("x") == SessionState.FINISHED);
        await().atMost(WAIT).until(() -> nm1.sessionStatus("x") == SessionState.FINISHED);
    }

    @Test
    void otherSecretOrNone_subscription_failsNamingTheRefusedHandshake() {
        NodeManagerService guarded = startNm("guarded", SECRET);
        NodeManagerService stranger = startNm("stranger", ClusterSecret.of("another-secret-0123456789abc", "test"));
        NodeManagerService openNode = startNm("open", null);
        List<DropRel> rels = List.of(new DropRel("B", 0, "A"));
        for (NodeManagerService s : List.of(stranger, openNode)) {
            s.nodeManager().createSession("y");
            s.nodeManager().addGraphSpec("y", GraphReader.read("""
                    [{"oid": "B", "categoryType": "Application", "dropclass": "dlg.apps.simple.SleepApp"}]"""));
        }

        assertThatThrownBy(() -> stranger.nodeManager().addNodeSubscriptions("y",
                Map.of(guarded.nodeAddress().toString(), rels), Duration.ofSeconds(10)))
                .isInstanceOf(SubscriptionFailedException.class)
                .hasMessageContaining("refused the handshake: ") // at once, or after 3 closed connections:
                .hasMessageContaining("it does not hold this cluster's secret"); // the cause is named either way
        assertThatThrownBy(() -> openNode.nodeManager().addNodeSubscriptions("y",
                Map.of(guarded.nodeAddress().toString(), rels), Duration.ofSeconds(10)))
                .isInstanceOf(SubscriptionFailedException.class)
                .hasMessageContaining("refused the handshake: ")
                .hasMessageContaining("it demands the cluster's secret");
    }
}
