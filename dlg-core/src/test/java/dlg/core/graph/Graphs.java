package dlg.core.graph;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Builds small physical graphs as JSON text for tests. Fragments are written with single quotes
 * ({@code "'consumers': ['B']"}), which become double quotes.
 */
public final class Graphs {

    public static final String MEMORY = "dlg.data.drops.memory.InMemoryDROP";
    public static final String NULL_APP = "dlg.apps.simple.NullBarrierApp";

    private Graphs() {
    }

    /** Single quotes to double quotes. */
    public static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    /** A JSON list of drop objects. */
    public static String graph(String... drops) {
        return "[" + String.join(",", drops) + "]";
    }

    /** A v6 data drop (InMemoryDROP) with extra key/value fragments. */
    public static String data(String oid, String... extra) {
        return drop(oid, "Data", MEMORY, extra);
    }

    /** A v6 application drop (NullBarrierApp) with extra key/value fragments. */
    public static String app(String oid, String... extra) {
        return drop(oid, "Application", NULL_APP, extra);
    }

    /** A v6 drop of any category and class. */
    public static String drop(String oid, String categoryType, String dropClass, String... extra) {
        StringBuilder b = new StringBuilder("{\"oid\": \"").append(oid).append("\", \"categoryType\": \"")
                .append(categoryType).append('"');
        if (dropClass != null) {
            b.append(", \"dropclass\": \"").append(dropClass).append('"');
        }
        for (String e : extra) {
            b.append(", ").append(json(e));
        }
        return b.append('}').toString();
    }

    public static ParsedGraph parse(String... drops) {
        return GraphReader.read(graph(drops));
    }

    /** The one drop of a one-drop graph. */
    public static DropSpec dropSpec(String drop) {
        ParsedGraph g = parse(drop);
        if (g.drops().size() != 1 || !g.problems().isEmpty()) {
            throw new AssertionError("not a one-drop graph: " + g);
        }
        return g.drops().getFirst();
    }

    /** A graph made of these drops, validated structurally only. */
    public static GraphSpec graphSpec(String... drops) {
        GraphSpec spec = new GraphSpec();
        spec.append(parse(drops), SpecChecker.NONE);
        return spec;
    }

    /** DALiuGE's real test graphs ({@code shared/graphs/daliuge}), found above the working directory. */
    public static Optional<Path> daliugeGraphs() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/graphs/daliuge");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
