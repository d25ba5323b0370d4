package dlg.core.runtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds physical-graph JSON for tests, one drop at a time:
 *
 * <pre>{@code
 * Graph g = new Graph();
 * g.memory("A").consumers("B");
 * g.app("B", Graph.SLEEP).param("sleep_time", 0).outputs("C");
 * g.file("C").param("filepath", "c.txt");
 * String json = g.json();
 * }</pre>
 *
 * Values may be String, Number, Boolean, null, List, Map or {@link Raw} (inserted verbatim).
 */
public final class Graph {

    public static final String MEMORY = "dlg.data.drops.memory.InMemoryDROP";
    public static final String FILE = "dlg.data.drops.file.FileDROP";
    public static final String NULL = "dlg.data.drops.data_base.NullDROP";
    public static final String END = "dlg.data.drops.data_base.EndDROP";
    public static final String NULL_BARRIER = "dlg.apps.simple.NullBarrierApp";
    public static final String SLEEP = "dlg.apps.simple.SleepApp";
    public static final String COPY = "dlg.apps.simple.CopyApp";
    public static final String SLEEP_AND_COPY = "dlg.apps.simple.SleepAndCopyApp";
    public static final String HELLO = "dlg.apps.simple.HelloWorldApp";
    public static final String RANDOM = "dlg.apps.simple.RandomArrayApp";
    public static final String SCATTER = "dlg.apps.simple.GenericScatterApp";
    public static final String GATHER = "dlg.apps.simple.GenericGatherApp";
    public static final String PICK_ONE = "dlg.apps.simple.PickOne";
    public static final String SOCKET = "dlg.apps.socket_listener.SocketListenerApp";
    public static final String BASH = "dlg.apps.bash_shell_app.BashShellApp";

    /** JSON inserted as it is. */
    public record Raw(String json) {
    }

    private final List<Node> nodes = new ArrayList<>();

    public Node data(String oid, String dropClass) {
        Node n = new Node(oid, "Data", dropClass);
        nodes.add(n);
        return n;
    }

    public Node memory(String oid) {
        return data(oid, MEMORY);
    }

    public Node file(String oid) {
        return data(oid, FILE);
    }

    public Node app(String oid, String dropClass) {
        Node n = new Node(oid, "Application", dropClass);
        nodes.add(n);
        return n;
    }

    /** A {@link TestingApp} that runs {@code body}. */
    public Node app(String oid, TestingApp.Body body) {
        return app(oid, TestingApp.CLASS).param(TestingApp.BEHAVIOUR, TestingApp.register(body, false));
    }

    /** A {@link TestingApp} that runs {@code body} and declares that it waits (virtual threads). */
    public Node waitingApp(String oid, TestingApp.Body body) {
        return app(oid, TestingApp.CLASS).param(TestingApp.BEHAVIOUR, TestingApp.register(body, true));
    }

    public String json() {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < nodes.size(); i++) {
            if (i > 0) {
                b.append(",\n");
            }
            write(b, nodes.get(i).fields);
        }
        return b.append("]").toString();
    }

    @Override
    public String toString() {
        return json();
    }

    /** One drop spec. */
    public static final class Node {
        private final Map<String, Object> fields = new LinkedHashMap<>();
        private Map<String, Object> appArgs;

        Node(String oid, String category, String dropClass) {
            fields.put("oid", oid);
            fields.put("categoryType", category);
            if (dropClass != null) {
                fields.put("dropclass", dropClass);
            }
        }

        public Node param(String key, Object value) {
            fields.put(key, value);
            return this;
        }

        public Node inputs(String... oids) {
            return links("inputs", oids);
        }

        public Node outputs(String... oids) {
            return links("outputs", oids);
        }

        public Node consumers(String... oids) {
            return links("consumers", oids);
        }

        public Node producers(String... oids) {
            return links("producers", oids);
        }

        /** {@code "inputs": [{"<oid>": "<port>"}]}. */
        public Node input(String oid, String port) {
            return link("inputs", Map.of(oid, port));
        }

        public Node output(String oid, String port) {
            return link("outputs", Map.of(oid, port));
        }

        /** A bare applicationArgs entry: {@code "name": value}. */
        public Node bareArg(String name, Object value) {
            args().put(name, value);
            return this;
        }

        /** A NoPort applicationArgs entry. */
        public Node arg(String name, Object value) {
            return arg(name, value, "NoPort", null, null);
        }

        public Node arg(String name, Object value, String usage, String encoding, String type) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("value", value);
            a.put("usage", usage);
            if (encoding != null) {
                a.put("encoding", encoding);
            }
            if (type != null) {
                a.put("type", type);
            }
            a.put("positional", false);
            a.put("precious", false);
            args().put(name, a);
            return this;
        }

        /** Any applicationArgs entry, given in full. */
        public Node arg(String name, Map<String, Object> entry) {
            args().put(name, entry);
            return this;
        }

        private Map<String, Object> args() {
            if (appArgs == null) {
                appArgs = new LinkedHashMap<>();
                fields.put("applicationArgs", appArgs);
            }
            return appArgs;
        }

        private Node links(String key, String... oids) {
            for (String oid : oids) {
                link(key, oid);
            }
            return this;
        }

        @SuppressWarnings("unchecked")
        private Node link(String key, Object entry) {
            ((List<Object>) fields.computeIfAbsent(key, k -> new ArrayList<>())).add(entry);
            return this;
        }
    }

    // ---- JSON ----

    static void write(StringBuilder b, Object v) {
        switch (v) {
            case null -> b.append("null");
            case Raw r -> b.append(r.json());
            case String s -> string(b, s);
            case Number n -> b.append(n);
            case Boolean x -> b.append(x);
            case Map<?, ?> m -> {
                b.append('{');
                boolean first = true;
                for (var e : m.entrySet()) {
                    if (!first) {
                        b.append(',');
                    }
                    first = false;
                    string(b, e.getKey().toString());
                    b.append(':');
                    write(b, e.getValue());
                }
                b.append('}');
            }
            case List<?> l -> {
                b.append('[');
                for (int i = 0; i < l.size(); i++) {
                    if (i > 0) {
                        b.append(',');
                    }
                    write(b, l.get(i));
                }
                b.append(']');
            }
            default -> throw new IllegalArgumentException("cannot write " + v.getClass() + " as JSON");
        }
    }

    private static void string(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }
}
