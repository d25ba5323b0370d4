package dlg.manager;

import dlg.core.error.SubscriptionFailedException;
import dlg.manager.auth.Access;
import dlg.manager.auth.ClusterSecret;
import dlg.manager.service.NodeManagerService;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dlg.core.graph.GraphReader;
import dlg.core.runtime.DropEvent;
import dlg.core.runtime.DropStatus;
import dlg.core.runtime.Execution;
import dlg.core.state.DropState;
import dlg.core.state.SessionState;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real NodeManagers in one JVM: an app on one reads its input held by the other through the
 * data port, as a DataIslandManager deploys it (both nodes get the cross-node links).
 */
class NodeManagerDataIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    /** The consumer side on node 2: {@code copy} reads A (node 1) into C. */
    private static final String COPY_TO_C = """
            [{"oid": "copy", "categoryType": "Application", "dropclass": "dlg.apps.simple.CopyApp", "outputs": ["C"]},
             {"oid": "C", "categoryType": "Data", "dropclass": "dlg.data.drops.%s"%s}]""";

    private static final List<DropRel> A_TO_COPY = List.of(new DropRel("copy", 0, "A"), new DropRel("A", 5, "copy"));

    @TempDir
    Path tmp;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    private NodeManagerService startNm(String name, Access access) {
        NodeManagerService nm = NodeManagerService.start(NodeManagerService.Config.local(tmp.resolve(name))
                .withAccess(access));
        open.add(nm);
        return nm;
    }

    /** Content too big to travel with its drop's event ({@link DropEvent#INLINED_MAX}): read through the data port. */
    private static final String OVER_THE_EVENTS_LIMIT = "y".repeat(DropEvent.INLINED_MAX + 1);

    private static String node(NodeManagerService s, int rpcPort) {
        return "127.0.0.1:" + s.restPort() + ":" + s.eventPort() + ":" + rpcPort;
    }

    /** Deploys {@code a} on node 1 and {@code copyToC} on node 2, linked A -> copy, and triggers A. */
    private NodeManager run(String sid, String a, String copyToC, boolean reachableRpc) throws IOException {
        return run(sid, a, copyToC, reachableRpc, Access.OPEN, Access.OPEN);
    }

    /** As above, node 1 (the producer's) with {@code access1}, node 2 (the consumer's) with {@code access2}. */
    private NodeManager run(String sid, String a, String copyToC, boolean reachableRpc, Access access1,
                            Access access2) throws IOException {
        NodeManagerService s1 = startNm("nm1-" + sid, access1);
        NodeManagerService s2 = startNm("nm2-" + sid, access2);
        NodeManager nm1 = s1.nodeManager();
        NodeManager nm2 = s2.nodeManager();
        nm1.createSession(sid);
        nm2.createSession(sid);
        nm1.addGraphSpec(sid, GraphReader.read(a));
        nm2.addGraphSpec(sid, GraphReader.read(copyToC));
        nm1.addNodeSubscriptions(sid, Map.of(node(s2, s2.rpcPort()), A_TO_COPY), Duration.ofSeconds(5));
        nm2.addNodeSubscriptions(sid, Map.of(node(s1, reachableRpc ? s1.rpcPort() : closedPort()), A_TO_COPY),
                Duration.ofSeconds(5));
        // connected is not yet subscribed (ZeroMQ's slow joiner): an event published before node 1 took in
        // the subscription reaches node 2 only as a retained one, without its content
        await().atMost(WAIT).until(() -> s1.eventJoins() >= 1);
        nm2.deploySession(sid, List.of());
        nm1.deploySession(sid, List.of("A"));
        await().atMost(WAIT).until(() -> nm2.sessionStatus(sid).isTerminal());
        await().atMost(WAIT).until(() -> nm1.sessionStatus(sid) == SessionState.FINISHED);
        return nm2;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static Execution execution(NodeManager nm, String sid) {
        return nm.session(sid).execution().orElseThrow();
    }

    private static DropStatus status(NodeManager nm, String sid, String oid) {
        Execution ex = execution(nm, sid);
        return ex.status(ex.indexOf(oid));
    }

    @Test
    void crossNode_inMemoryInput_isCopiedOnTheOtherNode() throws IOException {
        NodeManager nm2 = run("mem", """
                [{"oid": "A", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP",
                  "pydata": "held by node 1, read by node 2"}]""", COPY_TO_C.formatted("memory.InMemoryDROP", ""), true);

        assertThat(nm2.sessionStatus("mem")).isEqualTo(SessionState.FINISHED);
        Execution ex = execution(nm2, "mem");
        assertThat(ex.data(ex.indexOf("C")).orElseThrow().readAll()).asString(UTF_8)
                .isEqualTo("held by node 1, read by node 2");
    }

    @Test
    void crossNode_fileInputOfSomeMegabytes_isCopiedByteForByte() throws IOException {
        byte[] content = new byte[5 << 20];
        new Random(42).nextBytes(content);
        Path a = Files.write(tmp.resolve("a.bin"), content);
        Path c = tmp.resolve("c.bin");

        NodeManager nm2 = run("file", """
                [{"oid": "A", "categoryType": "Data", "dropclass": "dlg.data.drops.file.FileDROP", "filepath": "%s"}]"""
                .formatted(a), COPY_TO_C.formatted("file.FileDROP", ", \"filepath\": \"" + c + "\""), true);

        assertThat(nm2.sessionStatus("file")).isEqualTo(SessionState.FINISHED);
        assertThat(Files.mismatch(a, c)).as("first differing byte").isEqualTo(-1);
    }

    @Test
    void crossNode_shellCommandNamingTheInput_readsALocalCopyOfIt() throws IOException {
        Path c = tmp.resolve("c.txt");
        String shell = """
                [{"oid": "copy", "categoryType": "Application", "dropclass": "dlg.apps.bash_shell_app.BashShellApp",
                  "command": "wc -c < {A} > {C}; cat %%i0 >> {C}", "outputs": ["C"]},
                 {"oid": "C", "categoryType": "Data", "dropclass": "dlg.data.drops.file.FileDROP", "filepath": "%s"}]"""
                .formatted(c);
        NodeManager nm2 = run("shell", """
                [{"oid": "A", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP",
                  "pydata": "held by node 1"}]""", shell, true);

        assertThat(nm2.sessionStatus("shell")).isEqualTo(SessionState.FINISHED);
        assertThat(Files.readString(c)).isEqualTo("14\nheld by node 1");
    }

    @Test
    void crossNode_bothNodesWithTheSameSecret_inputIsCopied() throws IOException {
        Access secret = Access.OPEN.withSecret(ClusterSecret.of("cluster-secret-of-this-test", "test"));
        NodeManager nm2 = run("same", """
                [{"oid": "A", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP",
                  "pydata": "%s"}]""".formatted(OVER_THE_EVENTS_LIMIT), COPY_TO_C.formatted("memory.InMemoryDROP", ""),
                true, secret, secret);

        assertThat(nm2.sessionStatus("same")).isEqualTo(SessionState.FINISHED);
        Execution ex = execution(nm2, "same");
        assertThat(ex.data(ex.indexOf("C")).orElseThrow().readAll()).asString(UTF_8).isEqualTo(OVER_THE_EVENTS_LIMIT);
    }

    // Nodes of different clusters (or of none) never get as far as reading each other's data: their event
    // ports refuse the subscription first (CURVE). The data port's own refusals are DataPortSecretTest's.
    @Test
    void crossNode_nodesWithDifferentSecrets_subscriptionRefusedNamingTheSecret() {
        assertThatThrownBy(() -> run("diff", """
                [{"oid": "A", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP", "pydata": "x"}]""",
                COPY_TO_C.formatted("memory.InMemoryDROP", ""), true,
                Access.OPEN.withSecret(ClusterSecret.of("secret-of-the-first-node", "test")),
                Access.OPEN.withSecret(ClusterSecret.of("secret-of-the-second-node", "test"))))
                .isInstanceOf(SubscriptionFailedException.class)
                .hasMessageContaining("refused the handshake: it does not hold this cluster's secret");
    }

    @Test
    void crossNode_onlyTheProducersNodeWithASecret_subscriptionRefused() {
        assertThatThrownBy(() -> run("none", """
                [{"oid": "A", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP", "pydata": "x"}]""",
                COPY_TO_C.formatted("memory.InMemoryDROP", ""), true,
                Access.OPEN.withSecret(ClusterSecret.of("secret-of-the-first-node", "test")), Access.OPEN))
                // which side sees the mechanism mismatch first is a race: the cause is named when this
                // side sees it (CurveEventsTest), else the subscription's time limit is
                .isInstanceOf(SubscriptionFailedException.class);
    }

    /** Small content travels with the drop's event: the other node reads it without its data port. */
    @Test
    void crossNode_smallInput_comesWithItsEvent_evenWithTheDataPortUnreachable() throws IOException {
        NodeManager nm2 = run("small", """
                [{"oid": "A", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP", "pydata": "x"}]""",
                COPY_TO_C.formatted("memory.InMemoryDROP", ""), false);

        assertThat(nm2.sessionStatus("small")).as("copy: %s", status(nm2, "small", "copy").error())
                .isEqualTo(SessionState.FINISHED);
        Execution ex = execution(nm2, "small");
        assertThat(ex.data(ex.indexOf("C")).orElseThrow().readAll()).asString(UTF_8).isEqualTo("x");
    }

    @Test
    void crossNode_dataPortUnreachable_consumerFailsSayingWhy() throws IOException {
        NodeManager nm2 = run("down", """
                [{"oid": "A", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP",
                  "pydata": "%s"}]""".formatted(OVER_THE_EVENTS_LIMIT), COPY_TO_C.formatted("memory.InMemoryDROP", ""),
                false);

        assertThat(nm2.sessionStatus("down")).isEqualTo(SessionState.FAILED);
        DropStatus copy = status(nm2, "down", "copy");
        assertThat(copy.status()).isEqualTo(DropState.ERROR);
        assertThat(copy.error()).startsWith("cannot read drop 'A' of session down from node 127.0.0.1:")
                .contains(": cannot connect to 127.0.0.1:").contains("Connection refused");
        assertThat(status(nm2, "down", "C").status()).isEqualTo(DropState.ERROR);
    }
}
