package dlg.core.apps;

import dlg.core.app.AppContext;
import dlg.core.app.Application;
import dlg.core.app.ParamSpec;
import dlg.core.app.ParamType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code dlg.apps.bash_shell_app.BashShellApp}: runs its {@code command} (see {@link BashCommand})
 * with {@code /bin/bash -c} in the session directory, in a process group of its own, with
 * {@code DLG_UID}, {@code DLG_SESSION_ID} and {@code DLG_ROOT} set. A non-zero exit code fails the
 * app with the command's stderr in the error. Cancelling kills the whole process group.
 * The wait happens on a virtual thread.
 */
public final class BashShellApp implements Application {

    private static final Logger log = LoggerFactory.getLogger(BashShellApp.class);

    public static final ParamSpec COMMAND = ParamSpec.required("command", ParamType.STRING);
    public static final List<ParamSpec> PARAMS = List.of(COMMAND);
    /** Output kept of each stream: the tail is what explains a failure. */
    static final int KEPT_OUTPUT = 16 * 1024;
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private volatile Process process;

    @Override
    public void run(AppContext ctx) throws Exception {
        String command = BashCommand.build(ctx, ctx.stringParam(COMMAND));
        log.info("running: {}", command);
        List<String> argv = new ArrayList<>();
        boolean ownGroup = Files.isExecutable(SETSID);
        if (ownGroup) {
            argv.add(SETSID.toString()); // a process group of its own, so that cancel can kill it all
        }
        argv.addAll(List.of("/bin/bash", "-c", command));
        ProcessBuilder pb = new ProcessBuilder(argv).directory(ctx.sessionDir().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Map<String, String> env = pb.environment();
        env.put("DLG_UID", ctx.uid());
        env.put("DLG_SESSION_ID", ctx.sessionId());
        env.putIfAbsent("DLG_ROOT", Path.of(System.getProperty("user.home"), "dlg").toString());
        Process p = pb.start();
        process = p;
        try {
            var stdout = Thread.ofVirtual().start(new Tail(p.getInputStream()));
            Tail stderrTail = new Tail(p.getErrorStream());
            var stderr = Thread.ofVirtual().start(stderrTail);
            int code = p.waitFor();
            stdout.join();
            stderr.join();
            if (code != 0) {
                String err = stderrTail.text().strip();
                throw new IllegalStateException("command exited with code " + code
                        + (err.isEmpty() ? "" : ": " + err) + " (command: " + command + ")");
            }
        } catch (InterruptedException e) {
            kill(p);
            throw e;
        } finally {
            process = null;
        }
    }

    @Override
    public boolean waits(AppContext ctx) {
        return true;
    }

    @Override
    public void cancel() {
        Process p = process;
        if (p != null) {
            kill(p);
        }
    }

    private static void kill(Process p) {
        try {
            // setsid made the child its group's leader: -pid is the whole group
            new ProcessBuilder("kill", "-TERM", "--", "-" + p.pid()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(2, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            log.debug("kill of process group {} failed: {}", p.pid(), e.toString());
        }
        p.descendants().forEach(ProcessHandle::destroy);
        p.destroy();
    }

    /** Drains a stream, keeping its last {@link #KEPT_OUTPUT} bytes. */
    private static final class Tail implements Runnable {
        private final InputStream in;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();

        Tail(InputStream in) {
            this.in = in;
        }

        @Override
        public void run() {
            byte[] buf = new byte[8192];
            try (in) {
                for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                    synchronized (kept) {
                        kept.write(buf, 0, n);
                        if (kept.size() > 2 * KEPT_OUTPUT) {
                            byte[] all = kept.toByteArray();
                            kept.reset();
                            kept.write(all, all.length - KEPT_OUTPUT, KEPT_OUTPUT);
                        }
                    }
                }
            } catch (IOException e) {
                // the process died or was killed: what was read is what there is
            }
        }

        String text() {
            synchronized (kept) {
                byte[] all = kept.toByteArray();
                int from = Math.max(0, all.length - KEPT_OUTPUT);
                return new String(all, from, all.length - from, StandardCharsets.UTF_8);
            }
        }
    }
}
