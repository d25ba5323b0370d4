package dlg.manager.repro;

import static dlg.manager.repro.ReproGraphs.OIDS;
import static dlg.manager.repro.ReproGraphs.compute;
import static dlg.manager.repro.ReproGraphs.graph;
import static dlg.manager.repro.ReproGraphs.json;
import static dlg.manager.repro.ReproGraphs.key;
import static dlg.manager.repro.ReproGraphs.tree;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dlg.core.graph.GraphSpec;
import dlg.core.state.DropState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReproCalculatorTest {

    /**
     * Per graph rmode and mode: rg_blockhash of a, b, c, then the mode's signature. Derived outside
     * the project from DALiuGE's own code and by hand with hashlib ({@link ReproGraphs} says how).
     * Under one mode DALiuGE files rg_data next to rmode, where the block hash does not look (it
     * hashes b"" instead), so RERUN, REPEAT and RECOMPUTE agree; under ALL each mode's rg_data counts.
     */
    static final Map<String, List<String>> RUNTIME = Map.ofEntries(
            entry("1 RERUN", List.of(
                    "048cefcf1c564d328d40f2716abb682992a36c9632c5120a0e2f56c00943fb22",
                    "d42f15019597641b9938705cc32697aea27e27bbeceecb43e7d4a23bb089e24d",
                    "22900eac1b78be9f2647c0821538455dd9e493980af8ff834f06c9150a45ea42",
                    "0da972b3dc964c214a58c11b6bd9eaf8aa9d960c21acf13f16c3c4f1b78d59db")),
            entry("2 REPEAT", List.of(
                    "048cefcf1c564d328d40f2716abb682992a36c9632c5120a0e2f56c00943fb22",
                    "d42f15019597641b9938705cc32697aea27e27bbeceecb43e7d4a23bb089e24d",
                    "22900eac1b78be9f2647c0821538455dd9e493980af8ff834f06c9150a45ea42",
                    "0da972b3dc964c214a58c11b6bd9eaf8aa9d960c21acf13f16c3c4f1b78d59db")),
            entry("4 RECOMPUTE", List.of(
                    "048cefcf1c564d328d40f2716abb682992a36c9632c5120a0e2f56c00943fb22",
                    "d42f15019597641b9938705cc32697aea27e27bbeceecb43e7d4a23bb089e24d",
                    "22900eac1b78be9f2647c0821538455dd9e493980af8ff834f06c9150a45ea42",
                    "0da972b3dc964c214a58c11b6bd9eaf8aa9d960c21acf13f16c3c4f1b78d59db")),
            entry("5 REPRODUCE", List.of(
                    "048cefcf1c564d328d40f2716abb682992a36c9632c5120a0e2f56c00943fb22",
                    "d42f15019597641b9938705cc32697aea27e27bbeceecb43e7d4a23bb089e24d",
                    "14d694ec9eeaa34cdcbc8291765c2fc8fa154a6a75f08596d7d06dad0202b6a7",
                    "924e54fd887778a3cb567eda8770a206003c8bba1662470ef71ff97f0b0b07bf")),
            entry("6 REPLICATE_SCI", List.of(
                    "048cefcf1c564d328d40f2716abb682992a36c9632c5120a0e2f56c00943fb22",
                    "d42f15019597641b9938705cc32697aea27e27bbeceecb43e7d4a23bb089e24d",
                    "22900eac1b78be9f2647c0821538455dd9e493980af8ff834f06c9150a45ea42",
                    "0da972b3dc964c214a58c11b6bd9eaf8aa9d960c21acf13f16c3c4f1b78d59db")),
            entry("7 REPLICATE_COMP", List.of(
                    "048cefcf1c564d328d40f2716abb682992a36c9632c5120a0e2f56c00943fb22",
                    "d42f15019597641b9938705cc32697aea27e27bbeceecb43e7d4a23bb089e24d",
                    "22900eac1b78be9f2647c0821538455dd9e493980af8ff834f06c9150a45ea42",
                    "0da972b3dc964c214a58c11b6bd9eaf8aa9d960c21acf13f16c3c4f1b78d59db")),
            entry("8 REPLICATE_TOTAL", List.of(
                    "048cefcf1c564d328d40f2716abb682992a36c9632c5120a0e2f56c00943fb22",
                    "d42f15019597641b9938705cc32697aea27e27bbeceecb43e7d4a23bb089e24d",
                    "22900eac1b78be9f2647c0821538455dd9e493980af8ff834f06c9150a45ea42",
                    "0da972b3dc964c214a58c11b6bd9eaf8aa9d960c21acf13f16c3c4f1b78d59db")),
            entry("-1 RERUN", List.of(
                    "764d28f5a282a245bba04e0ce0ecf89b93411bf964d6da434f2b3fd138bc6bd0",
                    "0ce007819e1c039e854cceeb5165e5043df1d58a9482d3985af43aa0fc193881",
                    "8846e36cb2dafc319f54db7fb18aa10c5120b26d9e374f93aeeadc811aff0e9a",
                    "04a8e42167fe752fef296e714428dbcecfa7e491f37941b9a51e1225a2c4d60e")),
            entry("-1 REPEAT", List.of(
                    "764d28f5a282a245bba04e0ce0ecf89b93411bf964d6da434f2b3fd138bc6bd0",
                    "0ce007819e1c039e854cceeb5165e5043df1d58a9482d3985af43aa0fc193881",
                    "8846e36cb2dafc319f54db7fb18aa10c5120b26d9e374f93aeeadc811aff0e9a",
                    "04a8e42167fe752fef296e714428dbcecfa7e491f37941b9a51e1225a2c4d60e")),
            entry("-1 RECOMPUTE", List.of(
                    "764d28f5a282a245bba04e0ce0ecf89b93411bf964d6da434f2b3fd138bc6bd0",
                    "0ce007819e1c039e854cceeb5165e5043df1d58a9482d3985af43aa0fc193881",
                    "8846e36cb2dafc319f54db7fb18aa10c5120b26d9e374f93aeeadc811aff0e9a",
                    "04a8e42167fe752fef296e714428dbcecfa7e491f37941b9a51e1225a2c4d60e")),
            entry("-1 REPRODUCE", List.of(
                    "fbe64993bd12e0c7bac97e9e77a15e15740916a0aea6c51685746f5c50a00cde",
                    "da19f780d47970563c3a8bb95e09d646f3ab98ad5d83b98fd19558d1a7377e97",
                    "9ba661cee8bf7bd3bedcb591c3cffdcdaf06d401221e1c15fbba4af74f5dc908",
                    "7a07e567454e93120d08ee6792371dbfcbd8b51c2c624fb93af8884d794b9a19")),
            entry("-1 REPLICATE_SCI", List.of(
                    "cea9bc6cac75f5b40cc4cb6afc50c0ab83514562c12602d1b9035dc389c9b599",
                    "d17af1be780ceb07b01be121692191d94686e2d84b78a1975f0562f03f552a03",
                    "b4f8409fec8572932c23034b3ee94f7d5558bdfbb8004cdbd31c32cd25f81e01",
                    "049624896a521b87b0a1920fd9adfaa15708b2560ca3c8d4d35b3afc394472a8")),
            entry("-1 REPLICATE_COMP", List.of(
                    "cea9bc6cac75f5b40cc4cb6afc50c0ab83514562c12602d1b9035dc389c9b599",
                    "d17af1be780ceb07b01be121692191d94686e2d84b78a1975f0562f03f552a03",
                    "b4f8409fec8572932c23034b3ee94f7d5558bdfbb8004cdbd31c32cd25f81e01",
                    "049624896a521b87b0a1920fd9adfaa15708b2560ca3c8d4d35b3afc394472a8")),
            entry("-1 REPLICATE_TOTAL", List.of(
                    "cea9bc6cac75f5b40cc4cb6afc50c0ab83514562c12602d1b9035dc389c9b599",
                    "d17af1be780ceb07b01be121692191d94686e2d84b78a1975f0562f03f552a03",
                    "b4f8409fec8572932c23034b3ee94f7d5558bdfbb8004cdbd31c32cd25f81e01",
                    "049624896a521b87b0a1920fd9adfaa15708b2560ca3c8d4d35b3afc394472a8")));

    @Test
    void compute_everyModeAndAll_blockHashesAndSignaturesAsDaliuge() {
        for (var row : RUNTIME.entrySet()) {
            var k = key(row.getKey());
            ReproData data = compute(graph(json(k.getKey())));

            for (int i = 0; i < OIDS.size(); i++) {
                JsonNode drop = tree(data.drop(OIDS.get(i)).orElseThrow());
                assertThat(drop.path(k.getValue().name()).path("rg_blockhash").asText())
                        .as(row.getKey() + " " + OIDS.get(i)).isEqualTo(row.getValue().get(i));
            }
            assertThat(tree(data.graphWide()).path(k.getValue().name()).path("signature").asText())
                    .as(row.getKey()).isEqualTo(row.getValue().get(3));
        }
    }

    @Test
    void compute_rerun_dropDataHasDaliugeStructure() {
        ReproData data = compute(graph(json("1")));

        // DALiuGE's repro/data for drop b, as its session builds it
        assertThat(tree(data.drop("b").orElseThrow())).isEqualTo(tree("""
                {"rmode": "1",
                 "RERUN": {"lg_blockhash": "lg-b", "pgt_blockhash": "pgt-b", "pg_blockhash": "pg-b",
                           "pgt_data": {"categoryType": "Application"},
                           "rg_parenthashes": {"a": "048cefcf1c564d328d40f2716abb682992a36c9632c5120a0e2f56c00943fb22"},
                           "rg_blockhash": "d42f15019597641b9938705cc32697aea27e27bbeceecb43e7d4a23bb089e24d"},
                 "rg_data": {"status": 2,
                             "merkleroot": "689fcf0d74c42200bef177db545adc43c135dfb0d7dc85b166db3af1dcded235"}}
                """));
        assertThat(tree(data.graphWide())).isEqualTo(tree("""
                {"rmode": "1", "meta_data": {"repro_protocol": 0.1},
                 "RERUN": {"signature": "0da972b3dc964c214a58c11b6bd9eaf8aa9d960c21acf13f16c3c4f1b78d59db"}}
                """));
        assertThat(data.hasGraphWide()).isTrue();
    }

    @Test
    void compute_all_eachModeHasItsRuntimeData() {
        ReproData data = compute(graph(json("-1")));

        JsonNode a = tree(data.drop("a").orElseThrow());
        JsonNode b = tree(data.drop("b").orElseThrow());
        JsonNode c = tree(data.drop("c").orElseThrow());
        // merkleroots: sha3 trees over "('status', 2)" and "('data_hash', '<hex>')" (DALiuGE's items())
        assertThat(a.path("RERUN").path("rg_data")).isEqualTo(tree(
                "{\"status\": 2, \"merkleroot\": \"689fcf0d74c42200bef177db545adc43c135dfb0d7dc85b166db3af1dcded235\"}"));
        assertThat(a.path("REPRODUCE").path("rg_data")).isEqualTo(tree("{\"data_hash\": \"" + ReproGraphs.EMPTY
                + "\", \"merkleroot\": \"7b4caf9722e4f196cfcc8a61f0f41155125af603a995b0ea4df1b6de49d62222\"}"));
        assertThat(b.path("REPRODUCE").path("rg_data")).isEqualTo(tree("{\"merkleroot\": null}"));
        assertThat(c.path("REPLICATE_SCI").path("rg_data")).isEqualTo(tree("{\"status\": 2, \"data_hash\": \""
                + ReproGraphs.HELLO + "\", \"merkleroot\": \"dcda2bed09b912a1f92326268c11885e2026d0cdee1a4040d3f1d7984945d845\"}"));
        assertThat(a.has("rg_data")).isFalse();
    }

    @Test
    void compute_reproduce_appsPassTheirParentsOn() {
        ReproData data = compute(graph(json("5")));

        JsonNode a = tree(data.drop("a").orElseThrow()).path("REPRODUCE");
        JsonNode c = tree(data.drop("c").orElseThrow()).path("REPRODUCE");
        assertThat(c.path("rg_parenthashes")).isEqualTo(tree("{\"a\": \"" + a.path("rg_blockhash").asText() + "\"}"));
    }

    @Test
    void compute_rerunWithIidOtherThanFirst_handsNothingOn() {
        GraphSpec graph = graph(json("1").replace("\"inputs\": [\"a\"]", "\"iid\": \"1/0\", \"inputs\": [\"a\"]"));

        JsonNode c = tree(compute(graph).drop("c").orElseThrow()).path("RERUN");

        assertThat(c.path("rg_parenthashes").isEmpty()).isTrue();
    }

    @Test
    void compute_noReprodataAnywhere_isNoneAndCheap() {
        GraphSpec graph = graph("""
                [{"oid": "a", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP"}]
                """);

        ReproData data = compute(graph);

        assertThat(data).isSameAs(ReproData.NONE);
        assertThat(data.graphWide().json()).isEqualTo("{}");
        assertThat(data.hasGraphWide()).isFalse();
    }

    @Test
    void compute_dropReprodataWithoutGraphElement_filesRuntimeDataOnly() {
        GraphSpec graph = graph(json("1", false));

        ReproData data = compute(graph);

        JsonNode a = tree(data.drop("a").orElseThrow());
        assertThat(a.path("rg_data").path("status").asInt()).isEqualTo(2);
        assertThat(a.path("RERUN").has("rg_blockhash")).isFalse();
        assertThat(data.hasGraphWide()).isFalse();
        assertThat(data.graphWide().json()).isEqualTo("{}");
    }

    @Test
    void compute_graphRmodeNothing_keepsTheElementUnsigned() {
        GraphSpec graph = graph(json("1").replace("{\"rmode\": \"1\", \"meta_data\"", "{\"rmode\": \"0\", \"meta_data\""));

        ReproData data = compute(graph);

        assertThat(tree(data.graphWide()).path("rmode").asText()).isEqualTo("0");
        assertThat(tree(data.graphWide()).path("RERUN").has("signature")).isFalse();
        assertThat(tree(data.drop("b").orElseThrow()).path("RERUN").has("rg_blockhash")).isFalse();
    }

    @Test
    void compute_modeWithoutTranslatorHashes_failsAsDaliugeDoes() {
        GraphSpec graph = graph("""
                [{"oid": "a", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP",
                  "reprodata": {"rmode": "1"}},
                 {"rmode": "1", "RERUN": {}}]
                """);

        assertThatThrownBy(() -> compute(graph)).isInstanceOf(ReproException.class)
                .hasMessageContaining("drop a").hasMessageContaining("RERUN");
    }

    @Test
    void compute_failedDrop_recordsErrorStatus() {
        GraphSpec graph = graph(json("1"));

        ReproData data = ReproCalculator.compute(graph, i -> i == 2 ? DropState.ERROR : DropState.COMPLETED, i -> null);

        assertThat(tree(data.drop("c").orElseThrow()).path("rg_data").path("status").asInt()).isEqualTo(3);
    }
}
