package dlg.manager.repro;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dlg.core.graph.RawJson;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What the calculator needs of a drop's submitted {@code reprodata}
 * ({@code {"rmode": "1", "RERUN": {"lg_blockhash": ..., "pgt_blockhash": ..., "pg_blockhash": ...}}}):
 * its own rmode, and per mode the block hashes the translator computed, which the runtime block
 * chains as DALiuGE's does. Read with a streaming parser: millions of drops may carry one.
 *
 * @param rmode the drop's own rmode, or null when it gives none
 * @param translated per mode name, the translator's block hashes in the order of {@link #TRANSLATED}
 */
record DropReproSpec(ReproMode rmode, Map<ReproMode, String[]> translated) {

    static final DropReproSpec NONE = new DropReproSpec(null, Map.of());

    /** The translate-time block hashes, from the logical graph to the physical graph. */
    static final List<String> TRANSLATED = List.of("lg_blockhash", "pgt_blockhash", "pg_blockhash");

    /**
     * @param reprodata the drop's {@code reprodata} parameter, or null
     * @throws IllegalArgumentException when it is not an object, or its rmode is none
     */
    static DropReproSpec of(String oid, Object reprodata) {
        return reprodata == null ? NONE : read("drop " + oid, reprodata);
    }

    /** Reads the graph-wide element (the translate-time hashes it may hold are not used). */
    static DropReproSpec ofGraph(RawJson element) {
        return read("the graph-wide reproducibility element", element);
    }

    /** @param owner whose reprodata it is, for messages: {@code "drop A"} */
    private static DropReproSpec read(String owner, Object reprodata) {
        if (!(reprodata instanceof RawJson raw) || !raw.json().startsWith("{")) {
            throw new IllegalArgumentException(owner + ": reprodata must be an object, not " + reprodata);
        }
        try (JsonParser p = ReproJson.JSON.createParser(raw.json())) {
            p.nextToken();
            ReproMode rmode = null;
            Map<ReproMode, String[]> translated = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonToken t = p.nextToken();
                if (key.equals("rmode")) {
                    rmode = rmode(owner, p, t);
                } else if (t == JsonToken.START_OBJECT && isModeName(key)) {
                    String[] hashes = readTranslated(p);
                    if (hashes != null) {
                        translated = translated == null ? new EnumMap<>(ReproMode.class) : translated;
                        translated.put(ReproMode.valueOf(key), hashes);
                    }
                } else {
                    p.skipChildren();
                }
            }
            return new DropReproSpec(rmode, translated == null ? Map.of() : translated);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ReproMode rmode(String owner, JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (!t.isScalarValue()) {
            throw new IllegalArgumentException(owner + ": reprodata's rmode must be a code or a name, not "
                    + readStructure(p));
        }
        Object value = t == JsonToken.VALUE_NUMBER_INT ? p.getNumberValue() : p.getText();
        try {
            return ReproMode.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(owner + ": " + e.getMessage(), e);
        }
    }

    private static String readStructure(JsonParser p) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = ReproJson.JSON.createGenerator(out)) {
            g.copyCurrentStructure(p);
        }
        return out.toString();
    }

    /** Reads one mode's object; returns its translate-time hashes, or null when it has none. */
    private static String[] readTranslated(JsonParser p) throws IOException {
        String[] hashes = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            int at = TRANSLATED.indexOf(p.currentName());
            JsonToken t = p.nextToken();
            if (at >= 0 && t == JsonToken.VALUE_STRING) {
                hashes = hashes == null ? new String[TRANSLATED.size()] : hashes;
                hashes[at] = p.getText();
            } else {
                p.skipChildren();
            }
        }
        return hashes;
    }

    private static boolean isModeName(String key) {
        for (ReproMode m : ReproMode.values()) {
            if (m.name().equals(key)) {
                return true;
            }
        }
        return false;
    }
}
