package dlg.manager.repro;

import com.fasterxml.jackson.core.JsonGenerator;
import dlg.core.graph.RawJson;
import java.io.IOException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A session's graph-wide reproducibility data ({@code reprodata} of {@code repro/data}).
 *
 * @param rmode the graph-wide rmode; NOTHING when the graph had no reproducibility element
 * @param signatures per computed mode, the Merkle root of the leaves' block hashes (hex)
 * @param submitted the graph's reproducibility element as submitted, or null when it had none
 */
public record GraphRepro(ReproMode rmode, Map<ReproMode, String> signatures, RawJson submitted) {

    public GraphRepro {
        Objects.requireNonNull(rmode, "rmode");
        signatures = signatures.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(signatures));
    }

    /**
     * Writes {@code {"rmode": "1", ...submitted..., "RERUN": {..., "signature": "<hex>"}}}, or
     * {@code {}} when the graph had no reproducibility element.
     */
    public void writeJson(JsonGenerator g) throws IOException {
        if (submitted == null) {
            g.writeStartObject();
            g.writeEndObject();
            return;
        }
        Map<String, Map<String, Object>> additions = new LinkedHashMap<>();
        signatures.forEach((mode, signature) -> additions.put(mode.name(), Map.of("signature", signature)));
        ReproJson.write(g, submitted, rmode.value(), additions);
    }

    public String toJson() {
        return ReproJson.toJson(this::writeJson);
    }
}
