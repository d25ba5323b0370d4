package dlg.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dlg.core.graph.GraphReader;
import dlg.core.graph.ParsedGraph;
import org.junit.jupiter.api.Test;

class SyntheticGraphsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void mixedLayoutsKeepTheValuesAndWriteEachLayoutClientsSend() throws Exception {
        String compact = "[{\"oid\":\"a\",\"s\":\"x, y: {z} [\\\"q\\\"]\",\"e\":{},\"l\":[]},{\"oid\":\"b\",\"n\":[1,2]},"
                + "{\"oid\":\"c\",\"m\":{\"k\":\"v\"}},{\"oid\":\"d\"}]";

        String mixed = SyntheticGraphs.mixedLayouts(compact);

        JsonNode expected = JSON.readTree(compact);
        assertThat(JSON.readTree(mixed)).isEqualTo(expected);
        assertThat(mixed)
                .startsWith("[{\"oid\":\"a\",\"s\":\"x, y: {z} [\\\"q\\\"]\",\"e\":{},\"l\":[]},") // as JSON.stringify
                .contains("{\"oid\": \"b\", \"n\": [1, 2]}") // as json.dumps
                .contains("{\n        \"oid\": \"c\",\n        \"m\": {\n            \"k\": \"v\"\n        }\n    }") // indent=4
                .contains("{\"oid\":\"d\"}"); // and again
    }

    @Test
    void theWarmUpsGraphsReadAsTheirCompactSelves() throws Exception {
        for (String g : new String[] {SyntheticGraphs.chain(30, new String[] {"127.0.0.1:1:2:3", "127.0.0.1:4:5:6"}),
                SyntheticGraphs.wide(30, SyntheticGraphs.SLEEP_APP)}) {
            ParsedGraph compact = GraphReader.read(g);
            ParsedGraph mixed = GraphReader.read(SyntheticGraphs.mixedLayouts(g));
            assertThat(mixed.problems()).isEmpty();
            assertThat(mixed.drops()).hasSameSizeAs(compact.drops());
            assertThat(JSON.readTree(SyntheticGraphs.mixedLayouts(g))).isEqualTo(JSON.readTree(g));
        }
    }
}
