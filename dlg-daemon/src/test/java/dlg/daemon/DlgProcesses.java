package dlg.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Starts {@code dlg} processes from the packaged jar for ITs, and ends them all. */
final class DlgProcesses implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(90);

    private final Path dir;
    private final List<Process> started = new ArrayList<>();

    DlgProcesses(Path dir) {
        this.dir = dir;
    }

    Path dlgRoot() {
        return dir.resolve("dlg-root");
    }

    /** The command line that runs {@code dlg <args>} from the packaged jar. */
    static List<String> command(String... args) {
        Path jar = Path.of("target", "dlg.jar").toAbsolutePath();
        assertThat(jar).as("the packaged jar (failsafe runs after 'package')").isRegularFile();
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> command = new ArrayList<>(List.of(java, "-XX:+UseCompactObjectHeaders", "-jar", jar.toString()));
        command.addAll(List.of(args));
        return command;
    }

    /** Runs {@code dlg <args>} in the background; its output goes to {@code <name>.out}. */
    Process start(String name, String... args) throws IOException {
        return start(name, Map.of(), args);
    }

    /** Runs {@code dlg <args>} in the background with {@code env} added to its environment. */
    Process start(String name, Map<String, String> env, String... args) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command(args)).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".out").toFile());
        pb.environment().putAll(env);
        pb.environment().put("DLG_ROOT", dlgRoot().toString());
        Process p = pb.start();
        started.add(p);
        return p;
    }

    /** Runs {@code dlg <args>} to its end: its exit status and output. */
    Result run(String... args) throws IOException, InterruptedException {
        return run(Map.of(), args);
    }

    /** Runs {@code dlg <args>} to its end with {@code env} added to its environment. */
    Result run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command(args)).redirectErrorStream(true);
        pb.environment().putAll(env);
        pb.environment().put("DLG_ROOT", dlgRoot().toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        return new Result(p.waitFor(), out);
    }

    record Result(int status, String output) {
    }

    /** Waits for {@code pattern} in the output of {@code name}, the process alive meanwhile. */
    Matcher awaitOutput(String name, Process p, String pattern) {
        Path out = dir.resolve(name + ".out");
        Pattern re = Pattern.compile(pattern);
        Matcher[] found = new Matcher[1];
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> {
            String text = Files.exists(out) ? Files.readString(out) : "";
            Matcher m = re.matcher(text);
            if (m.find()) {
                found[0] = m;
                return true;
            }
            assertThat(p.isAlive()).as("%s runs: %s", name, text).isTrue();
            return false;
        });
        return found[0];
    }

    @Override
    public void close() {
        for (Process p : started) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }
}
