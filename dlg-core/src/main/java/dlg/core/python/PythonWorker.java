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
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One Python worker process and its pipes. Frames are an 8-byte big-endian length and the bytes.
 * A writer thread sends the calls given to it in order (a full pipe blocks only that thread); a
 * reader thread reads the answers, which come in the same order, and hands each to the pool. So a
 * call can be sent while the one before it runs: the worker never waits for the engine between
 * calls. What the process writes to stderr outside a call's capture (C code, a crash) is logged
 * with the identity of the call it happened in, and its last lines explain a death.
 */
final class PythonWorker {

    private static final Logger log = LoggerFactory.getLogger(PythonWorker.class);
    private static final int KEPT_LINES = 20;

    /** What the pool hears from a worker's reader thread. */
    interface Owner {
        void answered(PythonWorker w, PythonReply reply);

        void died(PythonWorker w, PythonException why);
    }

    private final Process process;
    private volatile boolean killed;
    private final DataOutputStream out;
    private final DataInputStream in;
    private final ArrayDeque<String> lastLines = new ArrayDeque<>();
    private final LinkedBlockingQueue<PendingCall> outbox = new LinkedBlockingQueue<>();
    private final Owner owner;
    private final Thread stderr;
    private final Thread writer;
    /** Calls given to this worker and not answered, in the order they run; guarded by the pool. */
    final ArrayDeque<PendingCall> inFlight = new ArrayDeque<>();
    /** Whether a deploy check holds it (then the pool gives it no calls); guarded by the pool. */
    boolean leased;
    private volatile Map<String, String> callContext;

    private PythonWorker(Process process, Owner owner) {
        this.process = process;
        this.owner = owner;
        this.out = new DataOutputStream(new BufferedOutputStream(process.getOutputStream(), 1 << 16));
        this.in = new DataInputStream(new BufferedInputStream(process.getInputStream(), 1 << 16));
        this.stderr = Thread.ofVirtual().name("dlg-python-stderr-" + process.pid()).start(this::drainStderr);
        this.writer = Thread.ofPlatform().daemon().name("dlg-python-write-" + process.pid()).start(this::writeCalls);
        Thread.ofPlatform().daemon().name("dlg-python-read-" + process.pid()).start(this::readAnswers);
    }

    static PythonWorker start(String python, Path script, Owner owner) {
        ProcessBuilder pb = new ProcessBuilder(python, "-u", script.toString());
        pb.environment().put("PYTHONUNBUFFERED", "1");
        pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        try {
            Process p = pb.start();
            log.info("started Python worker {} ({})", p.pid(), python);
            return new PythonWorker(p, owner);
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
        writer.interrupt(); // it may wait for calls that will never come
    }

    /** Queues the call for the writer; the caller has put it in {@link #inFlight} already. */
    void send(PendingCall call) {
        outbox.add(call);
    }

    /** The logging context of the call that runs now, for the worker's stderr lines. */
    void running(PendingCall call) {
        callContext = call == null ? null : call.context;
    }

    private void writeCalls() {
        try {
            while (true) {
                PendingCall c = outbox.take();
                Map<String, Object> header = new HashMap<>(c.call.header());
                header.put("frames", c.call.frames().size());
                writeFrame(Pickles.dumps(header));
                for (byte[] f : c.call.frames()) {
                    writeFrame(f);
                }
                if (outbox.isEmpty()) {
                    out.flush(); // calls queued together leave in one write
                }
            }
        } catch (IOException | RuntimeException e) {
            kill(); // the reader reports the death to the pool
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void readAnswers() {
        try {
            while (true) {
                @SuppressWarnings("unchecked")
                Map<String, Object> reply = (Map<String, Object>) Pickles.loads(readFrame());
                List<byte[]> frames = new ArrayList<>();
                int n = reply.get("frames") instanceof Number k ? k.intValue() : 0;
                for (int i = 0; i < n; i++) {
                    frames.add(readFrame());
                }
                owner.answered(this, new PythonReply(reply, frames));
            }
        } catch (IOException | IllegalArgumentException | ClassCastException e) {
            kill();
            owner.died(this, died(e));
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
