package dlg.core.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dlg.core.codec.Pickles;
import dlg.core.runtime.Graph;
import dlg.core.runtime.TestRun;
import dlg.core.state.AppState;
import dlg.core.state.DropState;
import dlg.core.state.SessionState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HelloWorldAppTest {

    @TempDir
    Path dir;

    private static String greet(TestingAppContext ctx) throws Exception {
        TestingDataDrop out = new TestingDataDrop("out");
        HelloWorldApp.INSTANCE.run(ctx.output(out));
        return out.text();
    }

    @Test
    void run_noGreet_isHelloWorld() throws Exception {
        assertThat(greet(new TestingAppContext())).isEqualTo("Hello World");
    }

    @Test
    void run_greet_isHelloAndTheGreet() throws Exception {
        assertThat(greet(new TestingAppContext().arg("greet", "Everybody"))).isEqualTo("Hello Everybody");
        assertThat(greet(new TestingAppContext().param("greet", "you"))).isEqualTo("Hello you");
    }

    @Test
    void run_pickledListInput_greetsItsFirstElement() throws Exception {
        TestingAppContext ctx = new TestingAppContext()
                .input(TestingDataDrop.of("in", Pickles.dumps(List.of("Alice", "Bob"))));

        assertThat(greet(ctx)).isEqualTo("Hello, Alice");
    }

    @Test
    void run_pickledNumbersInput_greetsTheFirstAsPythonPrintsIt() throws Exception {
        TestingAppContext ctx = new TestingAppContext()
                .input(TestingDataDrop.of("in", Pickles.dumps(List.of(2.0, 3.0))));

        assertThat(greet(ctx)).isEqualTo("Hello, 2.0");
    }

    @Test
    void run_pickledTupleInput_greetsItsFirstElement() throws Exception {
        TestingAppContext ctx = new TestingAppContext()
                .input(TestingDataDrop.of("in", Pickles.dumps(new Object[] {"x", "y"})));

        assertThat(greet(ctx)).isEqualTo("Hello, x");
    }

    @Test
    void run_pickledString_greetsItsFirstCharacterAsPythonIndexingDoes() throws Exception {
        TestingAppContext ctx = new TestingAppContext().input(TestingDataDrop.of("in", Pickles.dumps("Moon")));

        assertThat(greet(ctx)).isEqualTo("Hello, M");
    }

    @Test
    void run_pickledNumberOrEmptyList_failsInsteadOfGreetingPickleBytes() {
        for (Object v : new Object[] {42, java.util.List.of()}) {
            TestingAppContext ctx = new TestingAppContext().input(TestingDataDrop.of("in", Pickles.dumps(v)))
                    .output(new TestingDataDrop("o"));

            assertThatThrownBy(() -> HelloWorldApp.INSTANCE.run(ctx)).as(String.valueOf(v))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void run_textInput_greetsTheText() throws Exception {
        assertThat(greet(new TestingAppContext().input(TestingDataDrop.of("in", "Moon")))).isEqualTo("Hello, Moon");
    }

    @Test
    void run_writesToEveryOutput() throws Exception {
        TestingDataDrop a = new TestingDataDrop("a");
        TestingDataDrop b = new TestingDataDrop("b");

        HelloWorldApp.INSTANCE.run(new TestingAppContext().output(a).output(b));

        assertThat(a.text()).isEqualTo("Hello World");
        assertThat(b.text()).isEqualTo("Hello World");
    }

    @Test
    void run_noOutput_fails() {
        assertThatThrownBy(() -> HelloWorldApp.INSTANCE.run(new TestingAppContext()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("output");
    }

    @Test
    void run_twoInputs_fails() {
        TestingAppContext ctx = new TestingAppContext().input(TestingDataDrop.of("a", "x"))
                .input(TestingDataDrop.of("b", "y")).output(new TestingDataDrop("o"));

        assertThatThrownBy(() -> HelloWorldApp.INSTANCE.run(ctx)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void graph_helloWorldSimple_writesTheGreetingToTheFile() throws Exception {
        Graph g = new Graph();
        g.app("H", Graph.HELLO).arg("greet", "Everybody").outputs("F");
        g.file("F").param("filepath", "hello.txt");
        try (TestRun run = TestRun.deploy(dir, g)) {
            assertThat(run.runToEnd()).isEqualTo(SessionState.FINISHED);
        }

        assertThat(Files.readString(dir.resolve("hello.txt"))).isEqualTo("Hello Everybody");
    }

    @Test
    void graph_noOutput_isAnError() {
        Graph g = new Graph();
        g.app("H", Graph.HELLO);
        try (TestRun run = TestRun.deploy(dir, g)) {
            assertThat(run.runToEnd()).isEqualTo(SessionState.FAILED);
            assertThat(run.status("H").status()).isEqualTo(DropState.ERROR);
            assertThat(run.exec("H")).isEqualTo(AppState.ERROR);
        }
    }
}
