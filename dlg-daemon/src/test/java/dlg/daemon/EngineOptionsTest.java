package dlg.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dlg.core.runtime.ExecutionOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
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
    void executionOptions_timeouts_flowIntoTheSessionsOfNmAndRun() {
        ExecutionOptions nm = parsed("nm", "--app-timeout", "90", "--dependency-timeout", "0.5").executionOptions(true);
        assertThat(nm.appTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(nm.dependencyTimeout()).isEqualTo(Duration.ofMillis(500));
        ExecutionOptions run = parsed("run", "g.json", "--app-timeout", "2").executionOptions(true);
        assertThat(run.appTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(run.dependencyTimeout()).isNull();
    }

    @Test
    void executionOptions_noTimeouts_noLimits() {
        ExecutionOptions o = parsed("nm").executionOptions(true);
        assertThat(o.appTimeout()).isNull();
        assertThat(o.dependencyTimeout()).isNull();
    }

    @Test
    void check_timeoutNotPositive_isAUsageErrorNamingTheOption() {
        for (String[] args : new String[][] {{"nm", "--app-timeout", "0"}, {"run", "g.json", "--dependency-timeout", "-3"}}) {
            CommandLine cl = Main.commandLine();
            CommandLine.ParseResult parsed = cl.parseArgs(args);
            CommandLine sub = parsed.subcommand().commandSpec().commandLine();
            EngineOptions engine = parsed(args);

            assertThatThrownBy(() -> engine.check(sub)).isInstanceOf(CommandLine.ParameterException.class)
                    .hasMessageContaining(args[args.length - 2] + " must be a positive number of seconds");
        }
    }

    @Test
    void help_timeouts_areListedForNmAndRun() {
        for (String command : new String[] {"nm", "run"}) {
            StringWriter out = new StringWriter();
            CommandLine cl = Main.commandLine();
            cl.setOut(new PrintWriter(out, true));

            assertThat(cl.execute(command, "--help")).isZero();
            assertThat(out.toString()).as(command).contains("--app-timeout=SECONDS", "--dependency-timeout=SECONDS");
        }
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
