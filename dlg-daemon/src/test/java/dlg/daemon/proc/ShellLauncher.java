package dlg.daemon.proc;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A {@link ManagerLauncher} whose "managers" are small shell scripts, real processes that start in
 * milliseconds: by default each prints a NodeManager-like "listening on" line and sleeps.
 */
final class ShellLauncher implements ManagerLauncher {

    static final String SERVES = "echo \"dlg x: Manager listening on 127.0.0.1:1234 (events on port 5, data on port 6)\";"
            + " exec sleep 600";

    final List<List<String>> started = new CopyOnWriteArrayList<>();
    private final Function<List<String>, String> script;

    ShellLauncher(Function<List<String>, String> script) {
        this.script = script;
    }

    static ShellLauncher serving() {
        return new ShellLauncher(args -> SERVES);
    }

    @Override
    public Process start(List<String> args, Path output) throws IOException {
        started.add(List.copyOf(args));
        List<String> command = new ArrayList<>(List.of("sh", "-c", script.apply(args)));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile())).start();
    }
}
