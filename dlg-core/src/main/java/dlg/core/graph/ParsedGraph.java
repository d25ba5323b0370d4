package dlg.core.graph;

import dlg.core.error.GraphProblem;
import java.util.List;

/**
 * A graph (or graph part) as read from JSON, before validation.
 *
 * @param name the name of the translator's {@code ["name", [drops]]} wrapper, or null
 * @param drops the drop specs in document order (the reader's list also carries what it learnt of
 *     them, for validation)
 * @param reproData the graph-wide reproducibility element (the trailing {@code {"rmode": ...}}),
 *     or null
 * @param problems what the reader found wrong with individual drops (missing oid, unknown
 *     categoryType, malformed links); validation adds the rest
 */
public record ParsedGraph(String name, List<DropSpec> drops, RawJson reproData,
                          List<GraphProblem> problems) {

    public ParsedGraph {
        drops = drops instanceof IndexedDrops ? drops : List.copyOf(drops); // IndexedDrops is immutable
        problems = List.copyOf(problems);
    }

    public static ParsedGraph of(List<DropSpec> drops) {
        return new ParsedGraph(null, drops, null, List.of());
    }
}
