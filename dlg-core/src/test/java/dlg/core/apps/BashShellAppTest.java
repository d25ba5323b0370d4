package dlg.core.apps;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dlg.core.error.InvalidGraphException;
import dlg.core.runtime.Graph;
import dlg.core.runtime.TestRun;
import dlg.core.state.AppState;
import dlg.core.state.DropState;
import dlg.core.state.SessionState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BashShellAppTest {

    @TempDir
    Path dir;

    private static Path daliugeGraph(String name) {
        String root = System.getProperty("dlg.daliuge.graphs", "../shared/graphs/daliuge");
        Path p = Path.of(root, name);
        assumeTrue(Files.isRegularFile(p), "DALiuGE's test graphs are not here: " + p);
        return p;
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    // ---- Real DALiuGE graphs ----

    @Test
    void ddExampleGraph_v5NamedPorts_copiesFromDevUrandom() throws Exception {
        String json = Files.readString(daliugeGraph("ddExamplePG.graph"));
        try (TestRun run = TestRun.deploy(dir, json)) {
            assertThat(run.runToEnd()).isEqualTo(SessionState.FINISHED);
        }

        assertThat(Files.size(dir.resolve("1_b211_0"))).isEqualTo(10 * 2048);
    }

    @Test
    void ddTestGraph_legacyPlaceholders_runDdWithItsArguments() throws Exception {
        String json = Files.readString(daliugeGraph("ddTest.graph"));
        byte[] input = random(20_000);
        Files.write(dir.resolve("2022-02-11T08_05_47_-5_0"), input); // where the input FileDROP is
        try (TestRun run = TestRun.deploy(dir, json)) {
            assertThat(run.runToEnd()).isEqualTo(SessionState.FINISHED);
        }

        assertThat(Files.readAllBytes(dir.resolve("2022-02-11T08_05_47_-3_0"))).isEqualTo(Arrays.copyOf(input, 10 * 1024));
    }

    // ---- Templates ----

    @Test
    void pickleEncodedPort_fromAMemoryDrop_givesItsValue() throws Exception {
        Graph g = new Graph();
        g.memory("BS").param("pydata", 2048).consumers("B");
        g.app("B", Graph.BASH).param("command", "echo bs={bs} > {OUT}")
                .arg("bs", null, "InputPort", "pickle", "Integer").input("BS", "bs").outputs("OUT");
        g.file("OUT").param("filepath", "out.txt");
        try (TestRun run = TestRun.deploy(dir, g)) {
            assertThat(run.runToEnd()).isEqualTo(SessionState.FINISHED);
        }

        assertThat(Files.readString(dir.resolve("out.txt"))).isEqualTo("bs=2048\n");
    }

    @Test
    void pathEncodedPorts_andUidPlaceholders() throws Exception {
        Files.writeString(dir.resolve("a.txt"), "A");
        Files.writeString(dir.resolve("b.txt"), "B");
        Graph g = new Graph();
        g.file("IA").param("filepath", "a.txt").consumers("C");
        g.file("IB").param("filepath", "b.txt").consumers("C");
        g.app("C", Graph.BASH).param("command", "cat {first} {IB} > {result}")
                .arg("first", "", "InputPort", "path", "String").arg("result", "", "OutputPort", "path", "String")
                .input("IA", "first").output("O", "result");
        g.file("O").param("filepath", "sub/o.txt");
        try (TestRun run = TestRun.deploy(dir, g)) {
            assertThat(run.runToEnd()).isEqualTo(SessionState.FINISHED);
        }

        assertThat(Files.readString(dir.resolve("sub/o.txt"))).isEqualTo("AB");
    }

    // ---- Process ----

    @Test
    void failingCommand_isAnErrorWithItsStderrAndExitCode() {
        Graph g = new Graph();
        g.app("B", Graph.BASH).param("command", "echo to-out; echo something went wrong >&2; exit 3").outputs("O");
        g.memory("O");
        try (TestRun run = TestRun.deploy(dir, g)) {
            assertThat(run.runToEnd()).isEqualTo(SessionState.FAILED);

            assertThat(run.status("B").execStatus()).isEqualTo(AppState.ERROR);
            assertThat(run.status("B").error()).contains("code 3").contains("something went wrong");
            assertThat(run.state("O")).isEqualTo(DropState.ERROR);
        }
    }

    @Test
    void failingCommand_withHugeStderr_keepsItsTail() {
        Graph g = new Graph();
        g.app("B", Graph.BASH).param("command", "head -c 1000000 /dev/zero | tr '\\\\0' x >&2; echo THE-END >&2; exit 1");
        try (TestRun run = TestRun.deploy(dir, g)) {
            run.runToEnd();

            String error = run.status("B").error();
            assertThat(error).contains("THE-END");
            assertThat(error.length()).isLessThan(BashShellApp.KEPT_OUTPUT + 2000);
        }
    }

    @Test
    void lotsOfOutput_doesNotBlockTheCommand() {
        Graph g = new Graph();
        g.app("B", Graph.BASH).param("command", "head -c 5000000 /dev/zero; head -c 5000000 /dev/zero >&2");
        try (TestRun run = TestRun.deploy(dir, g)) {
            assertThat(run.runToEnd()).isEqualTo(SessionState.FINISHED);
        }
    }

    @Test
    void environment_hasDaliugesVariables_andRunsInTheSessionDir() throws Exception {
        Graph g = new Graph();
        g.app("B", Graph.BASH).param("uid", "the-uid")
                .param("command", "echo \"$DLG_UID|$DLG_SESSION_ID|${DLG_ROOT:+set}\" > env.txt; pwd -P > where.txt");
        try (TestRun run = TestRun.deploy(dir, g)) {
            assertThat(run.runToEnd()).isEqualTo(SessionState.FINISHED);
        }

        assertThat(Files.readString(dir.resolve("env.txt"))).isEqualTo("the-uid|s1|set\n");
        assertThat(Files.readString(dir.resolve("where.txt")).strip()).isEqualTo(dir.toRealPath().toString());
    }

    @Test
    void inputsOfTheCommand_areCompleteBeforeItRuns() throws Exception {
        Graph g = new Graph();
        g.app("W", Graph.BASH).param("command", "printf 1234 > {F}").outputs("F");
        g.file("F").param("filepath", "f.txt").consumers("R");
        g.app("R", Graph.BASH).param("command", "wc -c < {F} > {N}").outputs("N");
        g.file("N").param("filepath", "n.txt");
        try (TestRun run = TestRun.deploy(dir, g)) {
            assertThat(run.runToEnd()).isEqualTo(SessionState.FINISHED);
        }

        assertThat(Files.readString(dir.resolve("n.txt")).strip()).isEqualTo("4");
    }

    @Test
    void cancel_whileTheCommandRuns_killsItPromptly() throws Exception {
        Graph g = new Graph();
        g.app("B", Graph.BASH).param("command", "echo $$ > pid; sleep 60").outputs("O");
        g.memory("O");
        try (TestRun run = TestRun.deploy(dir, g)) {
            run.trigger();
            Path pidFile = dir.resolve("pid");
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(pidFile) && Files.readString(pidFile).endsWith("\n"));
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            assertThat(ProcessHandle.of(pid)).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());

            run.execution.cancel();

            assertThat(run.execution.outcome().get(5, SECONDS)).isEqualTo(SessionState.CANCELLED);
            assertThat(run.status("B").execStatus()).isEqualTo(AppState.CANCELLED);
            assertThat(run.state("O")).isEqualTo(DropState.CANCELLED);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
        }
    }

    @Test
    void waits_onAVirtualThread() {
        assertThat(new BashShellApp().waits(new TestingAppContext())).isTrue();
    }

    @Test
    void noCommand_isRefusedAtDeploy() {
        Graph g = new Graph();
        g.app("B", Graph.BASH);

        assertThatThrownBy(() -> TestRun.deploy(dir, g)).isInstanceOf(InvalidGraphException.class)
                .hasMessageContaining("command");
    }
}
