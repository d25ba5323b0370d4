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

/** The constructs view and the drop list's construct filter of a DataIslandManager over two real NodeManagers. */
class ConstructsCompositeIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration END = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    private TestIsland island;
    private Rest dim;

    @BeforeEach
    void start() {
        island = new TestIsland(tmp);
        dim = new Rest(island.dim.restPort());
    }

    @AfterEach
    void stop() throws Exception {
        island.close();
    }

    private void finished(String sid) {
        await().atMost(END).until(() -> json(dim.get("/api/ui/sessions/" + sid)).get("session").get("terminal").asBoolean());
    }

    @Test
    void constructs_overTwoNodes_areMergedAsIfOneNodeHadThem() {
        dim.submit("c", Graphs.scatter(10, island.n1, island.n2), "start");
        finished("c");

        JsonNode c = json(dim.get("/api/ui/sessions/c/constructs"));
        assertThat(c.get("groupBy").asText()).isEqualTo("lg_key");
        assertThat(c.get("total").asInt()).isEqualTo(21);
        List<String> keys = new ArrayList<>();
        c.get("constructs").forEach(x -> keys.add(x.get("key").asText()));
        assertThat(keys).containsExactly("lg_key=1", "lg_key=2", "lg_key=3");
        JsonNode start = c.get("constructs").get(0);
        assertThat(start.get("count").asInt()).isEqualTo(1);
        assertThat(start.get("nodes").asInt()).isEqualTo(1);
        JsonNode work = c.get("constructs").get(1);
        assertThat(work.get("label").asText()).isEqualTo("work");
        assertThat(work.get("app").asBoolean()).isTrue();
        assertThat(work.get("count").asInt()).isEqualTo(10);
        assertThat(work.get("counts").get("finished").asInt()).isEqualTo(10);
        assertThat(work.get("timed").asInt()).isEqualTo(10);
        assertThat(work.get("nodes").asInt()).isEqualTo(2);
        assertThat(work.get("medianMs").asLong()).isNotNegative();
        assertThat(work.get("maxMs").asLong()).isGreaterThanOrEqualTo(work.get("medianMs").asLong());
        assertThat(work.get("firstStart").asLong()).isLessThanOrEqualTo(work.get("lastEnd").asLong());
        // the merged runs are those of the two nodes together, exactly
        JsonNode one = json(new Rest(island.nm1.restPort()).get("/api/ui/sessions/c/constructs"));
        JsonNode two = json(new Rest(island.nm2.restPort()).get("/api/ui/sessions/c/constructs"));
        assertThat(timed(one, "lg_key=2") + timed(two, "lg_key=2")).isEqualTo(10);
        assertThat(c.get("constructs").get(2).get("counts").get("completed").asInt()).isEqualTo(10);
    }

    @Test
    void constructs_chainSplitOverNodes_readInPipelineOrder_byTheLinksTheSplitCut() {
        // a -> b -> c, each construct on the other node than the one before, listed backwards
        dim.submit("o", """
                [{"oid": "c", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP",
                  "name": "third", "lg_key": 3, "node": "%2$s", "producers": ["b"]},
                 {"oid": "b", "categoryType": "Application", "dropclass": "dlg.apps.simple.NullBarrierApp",
                  "name": "second", "lg_key": 2, "node": "%1$s", "inputs": ["a"], "outputs": ["c"]},
                 {"oid": "a", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP",
                  "name": "first", "lg_key": 1, "node": "%2$s", "consumers": ["b"]}]
                """.formatted(island.n1, island.n2), "a");
        finished("o");

        List<String> labels = new ArrayList<>();
        json(dim.get("/api/ui/sessions/o/constructs")).get("constructs").forEach(x -> labels.add(x.get("label").asText()));
        assertThat(labels).containsExactly("first", "second", "third");
    }

    @Test
    void drops_byGroup_pagesExactlyThatConstructAcrossNodes() {
        dim.submit("g", Graphs.scatter(10, island.n1, island.n2), "start");
        finished("g");

        List<String> seen = new ArrayList<>();
        for (int offset = 0; offset < 12; offset += 3) {
            JsonNode page = json(dim.get("/api/ui/sessions/g/drops?limit=3&group=lg_key%3D2&offset=" + offset));
            assertThat(page.get("matched").asInt()).isEqualTo(10);
            assertThat(page.get("total").asInt()).isEqualTo(21);
            page.get("drops").forEach(d -> {
                assertThat(d.get("group").asText()).isEqualTo("lg_key=2");
                seen.add(d.get("oid").asText());
            });
        }
        assertThat(seen).hasSize(10).doesNotHaveDuplicates().allMatch(oid -> oid.startsWith("app"));
        assertThat(nodesOf("g", "lg_key%3D2")).containsExactlyInAnyOrder(island.n1, island.n2);

        JsonNode none = json(dim.get("/api/ui/sessions/g/drops?group=lg_key%3D99"));
        assertThat(none.get("matched").asInt()).isZero();
        assertThat(none.get("drops")).isEmpty();
        JsonNode start = json(dim.get("/api/ui/sessions/g/drops?group=lg_key%3D1")); // on one node only
        assertThat(start.get("matched").asInt()).isEqualTo(1);
    }

    private List<String> nodesOf(String sid, String group) {
        List<String> nodes = new ArrayList<>();
        json(dim.get("/api/ui/sessions/" + sid + "/drops?limit=100&group=" + group)).get("drops").forEach(d -> {
            if (!nodes.contains(d.get("node").asText())) {
                nodes.add(d.get("node").asText());
            }
        });
        return nodes;
    }

    private static int timed(JsonNode constructs, String key) {
        for (JsonNode x : constructs.get("constructs")) {
            if (x.get("key").asText().equals(key)) {
                return x.get("timed").asInt();
            }
        }
        return 0;
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
