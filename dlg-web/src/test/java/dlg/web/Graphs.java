package dlg.web;

import java.util.ArrayList;
import java.util.List;

/** Physical graphs for the UI's tests, in DALiuGE's v6 format. */
final class Graphs {

    private Graphs() {
    }

    /** HelloWorldApp "hello" writes FileDROP "file". Root: hello. */
    static String hello() {
        return """
                [{"oid": "hello", "categoryType": "Application", "dropclass": "dlg.apps.simple.HelloWorldApp",
                  "name": "hello", "greet": "Web", "outputs": ["file"], "lg_key": 1},
                 {"oid": "file", "categoryType": "Data", "dropclass": "dlg.data.drops.file.FileDROP", "name": "file",
                  "filepath": "hello.txt", "producers": ["hello"], "lg_key": 2}]
                """;
    }

    /** "start" feeds a SleepApp of {@code seconds}, which writes "slept". Root: start. */
    static String sleep(int seconds) {
        return """
                [{"oid": "start", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP",
                  "name": "start", "consumers": ["sleep"]},
                 {"oid": "sleep", "categoryType": "Application", "dropclass": "dlg.apps.simple.SleepApp",
                  "name": "sleep", "sleep_time": %d, "inputs": ["start"], "outputs": ["slept"]},
                 {"oid": "slept", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP",
                  "name": "slept", "producers": ["sleep"]}]
                """.formatted(seconds);
    }

    /** A shell command that fails ("broken", exit 3), after a root that completes. Root: in. */
    static String failing() {
        return """
                [{"oid": "in", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP",
                  "name": "input", "consumers": ["fail"]},
                 {"oid": "fail", "categoryType": "Application", "dropclass": "dlg.apps.bash_shell_app.BashShellApp",
                  "name": "failing step", "command": "echo broken >&2; exit 3", "inputs": ["in"], "outputs": ["never"]},
                 {"oid": "never", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP",
                  "name": "never", "producers": ["fail"]}]
                """;
    }

    /** {@code n} shell commands that fail (exit 3), each after the one root "in" that completes. Root: in. */
    static String failingMany(int n) {
        List<String> drops = new ArrayList<>(2 * n + 1);
        drops.add("""
                {"oid": "in", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP", "name": "input"}""");
        for (int i = 0; i < n; i++) {
            drops.add("""
                    {"oid": "fail%1$d", "categoryType": "Application", "dropclass": "dlg.apps.bash_shell_app.BashShellApp",
                     "name": "failing step", "command": "exit 3", "inputs": ["in"], "outputs": ["never%1$d"]},
                    {"oid": "never%1$d", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP",
                     "name": "never", "producers": ["fail%1$d"]}""".formatted(i));
        }
        return "[" + String.join(",\n", drops) + "]";
    }

    /** A FileDROP whose file must exist and does not: the deploy fails. Root: needed. */
    static String missingFile() {
        return """
                [{"oid": "needed", "categoryType": "Data", "dropclass": "dlg.data.drops.file.FileDROP",
                  "name": "needed", "filepath": "missing.txt", "check_filepath_exists": true, "consumers": ["copy"]},
                 {"oid": "copy", "categoryType": "Application", "dropclass": "dlg.apps.simple.CopyApp",
                  "name": "copy", "inputs": ["needed"], "outputs": ["out"]},
                 {"oid": "out", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP",
                  "name": "out", "producers": ["copy"]}]
                """;
    }

    /**
     * A scatter of {@code n} branches: root "start" -> n NullBarrierApps -> n memory drops, each
     * with the lg_key of its construct (as DALiuGE's translator writes it). Root: start.
     *
     * @param node each drop's node attribute, or null
     */
    static String scatter(int n, String... nodes) {
        List<String> drops = new ArrayList<>(2 * n + 1);
        drops.add(drop("start", "Data", "dlg.data.drops.memory.InMemoryDROP", "start", 1, node(nodes, 0), ""));
        for (int i = 0; i < n; i++) {
            String node = node(nodes, i);
            drops.add(drop("app" + i, "Application", "dlg.apps.simple.NullBarrierApp", "work", 2, node,
                    ", \"inputs\": [\"start\"], \"outputs\": [\"out" + i + "\"]"));
            drops.add(drop("out" + i, "Data", "dlg.data.drops.memory.InMemoryDROP", "result", 3, node,
                    ", \"producers\": [\"app" + i + "\"]"));
        }
        return "[" + String.join(",\n", drops) + "]";
    }

    private static String node(String[] nodes, int i) {
        return nodes.length == 0 ? null : nodes[i % nodes.length];
    }

    private static String drop(String oid, String category, String dropClass, String name, int lgKey, String node,
                               String links) {
        return "{\"oid\": \"" + oid + "\", \"categoryType\": \"" + category + "\", \"dropclass\": \"" + dropClass
                + "\", \"name\": \"" + name + "\", \"lg_key\": " + lgKey
                + (node == null ? "" : ", \"node\": \"" + node + "\"") + links + "}";
    }
}
