package dlg.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dlg.core.runtime.ExecutionOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The engine options {@code dlg nm} and {@code dlg run} share. */
class EngineOptionsTest {

    private static EngineOptions parsed(String... args) {
        CommandLine.ParseResult parsed = Main.commandLine().parseArgs(args);
        return switch (parsed.subcommand().commandSpec().userObject()) {
            case NodeManagerCommand nm -> nm.engine;
            case RunCommand run -> run.engine;
            default -> throw new IllegalArgumentException(args[0]);
        };
    }

    @Test
    void executionOptions_byDefault_pathsAreNotConfined() {
        assertThat(parsed("nm").executionOptions(true)).isEqualTo(ExecutionOptions.DEFAULT);
        assertThat(parsed("run", "g.json").executionOptions(false)).isEqualTo(new ExecutionOptions(false, false));
    }

    @Test
    void executionOptions_confinePaths_confinesThemForNmAndRun() {
        assertThat(parsed("nm", "--confine-paths").executionOptions(true)).isEqualTo(new ExecutionOptions(true, true));
        assertThat(parsed("run", "g.json", "--confine-paths").executionOptions(true).confinePaths()).isTrue();
    }

    @Test
    void help_confinePaths_saysCommandsAreNotConfined() {
        for (String command : new String[] {"nm", "run"}) {
            StringWriter out = new StringWriter();
            CommandLine cl = Main.commandLine();
            cl.setOut(new PrintWriter(out, true));

            assertThat(cl.execute(command, "--help")).isZero();
            assertThat(out.toString().replaceAll("\\s+", " ")).as(command).contains("--confine-paths")
                    .contains("not what a command (BashShellApp)");
        }
    }

    @Test
    void environment_python_isDlgPythonForNmAndRun() {
        assertThat(parsed("nm", "--python", "/opt/venv/bin/python").environment())
                .containsEntry("DLG_PYTHON", "/opt/venv/bin/python");
        assertThat(parsed("run", "g.json", "--python", "/opt/venv/bin/python").environment())
                .containsEntry("DLG_PYTHON", "/opt/venv/bin/python");
    }

    @Test
    void environment_noPython_isTheProcesssOwn() {
        assertThat(parsed("nm").environment()).isEqualTo(System.getenv());
    }
}
