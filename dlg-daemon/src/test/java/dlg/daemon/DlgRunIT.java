package dlg.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dlg run} as users run it: the packaged {@code target/dlg.jar} in a JVM of its own (the
 * same JDK 25 that runs this test), checked by exit status and output.
 */
class DlgRunIT {

    private static final long TIMEOUT_SECONDS = 120;

    private static Path jar;
    private static String java;

    @TempDir
    Path tmp;

    @BeforeAll
    static void findJarAndJava() {
        jar = Path.of("target", "dlg.jar").toAbsolutePath();
        assertThat(jar).as("the packaged jar (failsafe runs after 'package')").isRegularFile();
        java = ProcessHandle.current().info().command()
                .orElseThrow(() -> new AssertionError("cannot tell which java runs this test"));
    }

    /** What one process printed and returned. */
    record Result(int exitCode, String out, String err) {
    }

    private Result dlg(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java, "-jar", jar.toString()));
        command.addAll(List.of(args));
        Path out = tmp.resolve("stdout-" + System.nanoTime());
        Path err = tmp.resolve("stderr-" + System.nanoTime());
        ProcessBuilder pb = new ProcessBuilder(command).directory(tmp.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("DLG_ROOT", tmp.resolve("dlg-root").toString()); // never the user's ~/dlg
        Process p = pb.start();
        try {
            assertThat(p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS))
                    .as("dlg %s ended within %d s", args, TIMEOUT_SECONDS).isTrue();
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private Result run(Path graph, String sessionId) throws IOException, InterruptedException {
        return dlg("run", graph.toString(), "--workdir", tmp.resolve(sessionId).toString(),
                "--session-id", sessionId, "--no-progress");
    }

    @Test
    void run_validGraph_exits0WithSummary() throws Exception {
        Path graph = Files.writeString(tmp.resolve("hello.json"), RunCommandTest.HELLO);

        Result r = run(graph, "it1");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("Session it1 FINISHED in ").contains("2 drops: 2 COMPLETED");
        assertThat(tmp.resolve("it1/hello.txt")).hasContent("Hello run");
    }

    @Test
    void run_invalidGraph_exits2NamingTheProblem() throws Exception {
        Path graph = Files.writeString(tmp.resolve("broken.json"), "[{\"oid\": ");

        Result r = run(graph, "it2");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("invalid graph").contains("malformed JSON");
    }

    @Test
    void run_appFails_exits1() throws Exception {
        Path graph = Files.writeString(tmp.resolve("fails.json"), """
                [{"oid": "fail", "categoryType": "Application", "dropclass": "dlg.apps.bash_shell_app.BashShellApp",
                  "command": "exit 5"}]
                """);

        Result r = run(graph, "it3");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("Session it3 FAILED").contains("ERROR fail: command exited with code 5");
    }

    @Test
    void version_packagedJar_printsItsMavenVersion() throws Exception {
        Result r = dlg("--version");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).containsPattern("^dlg \\d+\\.\\d+\\.\\d+\\S* \\(Java 25");
    }

    @Test
    void run_daliugeDdExample_exits0() throws Exception {
        String dir = System.getProperty("dlg.daliuge.graphs");
        assumeTrue(dir != null && Files.isDirectory(Path.of(dir)),
                "DALiuGE graphs folder " + dir + " is absent: skipping");

        Result r = run(Path.of(dir, "ddExamplePG.graph"), "it-dd");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("Session it-dd FINISHED").contains("3 drops:");
    }

    @Test
    void run_daliugePythonGraph_runsOnPythonWorkersFromThePackagedJar() throws Exception {
        String dir = System.getProperty("dlg.daliuge.graphs");
        assumeTrue(dir != null && Files.isDirectory(Path.of(dir)),
                "DALiuGE graphs folder " + dir + " is absent: skipping");
        assumeTrue(new ProcessBuilder("python3", "-c", "pass").start().waitFor() == 0,
                "no python3 on the PATH: skipping");

        Result r = run(Path.of(dir, "string2jsonPG.graph"), "it-py");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("Session it-py FINISHED");
    }

    @Test
    void run_pythonOptionNoSuchInterpreter_exits1NamingIt() throws Exception {
        String dir = System.getProperty("dlg.daliuge.graphs");
        assumeTrue(dir != null && Files.isDirectory(Path.of(dir)),
                "DALiuGE graphs folder " + dir + " is absent: skipping");

        Result r = dlg("run", Path.of(dir, "string2jsonPG.graph").toString(), "--workdir",
                tmp.resolve("it-nopy").toString(), "--session-id", "it-nopy", "--no-progress",
                "--python", "/nonexistent/python");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out() + r.err()).contains("cannot start the Python interpreter '/nonexistent/python'");
    }

    @Test
    void run_projectExample_exits0() throws Exception {
        String root = System.getProperty("dlg.project.root");
        assumeTrue(root != null && Files.isDirectory(Path.of(root, "examples")),
                "no examples/ folder at the project root (" + root + "): skipping");
        Path example;
        try (Stream<Path> files = Files.list(Path.of(root, "examples"))) {
            example = files.filter(f -> f.toString().endsWith(".graph") || f.toString().endsWith(".json"))
                    .sorted().findFirst().orElse(null);
        }
        assumeTrue(example != null, "examples/ holds no .graph or .json file: skipping");

        Result r = run(example, "it-example");

        assertThat(r.exitCode()).as("dlg run %s: %s", example, r.err()).isZero();
        assertThat(r.out()).contains("Session it-example FINISHED");
    }
}
