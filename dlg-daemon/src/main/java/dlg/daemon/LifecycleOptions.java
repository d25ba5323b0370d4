package dlg.daemon;

import dlg.daemon.proc.JvmLauncher;
import dlg.daemon.proc.Listening;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * DALiuGE's lifecycle options of {@code dlg nm|dim|mm}: run in the background with a pid file
 * ({@code $DLG_ROOT/pid/dlg<NM|DIM|MM>.pid}), stop the one of the pid file, tell whether one
 * listens. {@code -d} starts the same command again, detached ({@code setsid} where there is one),
 * its output appended to {@code <log dir>/dlg<NM|DIM|MM>.out}, and returns once it serves.
 * {@code dlg daemon} has them too ({@code dlgDaemon.pid}, {@code dlgDaemon.out}): DALiuGE's daemon
 * has no pid file, its {@code -d} and {@code -s} detach and stop the managers it starts instead.
 */
final class LifecycleOptions {

    private static final long START_TIMEOUT_S = 90;

    @Option(names = {"-d", "--daemon"}, description = "run in the background; pid file $DLG_ROOT/pid/dlg<NM|DIM|MM|Daemon>.pid")
    boolean daemon;

    @Option(names = {"-s", "--stop"}, description = "stop the instance of the pid file (SIGTERM, then SIGKILL after --timeout)")
    boolean stop;

    /** Seconds of {@code -T}: also how long {@code dlg daemon} gives a manager it stops to exit. */
    static final String DEFAULT_TIMEOUT = "10";

    @Option(names = "--status", description = "exit status 0 if it listens on --host:--port within --timeout, 1 if not")
    boolean status;

    @Option(names = {"-T", "--timeout"}, defaultValue = DEFAULT_TIMEOUT, paramLabel = "S",
            description = "seconds --status waits for the port, and --stop for the process to exit (default: ${DEFAULT-VALUE})")
    double timeout;

    /** Set by {@code -d} for the background process: it removes the pid file when it exits. */
    @Option(names = "--pid-file", hidden = true, paramLabel = "FILE")
    Path pidFile;

