package dlg.daemon;

/**
 * Made-up graphs shaped as the benchmarks' ({@code ../shared/bench/gen_graph.py}): what the AOT
 * cache's training ({@link TrainCommand}) and a fresh manager's warm-up ({@link WarmUp}) run.
 */
final class SyntheticGraphs {

    /** A SleepApp that does not sleep: the benchmarks' app, as a dropclass and its parameters. */
    static final String SLEEP_APP = "\"dlg.apps.simple.SleepApp\",\"sleep_time\":0";

    private SyntheticGraphs() {
    }

    /** n independent data -> SleepApp -> data triples, as the benchmarks' "wide" graphs. */
    static String wide(int n) {
        return wide(n, SLEEP_APP);
    }

    /** n independent data -> app -> data triples, the app given as its dropclass and parameters. */
    static String wide(int n, String app) {
        return wide(n, app, null);
    }

    /** The wide graph with its triples split among {@code nodes} in blocks (the benchmarks' {@code --split block}). */
    static String wide(int n, String app, String[] nodes) {
        return wide(n, app, nodes, NODE);
    }

    /** As {@link #wide(int, String, String[])}, each place written under every one of {@code keys}. */
    static String wide(int n, String app, String[] nodes, String... keys) {
        StringBuilder g = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            String at = at(keys, nodes, nodes == null ? 0 : (int) ((long) i * nodes.length / n));
            g.append(i == 0 ? "" : ",").append("{\"oid\":\"in").append(i).append("\",\"categoryType\":\"Data\",")
                    .append("\"dropclass\":\"dlg.data.drops.memory.InMemoryDROP\",\"consumers\":[\"app").append(i).append("\"]")
                    .append(at).append("},{\"oid\":\"app").append(i).append("\",\"categoryType\":\"Application\",")
                    .append("\"dropclass\":").append(app).append(",\"outputs\":[\"out").append(i).append("\"]").append(at)
                    .append("},{\"oid\":\"out").append(i).append("\",\"categoryType\":\"Data\",")
                    .append("\"dropclass\":\"dlg.data.drops.memory.InMemoryDROP\",\"producers\":[\"app").append(i).append("\"]")
                    .append(at).append('}');
        }
        return g.append("]").toString();
    }

    /** d0 -> a1 -> d1 -> ... -> dn, as the benchmarks' "chain" graphs. */
    static String chain(int n) {
        return chain(n, null);
    }

    /** The chain with step i on {@code nodes[i % length]} (the benchmarks' {@code --split alternate}). */
    static String chain(int n, String[] nodes) {
        return chain(n, nodes, NODE);
    }

    /** As {@link #chain(int, String[])}, each place written under every one of {@code keys}. */
    static String chain(int n, String[] nodes, String... keys) {
        return chain("dlg.apps.simple.SleepApp", n, nodes, keys);
    }

    /** As {@link #chain(int, String[], String...)}, every app of class {@code app} (e.g. a CopyApp). */
    static String chain(String app, int n, String[] nodes, String... keys) {
        StringBuilder g = new StringBuilder("[{\"oid\":\"d0\",\"categoryType\":\"Data\",\"dropclass\":\"dlg.data.drops.memory.InMemoryDROP\"")
                .append(at(keys, nodes, 0)).append('}');
        for (int i = 1; i <= n; i++) {
            g.append(",{\"oid\":\"a").append(i).append("\",\"categoryType\":\"Application\",")
                    .append("\"dropclass\":\"").append(app).append("\",\"inputs\":[\"d").append(i - 1).append("\"],")
                    .append("\"outputs\":[\"d").append(i).append("\"]").append(at(keys, nodes, i)).append("},{\"oid\":\"d").append(i)
                    .append("\",\"categoryType\":\"Data\",\"dropclass\":\"dlg.data.drops.memory.InMemoryDROP\"")
                    .append(at(keys, nodes, i)).append('}');
        }
        return g.append("]").toString();
    }

    private static final String[] NODE = {"node"};

    private static String at(String[] keys, String[] places, int i) {
        StringBuilder at = new StringBuilder();
        for (int k = 0; places != null && k < keys.length; k++) {
            at.append(",\"").append(keys[k]).append("\":\"").append(places[i % places.length]).append('"');
        }
        return at.toString();
    }

    static String roots(String prefix, int n) {
        StringBuilder r = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            r.append(i == 0 ? "" : ",").append('"').append(prefix).append(i).append('"');
        }
        return r.append("]").toString();
    }

    /**
     * The same JSON list with its elements written in turn as a browser's {@code JSON.stringify}
     * writes them (no spaces, as EAGLE sends a graph), as Python's {@code json.dumps} does (a space
     * after each comma and colon: DALiuGE's client, its translator, our benchmarks) and as
     * {@code json.dumps(indent=4)} does (the graph files users keep). A reader that rehearsed
     * only one of these had C2's code for it thrown away at the first real graph of another
     * (an "unstable if" where the parser skips white space), and read that graph in slower code
     * while C2 compiled it again.
     *
     * @param compact a JSON list without white space outside its strings
     */
    static String mixedLayouts(String compact) {
        StringBuilder out = new StringBuilder(compact.length() * 2);
        int depth = 0;
        int element = -1;
        boolean inString = false;
        for (int i = 0; i < compact.length(); i++) {
            char c = compact.charAt(i);
            if (inString) {
                out.append(c);
                if (c == '\\') {
                    out.append(compact.charAt(++i));
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            if (c == '{' && depth == 1) {
                element++;
            }
            Layout layout = depth == 0 || element < 0 ? Layout.COMPACT : LAYOUTS[element % LAYOUTS.length];
            switch (c) {
                case '"' -> {
                    inString = true;
                    out.append(c);
                }
                case '{', '[' -> {
                    out.append(c);
                    depth++;
                    if (layout == Layout.INDENTED && !closes(compact, i + 1)) {
                        newLine(out, depth);
                    }
                }
                case '}', ']' -> {
                    depth--;
                    if (layout == Layout.INDENTED && !opens(compact, i - 1)) {
                        newLine(out, depth);
                    }
                    out.append(c);
                }
                case ',' -> {
                    out.append(c);
                    if (layout == Layout.INDENTED) {
                        newLine(out, depth);
                    } else if (layout == Layout.SPACED) {
                        out.append(' ');
                    }
                }
                case ':' -> out.append(layout == Layout.COMPACT ? ":" : ": ");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** How {@link #mixedLayouts} writes an element: as JSON.stringify, json.dumps, json.dumps(indent=4). */
    private enum Layout { COMPACT, SPACED, INDENTED }

    private static final Layout[] LAYOUTS = Layout.values();

    private static boolean closes(String json, int i) {
        return i < json.length() && (json.charAt(i) == '}' || json.charAt(i) == ']');
    }

    private static boolean opens(String json, int i) {
        return i >= 0 && (json.charAt(i) == '{' || json.charAt(i) == '[');
    }

    private static void newLine(StringBuilder out, int depth) {
        out.append('\n').append(" ".repeat(4 * depth));
    }
}
