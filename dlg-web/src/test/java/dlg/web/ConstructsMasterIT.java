package dlg.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dlg.manager.NodeAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A MasterManager over two islands of one NodeManager each: its constructs merge the islands'
 * merged answers again, and its drop list's construct filter pages across them.
 */
class ConstructsMasterIT {

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

    /** "split" (lg_key 1, island 0) -> 4 "work" apps (lg_key 2) on both islands -> their "out" (lg_key 3). */
    private String graph() {
        List<String> work = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            work.add("\"w" + i + "\"");
        }
        StringBuilder g = new StringBuilder("[{\"oid\": \"split\", \"name\": \"split\", \"lg_key\": 1, \"categoryType\": "
                + "\"Data\", \"dropclass\": \"dlg.data.drops.memory.InMemoryDROP\", \"consumers\": " + work + place(0) + "}");
        for (int i = 0; i < 4; i++) {
            g.append(", {\"oid\": \"w").append(i).append("\", \"name\": \"work\", \"lg_key\": 2, ")
                    .append("\"categoryType\": \"Application\", \"dropclass\": \"dlg.apps.simple.NullBarrierApp\", ")
                    .append("\"inputs\": [\"split\"], \"outputs\": [\"o").append(i).append("\"]").append(place(i % 2)).append("}");
            g.append(", {\"oid\": \"o").append(i).append("\", \"name\": \"out\", \"lg_key\": 3, \"categoryType\": \"Data\", ")
                    .append("\"dropclass\": \"dlg.data.drops.memory.InMemoryDROP\", \"producers\": [\"w")
                    .append(i).append("\"]").append(place(i % 2)).append("}");
        }
        return g.append("]").toString();
    }

    private String place(int i) {
        return ", \"node\": \"" + nms.get(i) + "\", \"island\": \"" + islands.get(i) + "\"";
    }

    @Test
    void constructs_overTwoIslands_mergeTheirMergedAnswers() throws Exception {
        mm.submit("m", graph(), "split");
        await().atMost(END).until(() -> JSON.readTree(mm.get("/api/ui/sessions")).get(0).get("state").asText()
                .equals("finished"));

        JsonNode c = JSON.readTree(mm.get("/api/ui/sessions/m/constructs"));
        List<String> labels = new ArrayList<>();
        c.get("constructs").forEach(x -> labels.add(x.get("label").asText()));
        assertThat(labels).containsExactly("split", "work", "out");
        JsonNode work = c.get("constructs").get(1);
        assertThat(work.get("count").asInt()).isEqualTo(4);
        assertThat(work.get("counts").get("finished").asInt()).isEqualTo(4);
        assertThat(work.get("timed").asInt()).isEqualTo(4);
        assertThat(work.get("nodes").asInt()).isEqualTo(2);
        long islandsTimed = 0;
        for (String island : islands) {
            for (JsonNode x : JSON.readTree(new Rest(NodeAddress.parse(island, NodeAddress.DIM_PORT).restPort())
                    .get("/api/ui/sessions/m/constructs")).get("constructs")) {
                if (x.get("key").asText().equals("lg_key=2")) {
                    islandsTimed += x.get("timed").asLong();
                }
            }
        }
        assertThat(islandsTimed).isEqualTo(4);

        JsonNode page = JSON.readTree(mm.get("/api/ui/sessions/m/drops?group=lg_key%3D2&limit=3&offset=2"));
        assertThat(page.get("matched").asInt()).isEqualTo(4);
        assertThat(page.get("drops")).hasSize(2).allSatisfy(d -> assertThat(d.get("name").asText()).isEqualTo("work"));
    }
}
