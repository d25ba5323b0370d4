package dlg.daemon;

import ch.qos.logback.classic.Level;
import dlg.core.runtime.ExecutionOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The options every command that runs drops shares: workers, users' app path, path confinement, time limits, log verbosity. */
final class EngineOptions {

    @Option(names = {"-t", "--max-threads"}, defaultValue = "0", paramLabel = "N",
            description = "CPU workers for apps that compute; 0 = one per core (default)")
    int maxThreads;

    @Option(names = "--dlg-path", paramLabel = "PATH", split = ":",
            description = "directories and jars with your own Java apps (classes implementing"
                    + " dlg.core.app.Application), ':'-separated; default: $DLG_ROOT/code if it exists")
    List<Path> dlgPath;

    @Option(names = "--confine-paths",
            description = {"refuse (400 InvalidGraphException; dlg run: exit 2) a graph with a file drop whose path"
                    + " is outside its session directory: absolute, climbing out with '..', made so by a $VAR or"
                    + " through a symbolic link. Covers the files dlg itself opens, not what a command"
                    + " (BashShellApp) or your own app does. Default: off, paths go where the graph says (DALiuGE)"})
    boolean confinePaths;

    @Option(names = "--python", paramLabel = "PATH",
            description = "the Python interpreter that runs Python components (dlg.apps.pyfunc.PyFuncApp), e.g."
                    + " your virtual environment's bin/python; default: $DLG_PYTHON, else python3 on the PATH")
    String python;

    @Option(names = "--app-timeout", paramLabel = "SECONDS",
            description = {"stop an app attempt that runs longer than this and fail it (\"timed out after N s\"),"
                    + " unless its drop sets its own 'timeout' (0 there: no limit). Default: no limit"})
    Double appTimeout;

    @Option(names = "--dependency-timeout", paramLabel = "SECONDS",
            description = {"fail an app still waiting for its inputs this long after the graph was deployed, as if"
                    + " an input had failed, unless its drop sets its own 'dependency_timeout'. Default: no limit"})
    Double dependencyTimeout;

    @Option(names = {"-v", "--verbose"}, description = "more log output (repeat for more)")
    boolean[] verbose = {};

    @Option(names = {"-q", "--quiet"}, description = "less log output")
    boolean[] quiet = {};

    /** Values picocli cannot check by their type alone: usage errors (exit status 2). */
    void check(CommandLine commandLine) {
        if (maxThreads < 0) {
            throw new CommandLine.ParameterException(commandLine,
                    "--max-threads must be 0 (one per core) or more: " + maxThreads);
        }
        checkSeconds(commandLine, "--app-timeout", appTimeout);
        checkSeconds(commandLine, "--dependency-timeout", dependencyTimeout);
        if (dlgPath != null) {
            dlgPath.stream().filter(p -> !Files.exists(p)).findFirst().ifPresent(p -> {
                throw new CommandLine.ParameterException(commandLine, "--dlg-path: no such file or directory: " + p);
            });
        }
    }

    private static void checkSeconds(CommandLine commandLine, String option, Double seconds) {
        if (seconds != null && !(seconds > 0 && seconds < 1e12)) {
            throw new CommandLine.ParameterException(commandLine,
                    option + " must be a positive number of seconds: " + seconds);
        }
    }

    /** How sessions run: {@code releaseData} (off: {@code --no-dlm}), the paths' confinement, the time limits. */
    ExecutionOptions executionOptions(boolean releaseData) {
        return new ExecutionOptions(releaseData, confinePaths, duration(appTimeout), duration(dependencyTimeout));
    }

    private static Duration duration(Double seconds) {
        return seconds == null ? null : Duration.ofMillis(Math.max(1, Math.round(seconds * 1000)));
    }

    /** The environment apps see: the process's own, with {@code DLG_PYTHON} from {@code --python}. */
    Map<String, String> environment() {
        if (python == null || python.isBlank()) {
            return System.getenv();
        }
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("DLG_PYTHON", python.strip());
        return env;
    }

    void configureLogging(Level byDefault) {
        Logging.configure(verbose.length, quiet.length, byDefault);
    }

    /** Loads users' apps from --dlg-path, or from {@code $DLG_ROOT/code} if it exists. */
    ClassLoader appClassLoader(Path dlgRoot) {
        return AppClassPath.loader(dlgPath != null ? dlgPath : AppClassPath.defaultPaths(dlgRoot),
                EngineOptions.class.getClassLoader());
    }
}
