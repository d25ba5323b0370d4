package dlg.manager.repro;

import static org.assertj.core.api.Assertions.assertThat;

import dlg.core.graph.GraphReader;
import dlg.core.graph.RawJson;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DropReproTest {

    @Test
    void writeJson_translatorReprodata_keepsItsHashesAndAddsTheRuntimeBlock() {
        RawJson submitted = new RawJson("""
                {"rmode":"1","RERUN":{"lg_blockhash":"x","pgt_blockhash":"y","pg_blockhash":"z","rg_blockhash":"old"}}""");
        DropRepro drop = new DropRepro("a", ReproMode.RERUN,
                Map.of(ReproMode.RERUN, new DropBlock("0b", List.of("01", "02"))), submitted);

        assertThat(drop.toJson()).isEqualTo("""
                {"rmode":"1","RERUN":{"lg_blockhash":"x","pgt_blockhash":"y","pg_blockhash":"z",\
                "rg_blockhash":"0b","rg_parenthashes":["01","02"]}}""");
    }

    @Test
    void writeJson_noSubmittedReprodata_writesModeAndBlocks() {
        DropRepro drop = new DropRepro("a", ReproMode.REPEAT,
                Map.of(ReproMode.REPEAT, new DropBlock("0b", List.of())), null);

        assertThat(drop.toJson()).isEqualTo("{\"rmode\":\"2\",\"REPEAT\":{\"rg_blockhash\":\"0b\",\"rg_parenthashes\":[]}}");
    }

    @Test
    void writeJson_calculatedDrop_readsBackAsDaliugeShapedReprodata() {
        String json = ReproGraphs.chain("{\"rmode\": \"-1\"}", 1).replace("\"oid\": \"C\",",
                "\"oid\": \"C\", \"reprodata\": {\"rmode\": \"-1\", \"RERUN\": {\"lg_blockhash\": \"x\"}},");
        ReproData data = ReproGraphs.compute(json);
        DropRepro c = data.drop("C");

        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> read = (Map<String, Map<String, Object>>) (Map<?, ?>)
                GraphReader.parseValue(new RawJson(c.toJson()));

        assertThat(read).containsKeys("rmode", "RERUN", "REPEAT", "RECOMPUTE", "REPRODUCE", "REPLICATE_SCI",
                "REPLICATE_COMP", "REPLICATE_TOTAL");
        assertThat(read.get("RERUN")).containsEntry("lg_blockhash", "x")
                .containsEntry("rg_blockhash", c.blocks().get(ReproMode.RERUN).blockHash())
                .containsEntry("rg_parenthashes", List.of(data.drop("B").blocks().get(ReproMode.RERUN).blockHash()));
    }
}
