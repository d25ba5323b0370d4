package dlg.daemon.proc;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts {@code dlg} processes the way this one was started: the same {@code java}, the same JVM
 * options (heap, compact headers, the launcher's ahead-of-time cache) and the same class path,
 * so a daemon run from {@code scripts/dlg} or {@code java -jar dlg.jar} starts its managers alike.
 */
public final class JvmLauncher implements ManagerLauncher {

    /** JVM options a child must not inherit: debuggers and agents, and a training run's cache output. */
    private static final List<String> NOT_INHERITED = List.of("-agentlib", "-javaagent", "-XX:AOTCacheOutput",
            "-XX:AOTMode", "-XX:AOTConfiguration", "-Djava.rmi", "-Dcom.sun.management");

    /** Tells a manager which daemon started it: it stops when that process is gone, even killed. */
    public static final String DAEMON_PID = "DLG_DAEMON_PID";

    private final List<String> prefix;

    private JvmLauncher(List<String> prefix) {
        this.prefix = List.copyOf(prefix);
    }

    /** Starts children with this process's {@code java}, options and class path. */
    public static JvmLauncher ofThisProcess() {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (NOT_INHERITED.stream().noneMatch(option::startsWith)) {
                command.add(option);
            }
        }
        command.add("-cp");
        command.add(absoluteClassPath(System.getProperty("java.class.path")));
        command.add("dlg.daemon.Main");
        return new JvmLauncher(command);
    }

    /** The full command line that runs {@code dlg <args>}. */
    public List<String> command(List<String> args) {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(args);
        return command;
    }

    @Override
    public Process start(List<String> args, Path output) throws IOException {
        Files.createDirectories(output.toAbsolutePath().getParent());
        ProcessBuilder pb = new ProcessBuilder(command(args));
        pb.environment().put(DAEMON_PID, Long.toString(ProcessHandle.current().pid()));
        return pb
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
                .start();
    }

    /** {@code java -jar dlg.jar} gives a relative class path: children may not start in the same directory. */
    private static String absoluteClassPath(String classPath) {
        List<String> parts = new ArrayList<>();
        for (String p : classPath.split(File.pathSeparator)) {
            if (!p.isEmpty()) {
                parts.add(Path.of(p).toAbsolutePath().toString());
            }
        }
        return String.join(File.pathSeparator, parts);
    }
}
