package dlg.manager;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dlg.core.graph.GraphReader;
import dlg.core.graph.RawJson;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Reads a graph file into plain Java values (ordered maps, lists, scalars) so that a test can edit
 * it in memory, and writes it back as JSON. The files themselves are never changed.
 */
final class GraphJson {

    private static final JsonFactory JSON = new JsonFactory();

    private GraphJson() {
    }

    static Object read(Path file) throws IOException {
        return GraphReader.parseValue(new RawJson(Files.readString(file)));
    }

    /** The drop specs of a graph document: its list, or the list inside a {@code ["name", [drops]]} wrapper. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> drops(Object document) {
        List<Object> top = (List<Object>) document;
        if (!top.isEmpty() && top.getFirst() instanceof String) {
            return (List<Map<String, Object>>) top.get(1);
        }
        return (List<Map<String, Object>>) document;
    }

    static Map<String, Object> drop(Object document, String oid) {
        return drops(document).stream().filter(d -> oid.equals(d.get("oid"))).findFirst()
                .orElseThrow(() -> new AssertionError("the graph has no drop " + oid));
    }

    /** The {@code applicationArgs} entry {@code name} of a drop. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> appArg(Map<String, Object> drop, String name) {
        Map<String, Object> args = (Map<String, Object>) drop.get("applicationArgs");
        Map<String, Object> arg = args == null ? null : (Map<String, Object>) args.get(name);
        if (arg == null) {
            throw new AssertionError("drop " + drop.get("oid") + " has no applicationArgs entry " + name);
        }
        return arg;
    }

    static String write(Object value) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            write(g, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void write(JsonGenerator g, Object value) throws IOException {
        switch (value) {
            case Map<?, ?> m -> {
                g.writeStartObject();
                for (var e : m.entrySet()) {
                    g.writeFieldName(String.valueOf(e.getKey()));
                    write(g, e.getValue());
                }
                g.writeEndObject();
            }
            case List<?> l -> {
                g.writeStartArray();
                for (Object o : l) {
                    write(g, o);
                }
                g.writeEndArray();
            }
            case null, default -> GraphReader.writeValue(g, value);
        }
    }
}
