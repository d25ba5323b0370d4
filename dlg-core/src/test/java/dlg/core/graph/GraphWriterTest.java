package dlg.core.graph;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GraphWriterTest {

    private static String write(List<DropSpec> drops) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            GraphWriter.writeGraphDict(g, drops);
        }
        return out.toString();
    }

    @Test
    void writeGraphDict_readBack_givesTheSameSpecs() throws IOException {
        ParsedGraph parsed = GraphReader.read("""
                [{"oid": "a", "uid": "a-uid", "categoryType": "Application", "dropclass": "dlg.apps.simple.CopyApp",
                  "name": "copier", "node": "n1:8000:5555:6666", "island": "i1:8001",
                  "inputs": [{"in": "port_in"}], "outputs": ["out"], "bufsize": 4096, "ratio": 0.5, "flag": true,
                  "nothing": null, "nested": {"x": [1, 2]}},
                 {"oid": "in", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP"},
                 {"oid": "out", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP",
                  "producers": ["a"]}]
                """);
        String json = write(parsed.drops());
        Object dict = GraphReader.parseValue(new RawJson(json));
        assertThat(dict).isInstanceOf(Map.class);
        assertThat(((Map<?, ?>) dict).keySet().stream().map(Object::toString)).containsExactly("a", "in", "out");

        ParsedGraph again = GraphReader.read("[" + String.join(",", ((Map<?, ?>) dict).values().stream()
                .map(v -> GraphWriterTest.reserialise(v)).toList()) + "]");
        assertThat(again.problems()).isEmpty();
        assertThat(again.drops()).usingRecursiveFieldByFieldElementComparator().isEqualTo(parsed.drops());
    }

    @Test
    void writeDrop_uidEqualToOid_isLeftOut() throws IOException {
        ParsedGraph parsed = GraphReader.read("""
                [{"oid": "d", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP"}]""");
        assertThat(write(parsed.drops())).isEqualTo("{\"d\":{\"oid\":\"d\",\"categoryType\":\"Data\","
                + "\"dropclass\":\"dlg.data.drops.memory.InMemoryDROP\"}}");
    }

    private static String reserialise(Object value) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            writeJava(g, value);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out.toString();
    }

    private static void writeJava(JsonGenerator g, Object v) throws IOException {
        switch (v) {
            case null -> g.writeNull();
            case Map<?, ?> m -> {
                g.writeStartObject();
                for (var e : m.entrySet()) {
                    g.writeFieldName((String) e.getKey());
                    writeJava(g, e.getValue());
                }
                g.writeEndObject();
            }
            case List<?> l -> {
                g.writeStartArray();
                for (Object o : l) {
                    writeJava(g, o);
                }
                g.writeEndArray();
            }
            default -> GraphReader.writeValue(g, v);
        }
    }
}
