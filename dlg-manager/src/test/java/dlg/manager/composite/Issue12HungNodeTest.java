package dlg.manager.composite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dlg.core.error.SubManagerException;
import dlg.manager.NodeAddress;
import dlg.manager.rest.WireClient;
import dlg.manager.service.CompositeManagerService;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, "a hung node does not hang its callers": a DataIslandManager over two NodeManagers,
 * one of which stops answering (as under SIGSTOP: it still accepts connections). Session status,
 * the session list and session creation each answer within {@code --dmCheckTimeout} (here
 * 1 s; before, they waited for a 2-minute request timeout), with what the live node said and
 * the hung node named.
 */
class Issue12HungNodeTest {

    private static final Duration CHECK = Duration.ofSeconds(1);
    /** Well past the check timeout, well short of any other limit. */
    private static final Duration BOUND = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> NODE_MANAGER = Map.of(
            "POST /api/sessions", "{\"Status\": \"Success\"}",
            "DELETE /api/sessions/s2", "{\"Status\": \"Success\"}",
            "GET /api/sessions/s/status", "3",
            "GET /api/sessions", "[{\"sessionId\": \"s\", \"status\": 3, \"size\": 2}]");

    private HangingServer live;
    private HangingServer hung;
    private String hungNode;
    private String liveNode;
    private CompositeManagerService dim;
    private CompositeManagerService mm;
    private String island;

    @BeforeEach
    void start() throws Exception {
        live = new HangingServer(NODE_MANAGER);
        hung = new HangingServer(NODE_MANAGER);
        liveNode = NodeAddress.parse("127.0.0.1:" + live.port()).toString();
        hungNode = NodeAddress.parse("127.0.0.1:" + hung.port()).toString();
        dim = CompositeManagerService.start(CompositeManagerService.Config.local(CompositeManager.Kind.DATA_ISLAND,
                List.of(NodeAddress.parse(liveNode), NodeAddress.parse(hungNode))).withCheckTimeout(CHECK));
        island = NodeAddress.parse("127.0.0.1:" + dim.restPort()).toString();
        mm = CompositeManagerService.start(CompositeManagerService.Config.local(CompositeManager.Kind.MASTER,
                List.of(NodeAddress.parse(island))).withCheckTimeout(CHECK));
        mm.manager().createSession("s"); // on the island and its two nodes, while both answer
        hung.hang();
    }

    @AfterEach
    void stop() throws Exception {
        mm.close();
        dim.close();
        live.close();
        hung.close();
    }

    @Test
    void sessionStatus_oneNodeHung_answersInTimeWithTheLiveNodesStatusAndTheHungNodeNamed() throws Exception {
        long start = System.nanoTime();
        WireClient.Reply reply = new WireClient(dim.restPort()).get("/api/sessions/s/status");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(took).isLessThan(BOUND);
        assertThat(reply.status()).isEqualTo(200);
        JsonNode status = JSON.readTree(reply.text());
        assertThat(status.get(liveNode).asInt()).isEqualTo(3);
        assertThat(status.get(hungNode).asInt()).isEqualTo(6);
        assertThat(dim.manager().session("s").problems().get(hungNode)).contains("no answer"); // its call timed out, or the heartbeat found it down first
    }

    @Test
    void sessionList_oneNodeHung_answersInTimeWithTheHungNodeFailed() throws Exception {
        long start = System.nanoTime();
        WireClient.Reply reply = new WireClient(dim.restPort()).get("/api/sessions");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(took).isLessThan(BOUND);
        assertThat(reply.status()).isEqualTo(200);
        JsonNode line = JSON.readTree(reply.text()).get(0);
        assertThat(line.get("sessionId").asText()).isEqualTo("s");
        assertThat(line.get("status").get(liveNode).asInt()).isEqualTo(3);
        assertThat(line.get("status").get(hungNode).asInt()).isEqualTo(6);
        assertThat(line.get("size").asInt()).isEqualTo(2);
    }

    @Test
    void createSession_oneNodeHung_failsInTimeNamingTheHungNode() {
        long start = System.nanoTime();
        var e = catchThrowableOfType(SubManagerException.class, () -> dim.manager().createSession("s2"));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(took).isLessThan(BOUND);
        assertThat(e.failures()).containsOnlyKeys(hungNode);
        assertThat(e).hasMessageContaining(hungNode).hasMessageContaining("no answer within 1 s");
        assertThat(dim.manager().allSessions()).extracting(CompositeSession::id).containsExactly("s");
    }

    @Test
    void masterManager_sessionStatus_oneNodeManagerHung_theIslandAnswersNamingTheNode() throws Exception {
        long start = System.nanoTime();
        WireClient.Reply reply = new WireClient(mm.restPort()).get("/api/sessions/s/status");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(took).isLessThan(BOUND);
        assertThat(reply.status()).isEqualTo(200);
        JsonNode byNode = JSON.readTree(reply.text()).get(island); // the island answered in time, not FAILED
        assertThat(byNode.get(liveNode).asInt()).isEqualTo(3);
        assertThat(byNode.get(hungNode).asInt()).isEqualTo(6);
        assertThat(mm.manager().session("s").problems()).isEmpty();
    }
}
