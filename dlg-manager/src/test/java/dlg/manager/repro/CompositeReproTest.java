package dlg.manager.repro;

import static dlg.manager.repro.ReproGraphs.OIDS;
import static dlg.manager.repro.ReproGraphs.json;
import static dlg.manager.repro.ReproGraphs.key;
import static dlg.manager.repro.ReproGraphs.tree;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dlg.core.error.InvalidGraphException;
import dlg.core.graph.DropSpec;
import dlg.core.graph.GraphReader;
import dlg.core.graph.GraphSpec;
import dlg.core.graph.GraphWriter;
import dlg.core.graph.ParsedGraph;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CompositeReproTest {

    /**
     * Per graph rmode and mode: pg_blockhash of a, b, c, then the PG signature, as DALiuGE's
     * {@code init_pg_repro_data} computes them (derived outside the project, see {@link ReproGraphs}).
     * RECOMPUTE and REPLICATE_COMP hash the drops' node and island.
     */
    static final Map<String, List<String>> PG = Map.ofEntries(
            entry("1 RERUN", List.of(
                    "524785cc67ca99999e562efcd06e23d9278fe88c1e25a717274d3fd3d01b2f4c",
                    "148504838bffa201b4030391809e3a2c927f469beb5cf8498e9757d12208b033",
                    "0520f8b7682c9b2a34d14e570ccc6fb5fbfaa8cfc93337e809b97dc017cbe2a2",
                    "392798dfb114bc843e96abfb1ffff559a24a9012fd86e6bf8f77ef82d9ce52ec")),
            entry("2 REPEAT", List.of(
                    "524785cc67ca99999e562efcd06e23d9278fe88c1e25a717274d3fd3d01b2f4c",
                    "148504838bffa201b4030391809e3a2c927f469beb5cf8498e9757d12208b033",
                    "0520f8b7682c9b2a34d14e570ccc6fb5fbfaa8cfc93337e809b97dc017cbe2a2",
                    "392798dfb114bc843e96abfb1ffff559a24a9012fd86e6bf8f77ef82d9ce52ec")),
            entry("4 RECOMPUTE", List.of(
                    "b03654e2087fee48b9abb4140397106675344d700f884648bb46be9da861998c",
                    "d52afc58c11b8f47f7c514ab72de052ce8ed5e901510a426233a447dc7584298",
                    "23737dc2644abfb48673917334b82ce8daca3ee938b9e422292ce2f7436a7e5b",
                    "646c80b603795293bc6053f33f5837310e82f482bf032809923608a403629be2")),
            entry("5 REPRODUCE", List.of(
                    "524785cc67ca99999e562efcd06e23d9278fe88c1e25a717274d3fd3d01b2f4c",
                    "148504838bffa201b4030391809e3a2c927f469beb5cf8498e9757d12208b033",
                    "13eefbdf845a291a9b57c31e1446bcd35dc51caa03ddce35ffd8c13fa1911639",
                    "77953931b3a20a193f730a9d6f0f9d95eef8795768c171d134dffb9da6173788")),
            entry("6 REPLICATE_SCI", List.of(
                    "524785cc67ca99999e562efcd06e23d9278fe88c1e25a717274d3fd3d01b2f4c",
                    "148504838bffa201b4030391809e3a2c927f469beb5cf8498e9757d12208b033",
                    "0520f8b7682c9b2a34d14e570ccc6fb5fbfaa8cfc93337e809b97dc017cbe2a2",
                    "392798dfb114bc843e96abfb1ffff559a24a9012fd86e6bf8f77ef82d9ce52ec")),
            entry("7 REPLICATE_COMP", List.of(
                    "b03654e2087fee48b9abb4140397106675344d700f884648bb46be9da861998c",
                    "d52afc58c11b8f47f7c514ab72de052ce8ed5e901510a426233a447dc7584298",
                    "23737dc2644abfb48673917334b82ce8daca3ee938b9e422292ce2f7436a7e5b",
                    "646c80b603795293bc6053f33f5837310e82f482bf032809923608a403629be2")),
            entry("8 REPLICATE_TOTAL", List.of(
                    "524785cc67ca99999e562efcd06e23d9278fe88c1e25a717274d3fd3d01b2f4c",
                    "148504838bffa201b4030391809e3a2c927f469beb5cf8498e9757d12208b033",
                    "0520f8b7682c9b2a34d14e570ccc6fb5fbfaa8cfc93337e809b97dc017cbe2a2",
                    "392798dfb114bc843e96abfb1ffff559a24a9012fd86e6bf8f77ef82d9ce52ec")),
            entry("-1 RERUN", List.of(
                    "524785cc67ca99999e562efcd06e23d9278fe88c1e25a717274d3fd3d01b2f4c",
                    "148504838bffa201b4030391809e3a2c927f469beb5cf8498e9757d12208b033",
                    "0520f8b7682c9b2a34d14e570ccc6fb5fbfaa8cfc93337e809b97dc017cbe2a2",
                    "392798dfb114bc843e96abfb1ffff559a24a9012fd86e6bf8f77ef82d9ce52ec")),
            entry("-1 REPEAT", List.of(
                    "524785cc67ca99999e562efcd06e23d9278fe88c1e25a717274d3fd3d01b2f4c",
                    "148504838bffa201b4030391809e3a2c927f469beb5cf8498e9757d12208b033",
                    "0520f8b7682c9b2a34d14e570ccc6fb5fbfaa8cfc93337e809b97dc017cbe2a2",
                    "392798dfb114bc843e96abfb1ffff559a24a9012fd86e6bf8f77ef82d9ce52ec")),
            entry("-1 RECOMPUTE", List.of(
                    "b03654e2087fee48b9abb4140397106675344d700f884648bb46be9da861998c",
                    "d52afc58c11b8f47f7c514ab72de052ce8ed5e901510a426233a447dc7584298",
                    "23737dc2644abfb48673917334b82ce8daca3ee938b9e422292ce2f7436a7e5b",
                    "646c80b603795293bc6053f33f5837310e82f482bf032809923608a403629be2")),
            entry("-1 REPRODUCE", List.of(
                    "524785cc67ca99999e562efcd06e23d9278fe88c1e25a717274d3fd3d01b2f4c",
                    "148504838bffa201b4030391809e3a2c927f469beb5cf8498e9757d12208b033",
                    "13eefbdf845a291a9b57c31e1446bcd35dc51caa03ddce35ffd8c13fa1911639",
                    "77953931b3a20a193f730a9d6f0f9d95eef8795768c171d134dffb9da6173788")),
            entry("-1 REPLICATE_SCI", List.of(
                    "524785cc67ca99999e562efcd06e23d9278fe88c1e25a717274d3fd3d01b2f4c",
                    "148504838bffa201b4030391809e3a2c927f469beb5cf8498e9757d12208b033",
                    "0520f8b7682c9b2a34d14e570ccc6fb5fbfaa8cfc93337e809b97dc017cbe2a2",
                    "392798dfb114bc843e96abfb1ffff559a24a9012fd86e6bf8f77ef82d9ce52ec")),
            entry("-1 REPLICATE_COMP", List.of(
                    "b03654e2087fee48b9abb4140397106675344d700f884648bb46be9da861998c",
                    "d52afc58c11b8f47f7c514ab72de052ce8ed5e901510a426233a447dc7584298",
                    "23737dc2644abfb48673917334b82ce8daca3ee938b9e422292ce2f7436a7e5b",
                    "646c80b603795293bc6053f33f5837310e82f482bf032809923608a403629be2")),
            entry("-1 REPLICATE_TOTAL", List.of(
                    "524785cc67ca99999e562efcd06e23d9278fe88c1e25a717274d3fd3d01b2f4c",
                    "148504838bffa201b4030391809e3a2c927f469beb5cf8498e9757d12208b033",
                    "0520f8b7682c9b2a34d14e570ccc6fb5fbfaa8cfc93337e809b97dc017cbe2a2",
                    "392798dfb114bc843e96abfb1ffff559a24a9012fd86e6bf8f77ef82d9ce52ec")));

    /** The runtime signature once the PG stage has run: the translator's pg_blockhash replaced by the composite's. */
    static final Map<String, String> PG_THEN_RUNTIME = Map.ofEntries(
            entry("1 RERUN", "65fd61b8fde0ac7344ee3d1c3f3e82a08e84fdbb74db513de903e3d41cbf85e7"),
            entry("2 REPEAT", "65fd61b8fde0ac7344ee3d1c3f3e82a08e84fdbb74db513de903e3d41cbf85e7"),
            entry("4 RECOMPUTE", "e693b2916795bb642df6025a6b30b919d8acac347b11b0a1302b322df3f76b17"),
            entry("5 REPRODUCE", "48d7948b5b4d55e343ae21a7f4d5b2e33f40b63534c055228fc0430bf9ac03ab"),
            entry("6 REPLICATE_SCI", "65fd61b8fde0ac7344ee3d1c3f3e82a08e84fdbb74db513de903e3d41cbf85e7"),
            entry("7 REPLICATE_COMP", "e693b2916795bb642df6025a6b30b919d8acac347b11b0a1302b322df3f76b17"),
            entry("8 REPLICATE_TOTAL", "65fd61b8fde0ac7344ee3d1c3f3e82a08e84fdbb74db513de903e3d41cbf85e7"),
            entry("-1 RERUN", "36359f0e864e2f3d73ee80d4ae7507bc0e3fbf26d2a4a38af5cdc27e722c1acd"),
            entry("-1 REPEAT", "36359f0e864e2f3d73ee80d4ae7507bc0e3fbf26d2a4a38af5cdc27e722c1acd"),
            entry("-1 RECOMPUTE", "a744a4f846c01a4f3edcd32784e37ec7aefcb396670a2454b5eb148dd5317e9f"),
            entry("-1 REPRODUCE", "3de6f310039a6c0a4313f6eb6bf3cd4139ddc2fef47da545565ea674eeddde6e"),
            entry("-1 REPLICATE_SCI", "583ae5b77a41089764b96248cea19d1e62c46383801fb68d62fdf85afd683df9"),
            entry("-1 REPLICATE_COMP", "43f1e5d079df537ed9323445daacdb7fc31604c875dacb81fb73f02c691b0c86"),
            entry("-1 REPLICATE_TOTAL", "583ae5b77a41089764b96248cea19d1e62c46383801fb68d62fdf85afd683df9"));

    @Test
    void physicalGraph_everyModeAndAll_blockHashesAndSignaturesAsDaliuge() {
        for (var row : PG.entrySet()) {
            var k = key(row.getKey());

            ParsedGraph pg = CompositeRepro.physicalGraph(GraphReader.read(json(k.getKey())));

            for (int i = 0; i < OIDS.size(); i++) {
                JsonNode drop = tree(pg.drops().get(i).params().get("reprodata").toString());
                assertThat(drop.path(k.getValue().name()).path("pg_blockhash").asText())
                        .as(row.getKey() + " " + OIDS.get(i)).isEqualTo(row.getValue().get(i));
            }
            assertThat(tree(pg.reproData()).path(k.getValue().name()).path("signature").asText())
                    .as(row.getKey()).isEqualTo(row.getValue().get(3));
        }
    }

    @Test
    void physicalGraph_recompute_pgDataHoldsNodeAndIsland() {
        ParsedGraph pg = CompositeRepro.physicalGraph(GraphReader.read(json("7")));

        JsonNode a = tree(pg.drops().getFirst().params().get("reprodata").toString()).path("REPLICATE_COMP");
        assertThat(a.path("pg_data")).isEqualTo(tree("""
                {"node": "nm1", "island": "dim1",
                 "merkleroot": "ac1a83953603c2ac73426834bb3eabb894235ad9f0fdd768337c01215b1908e8"}"""));
        assertThat(a.path("pg_parenthashes").isEmpty()).isTrue();
    }

    @Test
    void physicalGraph_noElementOrNothing_returnsTheGraphItself() {
        ParsedGraph none = GraphReader.read("[{\"oid\": \"a\", \"categoryType\": \"Data\"}]");
        ParsedGraph nothing = GraphReader.read("[{\"oid\": \"a\", \"categoryType\": \"Data\"}, {\"rmode\": \"0\"}]");

        assertThat(CompositeRepro.physicalGraph(none)).isSameAs(none);
        assertThat(CompositeRepro.physicalGraph(nothing)).isSameAs(nothing);
    }

    @Test
    void physicalGraph_dropWithoutReprodata_isRefusedAsDaliugeFails() {
        ParsedGraph g = GraphReader.read("[{\"oid\": \"a\", \"categoryType\": \"Data\"}, {\"rmode\": \"1\", \"RERUN\": {}}]");

        assertThatThrownBy(() -> CompositeRepro.physicalGraph(g)).isInstanceOf(InvalidGraphException.class)
                .hasMessageContaining("drop a");
    }

    @Test
    void runtime_partsRunOnTwoNodes_signAsTheWholeGraphOnOne() {
        for (var row : PG_THEN_RUNTIME.entrySet()) {
            var k = key(row.getKey());
            ParsedGraph pg = CompositeRepro.physicalGraph(GraphReader.read(json(k.getKey())));
            // each node runs its part, without the link between them (as the partitioner cuts it)
            ParsedGraph part1 = part(pg, List.of("a", "b"));
            ParsedGraph part2 = part(pg, List.of("c"));
            Map<String, Object> union = new LinkedHashMap<>();
            union.putAll(nodeReproGraph(part1));
            union.putAll(nodeReproGraph(part2));
            restoreLink(union);

            Map<String, Object> graphWide = CompositeRepro.runtime(union, pg.reproData());

            @SuppressWarnings("unchecked")
            var mode = (Map<String, Object>) graphWide.get(k.getValue().name());
            assertThat(mode.get("signature")).as(row.getKey()).isEqualTo(row.getValue());
            assertThat(union.get("reprodata")).isSameAs(graphWide);
            // and a single node running the whole graph gets the same
            GraphSpec whole = ReproGraphs.graph(pg);
            assertThat(tree(ReproGraphs.compute(whole).graphWide()).path(k.getValue().name()).path("signature").asText())
                    .isEqualTo(row.getValue());
        }
    }

    @Test
    void runtime_noElement_isEmptyAndLeavesTheGraph() {
        Map<String, Object> graph = new LinkedHashMap<>(Map.of("a", new LinkedHashMap<>(Map.of("oid", "a"))));

        assertThat(CompositeRepro.runtime(graph, null)).isEmpty();
        assertThat(graph).doesNotContainKey("reprodata");
    }

    /** The drops named, links to the others cut. */
    private static ParsedGraph part(ParsedGraph pg, List<String> oids) {
        List<DropSpec> kept = pg.drops().stream().filter(d -> oids.contains(d.oid()))
                .map(d -> new DropSpec(d.oid(), d.uid(), d.category(), d.dropClass(), d.name(), d.node(), d.island(),
                        d.links().stream().filter(l -> oids.contains(l.oid())).toList(), d.params(), d.appArgs()))
                .toList();
        return new ParsedGraph(null, kept, pg.reproData(), List.of());
    }

    /** What one NodeManager's repro/data shows as its graph, as plain JSON values. */
    private static Map<String, Object> nodeReproGraph(ParsedGraph part) {
        GraphSpec graph = ReproGraphs.graph(part);
        ReproData data = ReproGraphs.compute(graph);
        StringWriter out = new StringWriter();
        try (var g = new com.fasterxml.jackson.core.JsonFactory().createGenerator(out)) {
            g.writeStartObject();
            for (DropSpec d : graph.drops()) {
                g.writeFieldName(d.oid());
                GraphWriter.writeDrop(g, d, "reprodata", data.drop(d.oid()).orElseThrow());
            }
            g.writeEndObject();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        try {
            return ReproGraphs.MAPPER.readValue(out.toString(), new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static void restoreLink(Map<String, Object> union) {
        ((Map<String, Object>) union.get("b")).put("outputs", List.of("c"));
        ((Map<String, Object>) union.get("c")).put("producers", List.of("b"));
    }
}
