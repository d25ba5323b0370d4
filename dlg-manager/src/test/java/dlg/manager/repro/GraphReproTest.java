package dlg.manager.repro;

import static org.assertj.core.api.Assertions.assertThat;

import dlg.core.graph.GraphReader;
import dlg.core.graph.RawJson;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GraphReproTest {

    @Test
    void writeJson_noElement_writesEmptyObject() {
        GraphRepro none = new GraphRepro(ReproMode.NOTHING, Map.of(), null);

        assertThat(none.toJson()).isEqualTo("{}");
    }

    @Test
    void writeJson_translatorElement_keepsItsDataAndSetsSignatures() {
        RawJson submitted = new RawJson("""
                {"rmode":"1","meta_data":{"repro_protocol":0.1,"hashing_alg":"_sha3.sha3_256"},\
                "merkleroot":"a","RERUN":{"signature":"b","pg_signature":"c"}}""");
        GraphRepro repro = new GraphRepro(ReproMode.RERUN, Map.of(ReproMode.RERUN, "f00d"), submitted);

        assertThat(repro.toJson()).isEqualTo("""
                {"rmode":"1","meta_data":{"repro_protocol":0.1,"hashing_alg":"_sha3.sha3_256"},\
                "merkleroot":"a","RERUN":{"pg_signature":"c","signature":"f00d"}}""");
    }

    @Test
    void writeJson_modeMissingFromElement_addsIt() {
        GraphRepro repro = new GraphRepro(ReproMode.ALL,
                Map.of(ReproMode.REPEAT, "02", ReproMode.RERUN, "01"), new RawJson("{\"rmode\":\"ALL\"}"));

        assertThat(repro.toJson())
                .isEqualTo("{\"rmode\":\"-1\",\"RERUN\":{\"signature\":\"01\"},\"REPEAT\":{\"signature\":\"02\"}}");
    }

    @Test
    void writeJson_calculatedGraph_isTheSignaturesAsJson() {
        ReproData data = ReproGraphs.compute(ReproGraphs.chain("{\"rmode\": \"1\", \"meta_data\": {\"x\": NaN}}", 1));

        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) GraphReader.parseValue(new RawJson(data.graph().toJson()));

        assertThat(json).containsEntry("rmode", "1")
                .containsEntry("RERUN", Map.of("signature", data.graph().signatures().get(ReproMode.RERUN)));
        assertThat(json.get("meta_data")).isEqualTo(Map.of("x", Double.NaN));
    }
}
