package dlg.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code dlg run}, in-process through {@link Main#commandLine()}. */
@Timeout(60) // a run that never ends fails its test instead of hanging the build
class RunCommandTest {

    /** HelloWorldApp "hello" writes "Hello run" into FileDROP "greeting" (hello.txt). */
    static final String HELLO = """
            [{"oid": "hello", "categoryType": "Application", "dropclass": "dlg.apps.simple.HelloWorldApp",
              "greet": "run", "outputs": ["greeting"]},
             {"oid": "greeting", "categoryType": "Data", "dropclass": "dlg.data.drops.file.FileDROP",
              "filepath": "hello.txt", "producers": ["hello"]}]
            """;

    @TempDir
    Path tmp;

    /** What one command printed and returned. */
    record Result(int exitCode, String out, String err) {
    }

    private Result dlg(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    private Path graph(String json) throws IOException {
        return Files.writeString(Files.createTempFile(tmp, "graph", ".json"), json);
    }

    private Path workdir() {
        return tmp.resolve("work");
    }

    /** {@code run GRAPH --workdir <tmp>/work --session-id s1 --no-progress} plus {@code more}. */
    private Result run(Path graph, String... more) {
        List<String> args = new ArrayList<>(List.of("run", graph.toString(), "--workdir", workdir().toString(),
                "--session-id", "s1", "--no-progress"));
        args.addAll(List.of(more));
        return dlg(args.toArray(String[]::new));
    }

    // ---- Outcomes ----

    @Test
    void run_validGraph_exits0AndPrintsSummary() throws IOException {
        Result r = run(graph(HELLO));

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("Session s1 FINISHED in ")
                .contains("2 drops: 2 COMPLETED")
                .contains("1 apps: 1 FINISHED")
                .contains("session directory: " + workdir().toAbsolutePath())
                .doesNotContain("ERROR");
        assertThat(workdir().resolve("hello.txt")).hasContent("Hello run");
    }

    @Test
    void run_emptyGraph_exits0() throws IOException {
        Result r = run(graph("[]"));

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("Session s1 FINISHED");
    }

    @Test
    void run_appFails_exits1ListingTheErrorDropAndItsCause() throws IOException {
        Result r = run(graph("""
                [{"oid": "fail", "categoryType": "Application", "dropclass": "dlg.apps.bash_shell_app.BashShellApp",
                  "command": "echo oops >&2; exit 3", "outputs": ["never"]},
                 {"oid": "never", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP"}]
                """));

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out())
                .contains("Session s1 FAILED")
                .containsPattern("ERROR fail: command exited with code 3: oops")
                .contains("ERROR never:");
    }

    @Test
    void run_fileThatMustExistIsMissing_exits1NamingDropAndFile() throws IOException {
        Result r = run(graph("""
                [{"oid": "needed", "categoryType": "Data", "dropclass": "dlg.data.drops.file.FileDROP",
                  "filepath": "absent.txt", "check_filepath_exists": "1", "consumers": ["copy"]},
                 {"oid": "copy", "categoryType": "Application", "dropclass": "dlg.apps.simple.CopyApp"}]
                """));

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("session s1 FAILED while deploying").contains("needed").contains("absent.txt");
    }

    // ---- Invalid graphs: exit 2 ----

    @Test
    void run_malformedJson_exits2NamingWhere() throws IOException {
        Result r = run(graph("[{\"oid\": \"a\", "));

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("invalid graph").contains("malformed JSON").contains("line 1");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void run_unknownClass_exits2NamingDropAndClass() throws IOException {
        Result r = run(graph("""
                [{"oid": "odd", "categoryType": "Application", "dropclass": "com.example.NoSuchApp"}]
                """));

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("drop 'odd'").contains("com.example.NoSuchApp");
    }

    @Test
    void run_confinePathsAndFileOutside_exits2NamingDropAndPathAndRunsNothing() throws IOException {
        Path outside = tmp.resolve("outside").resolve("hello.txt");

        Result r = run(graph(HELLO.replace("hello.txt", outside.toString())), "--confine-paths");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("invalid graph").contains("drop 'greeting'").contains(outside.toString())
                .contains("outside the session directory");
        assertThat(r.out()).isEmpty();
        assertThat(outside.getParent()).doesNotExist();
    }

    @Test
    void run_confinePathsAndFileInside_finishes() throws IOException {
        Result r = run(graph(HELLO), "--confine-paths");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(workdir().resolve("hello.txt")).hasContent("Hello run");
    }

    @Test
    void run_fileOutsideWithoutConfinePaths_isWrittenWhereTheGraphSays() throws IOException {
        Path outside = tmp.resolve("outside").resolve("hello.txt");

        Result r = run(graph(HELLO.replace("hello.txt", outside.toString())));

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(outside).hasContent("Hello run");
    }

    @Test
    void run_cycle_exits2NamingTheCycle() throws IOException {
        Result r = run(graph("""
                [{"oid": "a", "categoryType": "Application", "dropclass": "dlg.apps.simple.CopyApp",
                  "inputs": ["y"], "outputs": ["x"]},
                 {"oid": "x", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP",
                  "consumers": ["b"]},
                 {"oid": "b", "categoryType": "Application", "dropclass": "dlg.apps.simple.CopyApp", "outputs": ["y"]},
                 {"oid": "y", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP"}]
                """));

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("cycle");
    }

    @Test
    void run_missingGraphFile_exits2NamingTheFile() {
        Path missing = tmp.resolve("no-such-graph.json");

        Result r = run(missing);

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains(missing.toString()).contains("no such file");
        assertThat(workdir()).doesNotExist();
    }

    @Test
    void run_stringOverMaxStringSize_exits2NamingDropKeyAndLimit() throws IOException {
        String big = "x".repeat((1 << 20) + 1);
        Path graph = graph("[{\"oid\": \"big\", \"categoryType\": \"Data\", "
                + "\"dropclass\": \"dlg.data.drops.memory.InMemoryDROP\", \"pydata\": \"" + big + "\"}]");

        Result r = run(graph, "--max-string-size", "1");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("drop 'big'", "'pydata'", "1048576 characters", "--max-string-size");
        assertThat(run(graph, "--max-string-size", "2").exitCode()).as("under the limit").isZero();
    }

    @Test
    void run_maxStringSizeOutOfRange_isAUsageError() throws IOException {
        Result r = run(graph(HELLO), "--max-string-size", "0");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--max-string-size must be from 1 to 2047");
        assertThat(workdir()).doesNotExist();
    }

    @Test
    void run_graphIsNotAList_exits2() throws IOException {
        Result r = run(graph("{\"oid\": \"a\"}"));

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("JSON list");
    }

    // ---- Options ----

    @Test
    void run_explicitRoots_areTriggeredInsteadOfAuto() throws IOException {
        // completing "greeting" first, before its producer runs, makes the producer's write fail:
        // only the explicit list can do that, the automatic roots are just "hello"
        Result r = run(graph(HELLO), "--roots", "greeting, hello");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("ERROR hello:").contains("greeting");
    }

    @Test
    void run_explicitRootsListingEveryRoot_finishes() throws IOException {
        Result r = run(graph("""
                [{"oid": "in", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP",
                  "consumers": ["copy"]},
                 {"oid": "copy", "categoryType": "Application", "dropclass": "dlg.apps.simple.CopyApp",
                  "outputs": ["out"]},
                 {"oid": "out", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP"},
                 {"oid": "hello", "categoryType": "Application", "dropclass": "dlg.apps.simple.HelloWorldApp",
                  "outputs": ["h"]},
                 {"oid": "h", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP"}]
                """), "--roots", "in,hello");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("Session s1 FINISHED").contains("5 drops:");
    }

    @Test
    void run_unknownRoot_exits2NamingIt() throws IOException {
        Result r = run(graph(HELLO), "--roots", "hello,ghost");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("ghost");
        assertThat(workdir().resolve("hello.txt")).doesNotExist();
    }

    @Test
    void run_unknownRootWithReportMemory_exits2NamingIt() throws IOException {
        Result r = run(graph(HELLO), "--roots", "ghost", "--report-memory");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("ghost");
    }

    @Test
    void run_emptyRoots_isAUsageError() throws IOException {
        Result r = run(graph(HELLO), "--roots", " , ");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--roots");
    }

    @Test
    void run_reportMemory_printsHeapPerDropAndFinishes() throws IOException {
        Result r = run(graph(HELLO), "--report-memory");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("heap after deploy:").contains("for 2 drops").contains("FINISHED");
    }

    @Test
    void run_maxThreads_isAccepted() throws IOException {
        Result shortName = run(graph(HELLO), "-t", "1");
        Result longName = dlg("run", graph(HELLO).toString(), "--workdir", tmp.resolve("w2").toString(),
                "--session-id", "s2", "--no-progress", "--max-threads", "3");

        assertThat(shortName.exitCode()).as(shortName.err()).isZero();
        assertThat(longName.exitCode()).as(longName.err()).isZero();
        assertThat(longName.out()).contains("Session s2 FINISHED");
    }

    @Test
    void run_negativeMaxThreads_isAUsageError() throws IOException {
        Result r = run(graph(HELLO), "--max-threads", "-1");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--max-threads").contains("-1");
        assertThat(workdir()).doesNotExist();
    }

    @Test
    void run_nonNumericMaxThreads_isAUsageError() throws IOException {
        Result r = run(graph(HELLO), "--max-threads", "many");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("many");
    }

    @Test
    void run_sessionIdLeadingOutOfTheWorkspace_isAUsageErrorAndCreatesNothing() throws IOException {
        Path graph = graph(HELLO);
        String escaping = "../../dlg-test-escaped-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        Path wouldBe = RunCommand.dlgRoot().resolve("workspace").resolve(escaping).normalize();
        try {
            Result r = dlg("run", graph.toString(), "--session-id", escaping, "--no-progress");

            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err()).contains("--session-id").contains(escaping);
            assertThat(wouldBe).doesNotExist();
        } finally {
            Files.deleteIfExists(wouldBe); // should a regression have made it, leave nothing behind
        }
    }

    @Test
    void run_unknownOption_isAUsageError() throws IOException {
        Result r = run(graph(HELLO), "--no-such-option");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--no-such-option");
    }

    // ---- Help and version ----

    @Test
    void version_printsVersionAndJava_exits0() {
        Result r = dlg("--version");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("dlg ").contains("Java " + Runtime.version().feature());
    }

    @Test
    void help_printsUsageWithTheRunCommand_exits0() {
        Result r = dlg("--help");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Usage: dlg").contains("run");
    }

    @Test
    void runHelp_printsTheOptionsAndExitStatuses_exits0() {
        Result r = dlg("run", "--help");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Usage: dlg run").contains("--roots").contains("--max-threads")
                .contains("--workdir").contains("Exit status");
    }

    @Test
    void noCommand_printsUsageToTheCommandLinesOutput_exits0() {
        Result r = dlg();

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Usage: dlg");
    }

    // ---- Users' own Java apps ----

    /** Compiles a user app, {@code userapps.Shout}, into {@code <tmp>/apps}; returns that folder. */
    private Path compileUserApp() throws IOException {
        Path src = Files.createDirectories(tmp.resolve("src/userapps")).resolve("Shout.java");
        Files.writeString(src, """
                package userapps;
                import dlg.core.app.*;
                public class Shout implements Application {
                    public void run(AppContext ctx) throws Exception {
                        for (DataDrop out : ctx.outputs()) {
                            out.write(("SHOUT " + ctx.param("word")).getBytes());
                        }
                    }
                }
                """);
        Path classes = Files.createDirectories(tmp.resolve("apps"));
        var javac = javax.tools.ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "-cp", System.getProperty("java.class.path"),
                "-d", classes.toString(), src.toString());
        assertThat(rc).as("javac exit code").isZero();
        return classes;
    }

    private static final String SHOUT = """
            [{"oid": "s", "categoryType": "Application", "dropclass": "userapps.Shout", "word": "hey",
              "outputs": ["o"]},
             {"oid": "o", "categoryType": "Data", "dropclass": "dlg.data.drops.file.FileDROP", "filepath": "out.txt"}]
            """;

    @Test
    void run_userAppOnDlgPath_runsIt() throws IOException {
        Path apps = compileUserApp();

        Result r = run(graph(SHOUT), "--dlg-path", apps.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(workdir().resolve("out.txt")).hasContent("SHOUT hey");
    }

    @Test
    void run_userAppNotOnThePath_isAnInvalidGraphNamingTheClass() throws IOException {
        compileUserApp();

        Result r = run(graph(SHOUT), "--dlg-path", tmp.resolve("src").toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("drop 's'").contains("unknown application class 'userapps.Shout'");
    }

    @Test
    void run_dlgPathThatDoesNotExist_isAUsageError() throws IOException {
        Result r = run(graph(HELLO), "--dlg-path", tmp.resolve("nowhere").toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--dlg-path").contains("nowhere");
    }
}
