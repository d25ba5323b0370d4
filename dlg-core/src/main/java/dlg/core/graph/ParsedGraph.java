package dlg.core.graph;

import dlg.core.error.GraphProblem;
import java.util.List;
import java.util.Objects;

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
 * @param bytes the bytes the drops had in the document, when its reader kept them (see
 *     {@link DropBytes}), else {@link DropBytes#NONE}
 */
public record ParsedGraph(String name, List<DropSpec> drops, RawJson reproData,
                          List<GraphProblem> problems, DropBytes bytes) {

    public ParsedGraph {
        drops = drops instanceof IndexedDrops ? drops : List.copyOf(drops); // IndexedDrops is immutable
        problems = List.copyOf(problems);
        Objects.requireNonNull(bytes, "bytes");
    }

    /** A graph of drops with no bytes kept. */
    public ParsedGraph(String name, List<DropSpec> drops, RawJson reproData, List<GraphProblem> problems) {
        this(name, drops, reproData, problems, DropBytes.NONE);
    }

    /** This graph without the bytes of its drops (a manager keeps the specs, not the text). */
    public ParsedGraph withoutBytes() {
        return bytes == DropBytes.NONE ? this : new ParsedGraph(name, drops, reproData, problems);
    }

    public static ParsedGraph of(List<DropSpec> drops) {
        return new ParsedGraph(null, drops, null, List.of());
    }
}
