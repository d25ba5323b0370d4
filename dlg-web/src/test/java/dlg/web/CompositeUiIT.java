package dlg.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The UI API of a DataIslandManager over two real NodeManagers: its answers merge theirs. */
class CompositeUiIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration END = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    private TestIsland island;
    private String n1;
    private String n2;
    private Rest dim;

    @BeforeEach
    void start() {
        island = new TestIsland(tmp);
        n1 = island.n1;
        n2 = island.n2;
        dim = new Rest(island.dim.restPort());
    }

    @AfterEach
    void stop() throws Exception {
        island.close();
    }

    @Test
    void sessions_graphOverTwoNodes_isOneLineWithEachNodesState() throws Exception {
        dim.submit("s", Graphs.scatter(10, n1, n2), "start");
        await().atMost(END).until(() -> json(dim.get("/api/ui/sessions")).get(0).get("state").asText().equals("finished"));

        JsonNode line = json(dim.get("/api/ui/sessions")).get(0);
        assertThat(line.get("size").asInt()).isEqualTo(21);
        assertThat(line.get("counts").get("finished").asInt()).isEqualTo(10);
        assertThat(line.get("terminal").asBoolean()).isTrue();
        assertThat(line.get("nodes").get(n1).get("state").asText()).isEqualTo("finished");
        assertThat(line.get("nodes").get(n2).get("state").asText()).isEqualTo("finished");
        assertThat(line.get("elapsed").asLong()).isNotNegative();

        JsonNode nodes = json(dim.get("/api/ui/nodes"));
        assertThat(nodes.get("kind").asText()).isEqualTo("node");
        assertThat(nodes.get("nodes")).hasSize(2).allSatisfy(n -> {
            assertThat(n.get("ok").asBoolean()).isTrue();
            assertThat(n.get("stats").get("cores").asInt()).isPositive();
            assertThat(n.get("stats").get("heapUsed").asLong()).isPositive();
            assertThat(n.get("stats").get("runningApps").asLong()).isZero(); // the graph has ended
        });
    }

    @Test
    void drops_pagesOverTwoNodes_failedFirstThenTheOthers() throws Exception {
        dim.submit("f", """
                [{"oid": "in", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP",
                  "consumers": ["bad", "ok"], "node": "%1$s"},
                 {"oid": "ok", "categoryType": "Application", "dropclass": "dlg.apps.simple.NullBarrierApp",
                  "inputs": ["in"], "node": "%1$s"},
                 {"oid": "bad", "categoryType": "Application", "dropclass": "dlg.apps.bash_shell_app.BashShellApp",
                  "command": "exit 2", "inputs": ["in"], "node": "%2$s"}]
                """.formatted(n1, n2), "in");
        await().atMost(END).until(() -> json(dim.get("/api/ui/sessions/f")).get("session").get("state").asText()
                .equals("failed"));

        JsonNode all = json(dim.get("/api/ui/sessions/f/drops?limit=10"));
        assertThat(all.get("total").asInt()).isEqualTo(3);
        assertThat(all.get("failed").asInt()).isEqualTo(1);
        assertThat(oids(all)).containsExactly("bad", "in", "ok");
        assertThat(all.get("drops").get(0).get("error").asText()).contains("exited with code 2");
        assertThat(oids(json(dim.get("/api/ui/sessions/f/drops?offset=1&limit=1")))).containsExactly("in");
        assertThat(oids(json(dim.get("/api/ui/sessions/f/drops?state=finished")))).containsExactly("ok");

        JsonNode detail = json(dim.get("/api/ui/sessions/f"));
        assertThat(detail.get("failures").get(0).get("oid").asText()).isEqualTo("bad");
        JsonNode in = json(dim.get("/api/ui/sessions/f/drops/in"));
        assertThat(in.get("outputs")).extracting(JsonNode::asText).containsExactlyInAnyOrder("ok", "bad");
    }

    @Test
    void graph_overTwoNodes_keepsTheLinksTheSplitCut() throws Exception {
        dim.submit("g", Graphs.scatter(3, n1, n2), "start");
        await().atMost(END).until(() -> json(dim.get("/api/ui/sessions/g")).get("session").get("terminal").asBoolean());

        JsonNode drops = json(dim.get("/api/ui/sessions/g/graph"));
        assertThat(drops.get("mode").asText()).isEqualTo("drops");
        assertThat(drops.get("nodes")).hasSize(7);
        assertThat(drops.get("edges")).hasSize(6); // start -> app1 crosses from node 1 to node 2

        JsonNode groups = json(dim.get("/api/ui/sessions/g/graph?mode=groups"));
        assertThat(groups.get("nodes")).hasSize(3);
        JsonNode work = groups.get("nodes").get(1);
        assertThat(work.get("count").asInt()).isEqualTo(3);
        assertThat(work.get("node")).isNull(); // on both nodes

        JsonNode timeline = json(dim.get("/api/ui/sessions/g/timeline"));
        assertThat(timeline.get("apps")).hasSize(3);
    }

    private static List<String> oids(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.get("drops").forEach(d -> out.add(d.get("oid").asText()));
        return out;
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }
}
