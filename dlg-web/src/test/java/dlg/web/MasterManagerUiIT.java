package dlg.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A MasterManager over two islands of one NodeManager each: its UI API asks the islands, which
 * ask their nodes, with the same code.
 */
class MasterManagerUiIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration END = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    private TestMaster cluster;
    private List<String> nms;
    private List<String> islands;
    private Rest mm;

    @BeforeEach
    void start() {
        cluster = new TestMaster(tmp);
        nms = cluster.nms;
        islands = cluster.islands;
        mm = cluster.mm;
    }

    @AfterEach
    void stop() throws Exception {
        cluster.close();
    }

    /** start (island 0) -> app0 (island 0), app1 (island 1) -> out0, out1 beside their apps. */
    private String graph() {
        StringBuilder g = new StringBuilder("[{\"oid\": \"start\", \"categoryType\": \"Data\", "
                + "\"dropclass\": \"dlg.data.drops.memory.InMemoryDROP\", \"consumers\": [\"app0\", \"app1\"]"
                + place(0) + "}");
        for (int i = 0; i < 2; i++) {
            g.append(", {\"oid\": \"app").append(i).append("\", \"categoryType\": \"Application\", ")
                    .append("\"dropclass\": \"dlg.apps.simple.NullBarrierApp\", \"inputs\": [\"start\"], ")
                    .append("\"outputs\": [\"out").append(i).append("\"]").append(place(i)).append("}");
            g.append(", {\"oid\": \"out").append(i).append("\", \"categoryType\": \"Data\", ")
                    .append("\"dropclass\": \"dlg.data.drops.memory.InMemoryDROP\", \"producers\": [\"app")
                    .append(i).append("\"]").append(place(i)).append("}");
        }
        return g.append("]").toString();
    }

    private String place(int i) {
        return ", \"node\": \"" + nms.get(i) + "\", \"island\": \"" + islands.get(i) + "\"";
    }

    @Test
    void uiApi_sessionOverTwoIslands_mergesTheIslandsAnswers() throws Exception {
        mm.submit("m", graph(), "start");
        await().atMost(END).until(() -> JSON.readTree(mm.get("/api/ui/sessions")).get(0).get("state").asText()
                .equals("finished"));

        JsonNode line = JSON.readTree(mm.get("/api/ui/sessions")).get(0);
        assertThat(line.get("size").asInt()).isEqualTo(5);
        assertThat(line.get("counts").get("finished").asInt()).isEqualTo(2);
        assertThat(line.get("nodes").size()).isEqualTo(2); // by island

        JsonNode page = JSON.readTree(mm.get("/api/ui/sessions/m/drops?limit=2&offset=2"));
        assertThat(page.get("matched").asInt()).isEqualTo(5);
        assertThat(page.get("drops")).hasSize(2);

        JsonNode graph = JSON.readTree(mm.get("/api/ui/sessions/m/graph"));
        assertThat(graph.get("nodes")).hasSize(5);
        assertThat(graph.get("edges")).hasSize(4); // start -> app1 crosses islands

        JsonNode nodes = JSON.readTree(mm.get("/api/ui/nodes"));
        assertThat(nodes.get("kind").asText()).isEqualTo("island");
        assertThat(nodes.get("nodes")).allSatisfy(n -> assertThat(n.get("ok").asBoolean()).isTrue());

        assertThat(JSON.readTree(mm.get("/api/ui/sessions/m/drops/app1")).get("node").asText()).isEqualTo(nms.get(1));

        JsonNode timeline = JSON.readTree(mm.get("/api/ui/sessions/m/timeline?limit=1")); // sampled at each level
        assertThat(timeline.get("total").asInt()).isEqualTo(2);
        assertThat(timeline.get("sampled").asBoolean()).isTrue();
        assertThat(timeline.get("apps")).hasSize(1);
        assertThat(timeline.get("constructs").findValues("count")).extracting(JsonNode::asInt).containsExactly(2);
        assertThat(timeline.get("start").asLong()).isLessThanOrEqualTo(timeline.get("apps").get(0).get("start").asLong());
    }
}
