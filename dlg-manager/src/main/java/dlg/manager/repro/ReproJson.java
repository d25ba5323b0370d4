package dlg.manager.repro;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import dlg.core.graph.RawJson;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a reprodata object as DALiuGE returns it: the submitted object with {@code rmode} first
 * and the runtime fields added to (or replacing those of) each computed mode's object, everything
 * else copied as submitted. Streams the submitted text: no tree.
 */
final class ReproJson {

    /** Reads and writes what GraphReader wrote: NaN may appear as a bare number. */
    static final JsonFactory JSON = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .build();

    private ReproJson() {
    }

    interface Writer {
        void writeJson(JsonGenerator g) throws IOException;
    }

    static String toJson(Writer w) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            w.writeJson(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * @param submitted the reprodata as submitted, or null
     * @param additions per mode name, fields to write into that mode's object (String or List of String values)
     */
    static void write(JsonGenerator g, RawJson submitted, String rmode,
                      Map<String, Map<String, Object>> additions) throws IOException {
        g.writeStartObject();
        g.writeStringField("rmode", rmode);
        Set<String> written = new HashSet<>();
        if (submitted != null) {
            try (JsonParser p = JSON.createParser(submitted.json())) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    throw new IllegalArgumentException("reprodata must be an object, not " + submitted);
                }
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    JsonToken t = p.nextToken();
                    Map<String, Object> added = additions.get(key);
                    if (key.equals("rmode")) {
                        p.skipChildren();
                    } else if (added != null && t == JsonToken.START_OBJECT) {
                        g.writeFieldName(key);
                        mergeObject(g, p, added);
                        written.add(key);
                    } else if (added == null) {
                        g.writeFieldName(key);
                        g.copyCurrentStructure(p);
                    } else {
                        p.skipChildren(); // a mode's entry that is no object: ours replaces it
                    }
                }
            }
        }
        for (var e : additions.entrySet()) {
            if (!written.contains(e.getKey())) {
                g.writeObjectFieldStart(e.getKey());
                writeFields(g, e.getValue());
                g.writeEndObject();
            }
        }
        g.writeEndObject();
    }

    /** Copies the object the parser is at, without the fields {@code added} replaces, then adds those. */
    private static void mergeObject(JsonGenerator g, JsonParser p, Map<String, Object> added) throws IOException {
        g.writeStartObject();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            p.nextToken();
            if (added.containsKey(key)) {
                p.skipChildren();
            } else {
                g.writeFieldName(key);
                g.copyCurrentStructure(p);
            }
        }
        writeFields(g, added);
        g.writeEndObject();
    }

    private static void writeFields(JsonGenerator g, Map<String, Object> fields) throws IOException {
        for (var f : fields.entrySet()) {
            g.writeFieldName(f.getKey());
            if (f.getValue() instanceof List<?> list) {
                g.writeStartArray();
                for (Object o : list) {
                    g.writeString(o.toString());
                }
                g.writeEndArray();
            } else {
                g.writeString(f.getValue().toString());
            }
        }
    }
}
