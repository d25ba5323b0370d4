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
 * One drop's reproducibility data after the run (its {@code reprodata} in {@code repro/data}'s graph).
 *
 * @param rmode the drop's own rmode, else the graph-wide one
 * @param blocks per computed graph-wide mode, the drop's runtime block
 * @param submitted the drop's {@code reprodata} as submitted, or null
 */
public record DropRepro(String oid, ReproMode rmode, Map<ReproMode, DropBlock> blocks, RawJson submitted) {

    public DropRepro {
        Objects.requireNonNull(oid, "oid");
        Objects.requireNonNull(rmode, "rmode");
        blocks = blocks.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(blocks));
    }

    /**
     * Writes {@code {"rmode": "1", ...submitted..., "RERUN": {...submitted..., "rg_blockhash": "<hex>",
     * "rg_parenthashes": ["<hex>", ...]}}}.
     */
    public void writeJson(JsonGenerator g) throws IOException {
        Map<String, Map<String, Object>> additions = new LinkedHashMap<>();
        blocks.forEach((mode, block) -> {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("rg_blockhash", block.blockHash());
            fields.put("rg_parenthashes", block.parentHashes());
            additions.put(mode.name(), fields);
        });
        ReproJson.write(g, submitted, rmode.value(), additions);
    }

    public String toJson() {
        return ReproJson.toJson(this::writeJson);
    }
}
