package dlg.core.python;

import dlg.core.codec.Pickles;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One Python worker process and its pipes. Frames are an 8-byte big-endian length and the bytes.
 * What the process writes to stderr outside a call's capture (C code, a crash) is logged, with the
 * identity of the call it happened in, and its last lines explain a death.
 */
final class PythonWorker {

    private static final Logger log = LoggerFactory.getLogger(PythonWorker.class);
    private static final int KEPT_LINES = 20;

    private final Process process;
    private volatile boolean killed;
    private final DataOutputStream out;
    private final DataInputStream in;
    private final ArrayDeque<String> lastLines = new ArrayDeque<>();
    private volatile Map<String, String> callContext;
    private final Thread stderr;

    private PythonWorker(Process process) {
        this.process = process;
        this.out = new DataOutputStream(new BufferedOutputStream(process.getOutputStream(), 1 << 16));
        this.in = new DataInputStream(new BufferedInputStream(process.getInputStream(), 1 << 16));
        this.stderr = Thread.ofVirtual().name("dlg-python-stderr-" + process.pid()).start(this::drainStderr);
    }

    static PythonWorker start(String python, Path script) {
        ProcessBuilder pb = new ProcessBuilder(python, "-u", script.toString());
        pb.environment().put("PYTHONUNBUFFERED", "1");
        pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        try {
            Process p = pb.start();
            log.info("started Python worker {} ({})", p.pid(), python);
            return new PythonWorker(p);
        } catch (IOException e) {
            throw new PythonException("cannot start the Python interpreter '" + python + "' (set it with --python"
                    + " or DLG_PYTHON): " + e.getMessage(), e);
        }
    }

    long pid() {
        return process.pid();
    }

    /** False once killed, even before the process is reaped: a killed worker is never handed out again. */
    boolean isAlive() {
        return !killed && process.isAlive();
    }

    void kill() {
        killed = true;
        process.destroyForcibly();
    }

    PythonReply call(PythonCall call) throws IOException {
        callContext = MDC.getCopyOfContextMap();
        try {
            Map<String, Object> header = new HashMap<>(call.header());
            header.put("frames", call.frames().size());
            try {
                writeFrame(Pickles.dumps(header));
                for (byte[] f : call.frames()) {
                    writeFrame(f);
                }
                out.flush();
                @SuppressWarnings("unchecked")
                Map<String, Object> reply = (Map<String, Object>) Pickles.loads(readFrame());
                List<byte[]> frames = new ArrayList<>();
                int n = reply.get("frames") instanceof Number k ? k.intValue() : 0;
                for (int i = 0; i < n; i++) {
                    frames.add(readFrame());
                }
                return new PythonReply(reply, frames);
            } catch (IOException | IllegalArgumentException | ClassCastException e) {
                kill();
                throw died(e);
            }
        } finally {
            callContext = null;
        }
    }

    private PythonException died(Exception e) {
        int code;
        try {
            code = process.waitFor();
            stderr.join(2000);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            code = -1;
        }
        String last;
        synchronized (lastLines) {
            last = String.join("\n", lastLines).strip();
        }
        return new PythonException("the Python worker (pid " + process.pid() + ") died during the call"
                + (code >= 128 ? " (killed by signal " + (code - 128) + ")" : " (exit code " + code + ")")
                + (last.isEmpty() ? "" : "; its last output: " + last), e);
    }

    private void writeFrame(byte[] data) throws IOException {
        out.writeLong(data.length);
        out.write(data);
    }

    private byte[] readFrame() throws IOException {
        long n = in.readLong();
        if (n < 0 || n > Integer.MAX_VALUE - 16) {
            throw new EOFException("frame of " + n + " bytes from the Python worker");
        }
        byte[] data = new byte[(int) n];
        in.readFully(data);
        return data;
    }

    private void drainStderr() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                synchronized (lastLines) {
                    lastLines.addLast(line);
                    if (lastLines.size() > KEPT_LINES) {
                        lastLines.removeFirst();
                    }
                }
                Map<String, String> ctx = callContext;
                if (ctx != null) {
                    MDC.setContextMap(ctx);
                } else {
                    MDC.clear();
                }
                log.info("python[{}]: {}", process.pid(), line);
            }
        } catch (IOException e) {
            // the process is gone: what was read is what there is
        } finally {
            MDC.clear();
        }
    }
}
