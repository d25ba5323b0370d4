package dlg.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dlg.core.error.RestClientException;
import dlg.manager.NodeAddress;
import dlg.manager.auth.Access;
import dlg.manager.auth.ClusterSecret;
import dlg.manager.auth.TestCertificates;
import dlg.manager.composite.CompositeManager;
import dlg.manager.service.CompositeManagerService;
import dlg.manager.service.NodeManagerService;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelfRequestsTest {

    @TempDir
    Path root;

    @Test
    void aWildcardOrNamedLoopbackIsReachedOnLoopback_otherHostsAsThey_are() {
        assertThat(SelfRequests.Target.base("0.0.0.0", 8001)).isEqualTo(URI.create("http://127.0.0.1:8001"));
        assertThat(SelfRequests.Target.base("localhost", 8001)).isEqualTo(URI.create("http://127.0.0.1:8001"));
        assertThat(SelfRequests.Target.base("::", 8001)).isEqualTo(URI.create("http://[::1]:8001"));
        assertThat(SelfRequests.Target.base("fe80::1", 8001)).isEqualTo(URI.create("http://[fe80::1]:8001"));
        assertThat(SelfRequests.Target.base("node7.cluster", 8001)).isEqualTo(URI.create("http://node7.cluster:8001"));
    }

    @Test
    void overHttps_thereAreNone() {
        Access https = new Access(null, TestCertificates.selfSigned(root, "tls", "EC"));

        assertThat(SelfRequests.Target.of("localhost", 8001, https)).isNull();
    }

    @Test
    void aRoundsRequests_leaveTheManagersAsTheyWere() throws IOException {
        try (NodeManagerService nm = NodeManagerService.start(NodeManagerService.Config.local(root.resolve("nm")));
             CompositeManagerService dim = CompositeManagerService.start(CompositeManagerService.Config.local(
                     CompositeManager.Kind.DATA_ISLAND, List.of(nm.nodeAddress())))) {
            for (int port : new int[] {nm.restPort(), dim.restPort()}) {
                SelfRequests self = new SelfRequests(SelfRequests.Target.of("localhost", port, Access.OPEN));
                for (int round = 0; round < 20; round++) {
                    self.step().run();
                }
            }

            assertThat(nm.nodeManager().allSessions()).isEmpty();
            assertThat(dim.manager().allSessions()).isEmpty();
        }
    }

    @Test
    void aCompositesRehearsal_sendsEachPartToItsOwnPort_asToASubManager_changingNothing() throws IOException {
        try (NodeManagerService nm = NodeManagerService.start(NodeManagerService.Config.local(root.resolve("nm")));
             CompositeManagerService dim = CompositeManagerService.start(CompositeManagerService.Config.local(
                     CompositeManager.Kind.DATA_ISLAND, List.of(nm.nodeAddress())))) {
            NodeAddress self = SelfRequests.Target.of("localhost", dim.restPort(), Access.OPEN).node();
            WarmUp.Rehearsal rehearsal = WarmUp.rehearsal(dim.manager(), self);
            for (byte[] graph : WarmUp.graphs(new String[] {nm.nodeAddress().toString()})) {
                rehearsal.append(graph);
                rehearsal.append(graph);
            }

            assertThat(dim.manager().allSessions()).isEmpty();
            assertThat(nm.nodeManager().allSessions()).isEmpty();
            assertThat(dim.manager().subManagers()).containsExactly(nm.nodeAddress());
        }
    }

    @Test
    void aCompositesRehearsal_failsWhenItsOwnPortAnswersAnythingButNoSuchSession() {
        try (NodeManagerService nm = NodeManagerService.start(NodeManagerService.Config.local(root.resolve("nm")))) {
            // a NodeManager's REST port would answer "no such session" as the DIM's own does; its data port speaks no HTTP
            NodeAddress notAManager = new NodeAddress("127.0.0.1", nm.nodeAddress().rpcPort(), 0, 0);
            CompositeManager cm = new CompositeManager(CompositeManager.Kind.DATA_ISLAND, List.of(nm.nodeAddress()),
                    n -> new dlg.manager.client.RestDropManagerClient(n.host(), n.restPort()));
            byte[] graph = WarmUp.graphs(new String[] {nm.nodeAddress().toString()}).getFirst();

            assertThatThrownBy(() -> WarmUp.rehearsal(cm, notAManager).append(graph))
                    .isInstanceOf(RestClientException.class)
                    .hasMessageContaining(String.valueOf(nm.nodeAddress().rpcPort()));
        }
    }

    @Test
    void withTheClustersSecret_theyShowIt_andAnAnswerOtherThanExpectedFailsTheStep() throws IOException {
        ClusterSecret secret = ClusterSecret.generate();
        Access guarded = new Access(secret, null);
        try (NodeManagerService nm = NodeManagerService.start(NodeManagerService.Config.local(root.resolve("nm"))
                .withAccess(guarded))) {
            new SelfRequests(SelfRequests.Target.of("localhost", nm.restPort(), guarded)).step().run();

            SelfRequests stranger = new SelfRequests(SelfRequests.Target.of("localhost", nm.restPort(), Access.OPEN));
            assertThatThrownBy(() -> stranger.step().run())
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("POST http://127.0.0.1:" + nm.restPort() + "/api/sessions/dlg-warm-up-")
                    .hasMessageEndingWith("answered 401, not 404");
        }
    }
}
