package dlg.manager.repro;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dlg.core.graph.RawJson;
import java.io.UncheckedIOException;

/** Reproducibility data as mutable JSON trees (maps keep their key order), and back to text. */
final class ReproJson {

    /** Reads and writes what GraphReader wrote: NaN may appear as a bare number, as Python's json writes it. */
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .build());

    private ReproJson() {
    }

    /** A drop parameter as a tree: a RawJson parsed (a fresh copy each time), a scalar as it is. */
    static Object tree(Object param) {
        if (!(param instanceof RawJson raw)) {
            return param;
        }
        try {
            return MAPPER.readValue(raw.json(), Object.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(Object tree) {
        try {
            return MAPPER.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
