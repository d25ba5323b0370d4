package dlg.manager.composite;
import dlg.manager.service.CompositeManagerService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dlg.core.graph.DropSpec;
import dlg.core.graph.GraphReader;
import dlg.core.graph.GraphWriter;
import dlg.core.graph.ParsedGraph;
import dlg.manager.NodeAddress;
import dlg.manager.service.NodeManagerService;
import dlg.manager.repro.CompositeRepro;
import dlg.manager.repro.ReproGraphs;
import dlg.manager.rest.WireClient;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The composites' repro routes over real servers: a DataIslandManager over two NodeManagers, and a
 * MasterManager over that DataIslandManager. The graph is {@link ReproGraphs}' a -> b -> c with
 * a and b on the first node, c on the second.
 */
class MergedReproIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration END = Duration.ofSeconds(30);
    /**
     * The RERUN signature of that graph once a composite has run DALiuGE's PG stage on it
     * (CompositeReproTest.PG_THEN_RUNTIME, derived outside the project from DALiuGE's own code).
     * RERUN hashes neither placement nor content, so the real node addresses change nothing.
     */
    private static final String RERUN_SIGNATURE = "65fd61b8fde0ac7344ee3d1c3f3e82a08e84fdbb74db513de903e3d41cbf85e7";

    @TempDir
    Path tmp;

    private final List<AutoCloseable> open = new ArrayList<>();
    private String n1;
    private String n2;
    private String island;
    private WireClient dim;
    private WireClient mm;
    private WireClient nm1;

    @BeforeEach
    void start() {
        NodeManagerService first = NodeManagerService.start(NodeManagerService.Config.local(tmp.resolve("nm1")));
        open.add(first);
        NodeManagerService second = NodeManagerService.start(NodeManagerService.Config.local(tmp.resolve("nm2")));
        open.add(second);
        n1 = first.nodeAddress().toString();
        n2 = second.nodeAddress().toString();
        nm1 = new WireClient(first.restPort());
        CompositeManagerService dimService = CompositeManagerService.start(CompositeManagerService.Config.local(
                CompositeManager.Kind.DATA_ISLAND, List.of(NodeAddress.parse(n1), NodeAddress.parse(n2))));
        open.add(dimService);
        dim = new WireClient(dimService.restPort());
        island = "127.0.0.1:" + dimService.restPort();
        CompositeManagerService master = CompositeManagerService.start(CompositeManagerService.Config.local(
                CompositeManager.Kind.MASTER, List.of(NodeAddress.parse(island, NodeAddress.DIM_PORT))));
        open.add(master);
        mm = new WireClient(master.restPort());
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    private String graph(String code) {
        return ReproGraphs.json(code).replace("\"nm1\"", "\"" + n1 + "\"").replace("\"nm2\"", "\"" + n2 + "\"")
                .replace("\"dim1\"", "\"" + island + "\"");
    }

    /** Creates, appends, deploys with "a" completed, and waits until the repro status is true. */
    private JsonNode run(WireClient manager, String sid, String graph) throws Exception {
        return run(manager, sid, graph, "a");
    }

    private JsonNode run(WireClient manager, String sid, String graph, String completed) throws Exception {
        assertThat(manager.postJson("/api/sessions", "{\"sessionId\": \"" + sid + "\"}").status()).isEqualTo(200);
        assertThat(manager.postGraph("/api/sessions/" + sid + "/graph/append", graph).status()).isEqualTo(200);
        assertThat(manager.postForm("/api/sessions/" + sid + "/deploy", Map.of("completed", completed)).status()).isEqualTo(200);
        await().atMost(END).until(() -> json(manager.get("/api/sessions/" + sid + "/repro/status")).asBoolean());
        return json(manager.get("/api/sessions/" + sid + "/repro/data"));
    }

    @Test
    void reproData_rerunAcrossTwoNodes_signsTheWholeGraphAsDaliuge() throws Exception {
        JsonNode data = run(dim, "r", graph("1"));

        assertThat(data.get("graph").fieldNames()).toIterable().containsExactly("a", "b", "c", "reprodata");
        assertThat(data.at("/graph/b/outputs/0").asText()).isEqualTo("c"); // the link the split cut, put back
        JsonNode b = data.at("/graph/b/reprodata/RERUN");
        assertThat(data.at("/graph/c/reprodata/RERUN/rg_parenthashes/b").asText())
                .isEqualTo(b.get("rg_blockhash").asText()); // chained across the nodes
        assertThat(data.at("/reprodata/RERUN/signature").asText()).isEqualTo(RERUN_SIGNATURE);
        assertThat(data.at("/graph/reprodata")).isEqualTo(data.get("reprodata"));
    }

    @Test
    void reproData_allModes_sameAsOneNodeRunningTheWholeGraph() throws Exception {
        JsonNode merged = run(dim, "all", graph("-1"));
        // the graph as the DataIslandManager passed it on, whole, to one NodeManager
        JsonNode alone = run(nm1, "alone", pgGraph(graph("-1")));

        for (String mode : List.of("RERUN", "REPEAT", "RECOMPUTE", "REPRODUCE", "REPLICATE_SCI", "REPLICATE_COMP",
                "REPLICATE_TOTAL")) {
            assertThat(merged.at("/reprodata/" + mode + "/signature").asText()).as(mode).hasSize(64)
                    .isEqualTo(alone.at("/reprodata/" + mode + "/signature").asText());
            for (String oid : List.of("a", "b", "c")) {
                assertThat(merged.at("/graph/" + oid + "/reprodata/" + mode))
                        .isEqualTo(alone.at("/graph/" + oid + "/reprodata/" + mode));
            }
        }
    }

    @Test
    void repro_beforeDeploy_statusFalseAndDataNull() throws Exception {
        dim.postJson("/api/sessions", "{\"sessionId\": \"early\"}");
        dim.postGraph("/api/sessions/early/graph/append", graph("1"));

        assertThat(json(dim.get("/api/sessions/early/repro/status")).asBoolean()).isFalse();
        JsonNode data = json(dim.get("/api/sessions/early/repro/data"));
        assertThat(data.get("reprodata").isNull()).isTrue();
        assertThat(data.get("graph").fieldNames()).toIterable().containsExactly("a", "b", "c");
    }

    @Test
    void reproData_throughMasterManager_signsTheWholeGraph() throws Exception {
        JsonNode data = run(mm, "m", graph("1"));

        assertThat(data.get("graph").fieldNames()).toIterable().containsExactly("a", "b", "c", "reprodata");
        assertThat(data.at("/reprodata/RERUN/signature").asText()).isEqualTo(RERUN_SIGNATURE);
    }

    @Test
    void reproData_graphWithoutReprodata_isEmpty() throws Exception {
        String plain = """
                [{"oid": "a", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP", "node": "%s"},
                 {"oid": "d", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP", "node": "%s"}]
                """.formatted(n1, n2);

        JsonNode data = run(dim, "plain", plain, "a,d");

        assertThat(data.get("reprodata")).isEqualTo(JSON.readTree("{}"));
        assertThat(data.get("graph").fieldNames()).toIterable().containsExactly("a", "d");
    }

    private static String pgGraph(String json) throws Exception {
        ParsedGraph pg = CompositeRepro.physicalGraph(GraphReader.read(json));
        StringWriter out = new StringWriter();
        try (var g = new com.fasterxml.jackson.core.JsonFactory().createGenerator(out)) {
            g.writeStartArray();
            for (DropSpec d : pg.drops()) {
                GraphWriter.writeDrop(g, d);
            }
            g.writeRawValue(pg.reproData().json());
            g.writeEndArray();
        }
        return out.toString();
    }

    private static JsonNode json(WireClient.Reply r) throws Exception {
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return JSON.readTree(r.text());
    }
}