    /**
     * Does what the options ask instead of running the manager here.
     *
     * @param acronym {@code NM}, {@code DIM}, {@code MM} or {@code Daemon}
     * @return the exit status, or empty to run the manager in this process
     */
    OptionalInt act(CommandLine cl, String acronym, String host, int port, Path logDir) throws IOException,
            InterruptedException {
        if ((daemon ? 1 : 0) + (stop ? 1 : 0) + (status ? 1 : 0) > 1) {
            throw new CommandLine.ParameterException(cl, "-d, -s and --status cannot be specified together");
        }
        if (!(timeout > 0 && timeout < 1e9)) {
            throw new CommandLine.ParameterException(cl, "--timeout must be a positive number of seconds: " + timeout);
        }
        PrintWriter out = cl.getOut();
        PrintWriter err = cl.getErr();
        String name = "dlg " + cl.getCommandName();
        Path pid = RunCommand.dlgRoot().toAbsolutePath().resolve("pid").resolve("dlg" + acronym + ".pid");
        if (status) {
            boolean listening = listens(host, port, timeout);
            out.println(name + ": " + (listening ? "listening" : "not listening") + " on " + host + ":" + port);
            out.flush();
            return OptionalInt.of(listening ? 0 : 1);
        }
        if (stop) {
            return OptionalInt.of(stop(pid, name, err));
        }
        if (daemon) {
            return OptionalInt.of(background(cl, pid, name, logDir.resolve("dlg" + acronym + ".out"), err));
        }
        if (pidFile != null) { // this is the background process: its pid file goes with it
            long me = ProcessHandle.current().pid();
            Path file = pidFile;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                if (readPid(file).orElse(-1L) == me) {
                    try {
                        Files.deleteIfExists(file);
                    } catch (IOException ignored) {
                        // nothing left to tell it to
                    }
                }
            }, "dlg-pid-file"));
        }
        return OptionalInt.empty();
    }

    private int background(CommandLine cl, Path pid, String name, Path output, PrintWriter err) throws IOException,
            InterruptedException {
        Optional<ProcessHandle> running = readPid(pid).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
        if (running.isPresent()) {
            err.println(name + ": already running with pid " + running.get().pid() + " (" + pid + "); stop it with "
                    + name + " -s");
            return 1;
        }
        List<String> args = new ArrayList<>();
        for (String a : cl.getParseResult().originalArgs()) { // the subcommand's name first
            if (!a.equals("-d") && !a.equals("--daemon")) {
                args.add(a);
            }
        }
        args.addAll(List.of("--pid-file", pid.toString()));
        List<String> command = JvmLauncher.ofThisProcess().command(args);
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            command.addFirst("/usr/bin/setsid"); // its own session: a terminal's Ctrl-C does not reach it
        }
        Files.createDirectories(output.toAbsolutePath().getParent());
        Files.createDirectories(pid.getParent());
        long offset = Files.exists(output) ? Files.size(output) : 0;
        Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile())).start();
        Files.writeString(pid, p.pid() + "\n");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_S);
        while (System.nanoTime() < deadline) {
            String text = readFrom(output, offset);
            var at = Listening.find(text);
            if (at.isPresent()) {
                err.println(name + ": running in the background with pid " + p.pid() + ", listening on " + at.get().host()
                        + ":" + at.get().restPort() + "; output in " + output + "; stop it with " + name + " -s");
                return 0;
            }
            if (p.waitFor(100, TimeUnit.MILLISECONDS)) {
                Files.deleteIfExists(pid);
                err.println(name + ": the background process exited with code " + p.exitValue() + ":");
                err.println(text.strip());
                return 1;
            }
        }
        err.println(name + ": the background process (pid " + p.pid() + ") did not serve within " + START_TIMEOUT_S
                + " s; see " + output);
        return 1;
    }

    private int stop(Path pid, String name, PrintWriter err) throws IOException {
        Optional<Long> number = readPid(pid);
        if (number.isEmpty()) {
            err.println(name + ": cannot read the pid file " + pid + ", is there an instance running?");
            return 1;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(number.get()).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            err.println(name + ": process " + number.get() + " does not exist, removing the pid file " + pid);
            Files.deleteIfExists(pid);
            return 0;
        }
        ProcessHandle h = process.get();
        h.destroy();
        try {
            h.onExit().get(Math.round(timeout * 1000), TimeUnit.MILLISECONDS);
            err.println(name + ": stopped process " + h.pid());
        } catch (java.util.concurrent.TimeoutException e) {
            err.println(name + ": process " + h.pid() + " still runs " + timeout + " s after SIGTERM: killing it");
            h.descendants().forEach(ProcessHandle::destroyForcibly);
            h.destroyForcibly();
            h.onExit().join();
        } catch (java.util.concurrent.ExecutionException | InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
        Files.deleteIfExists(pid);
        return 0;
    }

    /**
     * A manager started by {@code dlg daemon} ({@link JvmLauncher#DAEMON_PID} set) runs {@code stop}
     * once that daemon is gone, even killed with SIGKILL, which runs no shutdown hook: the daemon's
     * children never outlive it.
     */
    static void stopWithDaemon(Runnable stop, PrintWriter err) {
        String pid = System.getenv(JvmLauncher.DAEMON_PID);
        if (pid == null || pid.isBlank()) {
            return;
        }
        Runnable orphaned = () -> {
            err.println("dlg: the daemon that started this manager (pid " + pid.strip() + ") is gone: stopping");
            err.flush();
            stop.run();
        };
        try {
            ProcessHandle.of(Long.parseLong(pid.strip())).ifPresentOrElse(h -> h.onExit().thenRun(orphaned), orphaned);
        } catch (NumberFormatException e) {
            err.println("dlg: ignoring " + JvmLauncher.DAEMON_PID + ", not a process id: " + pid);
        }
    }

    /** DALiuGE's check: a connection to host:port succeeds before the timeout. */
    static boolean listens(String host, int port, double timeoutSeconds) throws InterruptedException {
        String target = "0.0.0.0".equals(host) || "localhost".equals(host) ? "127.0.0.1" : host;
        long deadline = System.nanoTime() + Math.round(timeoutSeconds * 1e9);
        while (true) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return false;
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(target, port), (int) Math.min(left, Integer.MAX_VALUE));
                return true;
            } catch (IOException e) {
                Thread.sleep(Math.min(100, Math.max(1, left))); // refused at once: try again until the timeout
            }
        }
    }

    private static Optional<Long> readPid(Path file) {
        try {
            return Files.exists(file) ? Optional.of(Long.parseLong(Files.readString(file).strip())) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String readFrom(Path output, long offset) throws IOException {
        byte[] all = Files.readAllBytes(output);
        return offset >= all.length ? "" : new String(all, (int) offset, all.length - (int) offset, StandardCharsets.UTF_8);
    }
}
