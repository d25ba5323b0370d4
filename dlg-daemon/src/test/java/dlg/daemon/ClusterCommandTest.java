package dlg.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code dlg cluster -n N GRAPH}, in-process through {@link Main#commandLine()}. */
@Timeout(60)
class ClusterCommandTest {

    @TempDir
    Path tmp;

    record Result(int exitCode, String out, String err) {
    }

    private Result cluster(String graph, String... more) throws IOException {
        Path file = Files.writeString(tmp.resolve("graph.json"), graph);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        List<String> args = new java.util.ArrayList<>(List.of("cluster", file.toString(), "--workdir",
                tmp.resolve("work").toString(), "--session-id", "s1"));
        args.addAll(List.of(more));
        int code = cl.execute(args.toArray(String[]::new));
        return new Result(code, out.toString(), err.toString());
    }

    /** A chain hello -> d0 -> copy1 -> d1 -> ... -> d5 (files): spread over the nodes, it crosses them. */
    private static String chain() {
        StringBuilder g = new StringBuilder("""
                [{"oid": "hello", "categoryType": "Application", "dropclass": "dlg.apps.simple.HelloWorldApp",
                  "greet": "cluster", "outputs": ["d0"]},
                 {"oid": "d0", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP"}""");
        for (int i = 1; i <= 5; i++) {
            g.append(",\n{\"oid\": \"copy%d\", \"categoryType\": \"Application\", \"dropclass\": \"dlg.apps.simple.CopyApp\", \"inputs\": [\"d%d\"], \"outputs\": [\"d%d\"]}"
                    .formatted(i, i - 1, i));
            g.append(",\n{\"oid\": \"d%d\", \"categoryType\": \"Data\", \"dropclass\": \"dlg.data.drops.file.FileDROP\", \"filepath\": \"d%d.txt\"}"
                    .formatted(i, i));
        }
        return g.append("]").toString();
    }

    @Test
    void graphWithoutNodes_runsAcrossTheNodes_andFinishes() throws IOException {
        Result r = cluster(chain(), "-n", "3");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).containsPattern("UI http://127.0.0.1:\\d+/\\?token=\\S{40,}")
                .contains("every port demands this cluster's secret");
        assertThat(tmp.resolve("work").resolve(ClusterCommand.TOKEN_FILE)).as("removed with its cluster").doesNotExist();
        assertThat(r.err()).contains("over 3 NodeManagers").contains("session s1 FINISHED: 12 drops on 3 NodeManagers");
        List<Path> sessions = List.of(0, 1, 2).stream().map(i -> tmp.resolve("work/nm" + i + "/workspace/s1")).toList();
        Path last = sessions.stream().map(s -> s.resolve("d5.txt")).filter(Files::exists).findFirst().orElseThrow();
        assertThat(last).hasContent("Hello cluster");
        long nodesWithFiles = sessions.stream().filter(s -> {
            try (var files = Files.list(s)) {
                return files.anyMatch(f -> f.getFileName().toString().matches("d\\d\\.txt"));
            } catch (IOException e) {
                return false;
            }
        }).count();
        assertThat(nodesWithFiles).as("the chain's files are on every node").isEqualTo(3);
    }

    @Test
    void scatterExample_writesOneCopyOnEachOfFourNodes() throws IOException {
        Path example = Path.of("..", "examples", "scatter.json");
        assumeTrue(Files.isRegularFile(example), "no examples/scatter.json next to dlg-daemon: skipping");

        Result r = cluster(Files.readString(example), "-n", "4");

        assertThat(r.exitCode()).as(r.err()).isZero();
        for (int i = 0; i < 4; i++) {
            assertThat(tmp.resolve("work/nm" + i + "/workspace/s1/copy" + (i + 1) + ".txt")).hasContent("Hello cluster");
        }
    }

    @Test
    void noAuth_runsOpen_withoutAToken() throws IOException {
        Result r = cluster(chain(), "-n", "2", "--no-auth");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).doesNotContain("token").containsPattern("UI http://127.0.0.1:\\d+/\\n");
    }

    @Test
    void failingApp_exitsWithOne() throws IOException {
        Result r = cluster("""
                [{"oid": "fail", "categoryType": "Application", "dropclass": "dlg.apps.bash_shell_app.BashShellApp",
                  "command": "exit 3"}]""", "-n", "2");

        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).contains("session s1 FAILED");
    }

    @Test
    void invalidGraph_exitsWithTwo_namingTheProblem() throws IOException {
        Result r = cluster("""
                [{"oid": "a", "categoryType": "Application", "dropclass": "dlg.apps.simple.CopyApp", "outputs": ["nowhere"]}]""",
                "-n", "2");

        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("invalid graph").contains("nowhere");
    }

    @Test
    void noNodes_isAUsageError() throws IOException {
        Result r = cluster("[]", "-n", "0");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("-n must be at least 1: 0");
    }
}
