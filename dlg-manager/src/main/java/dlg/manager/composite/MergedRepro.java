package dlg.manager.composite;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dlg.core.graph.RawJson;
import dlg.manager.SubManager.Query;
import dlg.manager.repro.CompositeRepro;
import dlg.manager.repro.ReproException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * A composite manager's {@code repro/status} and {@code repro/data}, which DALiuGE leaves
 * unimplemented (501): merged from its sub-managers' own. The status is true once every
 * sub-manager's is. The data is the union of their graph dicts, with the links the split cut put
 * back, and a graph-wide reprodata computed over the whole graph: each drop keeps the runtime data
 * ({@code rg_data}) its NodeManager filed, and the runtime block-DAG is built again over every
 * drop ({@link CompositeRepro#runtime}). That is what one NodeManager running the whole graph
 * would report, which is the only signature that says something of the whole run: each
 * sub-manager's covers its part, whose leaves are not the graph's. A MasterManager does the same
 * over its DataIslandManagers' merged data, so each level signs what is below it.
 */
final class MergedRepro {

    private static final Logger log = LoggerFactory.getLogger(MergedRepro.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> DICT = new TypeReference<>() { };

    private MergedRepro() {
    }

    static boolean status(CompositeManager cm, String sessionId) {
        for (RawJson reply : cm.askAll(sessionId, Query.REPRO_STATUS).values()) {
            if (!Boolean.TRUE.equals(parse(reply.json(), Object.class))) {
                return false;
            }
        }
        return true;
    }

    /** {@code {"graph": {oid: spec, ..., "reprodata": element}, "reprodata": element | {} | null}}. */
    static Map<String, Object> data(CompositeManager cm, String sessionId) {
        CompositeSession s = cm.session(sessionId);
        Map<String, Map<String, Object>> drops = new LinkedHashMap<>();
        boolean complete = true;
        for (RawJson reply : cm.askAll(sessionId, Query.REPRO_DATA).values()) {
            Map<String, Object> part = parse(reply.json(), DICT);
            complete &= part.get("reprodata") != null;
            if (part.get("graph") instanceof Map<?, ?> graph) {
                graph.forEach((oid, spec) -> {
                    if (!"reprodata".equals(oid) && spec instanceof Map<?, ?>) { // the part's signed element
                        @SuppressWarnings("unchecked")
                        Map<String, Object> dict = (Map<String, Object>) spec;
                        drops.put((String) oid, dict);
                    }
                });
            }
        }
        CrossLinks.restore(drops, s.lostLinks());
        Map<String, Object> graph = new LinkedHashMap<>(drops);
        Object graphWide = null;
        if (complete) {
            try {
                graphWide = CompositeRepro.runtime(graph, s.reproElement());
            } catch (ReproException e) {
                try (var m = MDC.putCloseable("sessionId", sessionId)) {
                    log.warn("session {}: no reproducibility data for the whole graph: {}", sessionId, e.getMessage());
                }
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("graph", graph);
        out.put("reprodata", graphWide);
        return out;
    }

    private static <T> T parse(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T parse(String json, TypeReference<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
