package dlg.core.error;

/**
 * One thing wrong with a graph. {@code oid} names the drop it concerns, or is null for a problem
 * of the graph as a whole (e.g. its JSON syntax).
 */
public record GraphProblem(String oid, String message) {

    public static GraphProblem ofGraph(String message) {
        return new GraphProblem(null, message);
    }

    @Override
    public String toString() {
        return oid == null ? message : "drop '" + oid + "': " + message;
    }
}
