package dlg.core.python;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Semaphore;

/**
 * A pool of long-lived Python worker processes ({@code dlg_worker.py}) that run Python
 * components' calls: started on first use, at most {@code maxCalls} calls at once, a worker that
 * dies is dropped (the next call starts a new one), all killed by {@link #close()}.
 *
 * <p>The interpreter is {@code DLG_PYTHON} from the engine's environment (set by {@code --python}),
 * else {@code python3} on the PATH. Thread-safe.
 */
public final class PythonWorkers implements AutoCloseable {

    static final String DEFAULT_PYTHON = "python3";
    private static final List<String> SCRIPTS = List.of("dlg_worker.py", "dlg_simple_functions.py");

    private final String python;
    private final Semaphore calls;
    private final ArrayDeque<PythonWorker> idle = new ArrayDeque<>();
    private final Set<PythonWorker> all = new HashSet<>();
    private Path script;
    private boolean closed;

    public PythonWorkers(String python, int maxCalls) {
        this.python = Objects.requireNonNull(python, "python");
        if (maxCalls < 1) {
            throw new IllegalArgumentException("maxCalls must be >= 1: " + maxCalls);
        }
        this.calls = new Semaphore(maxCalls, true);
    }

    /** The interpreter {@code environment} names ({@code DLG_PYTHON}), else {@code python3}. */
    public static PythonWorkers fromEnvironment(Map<String, String> environment, int maxCalls) {
        String p = environment.get("DLG_PYTHON");
        return new PythonWorkers(p == null || p.isBlank() ? DEFAULT_PYTHON : p.strip(), maxCalls);
    }

    public String python() {
        return python;
    }

    /**
     * A worker for one call, waiting while {@code maxCalls} calls run. Close the lease when done.
     *
     * @throws PythonException when no worker can be started (no such interpreter)
     */
    public Lease acquire() throws InterruptedException {
        calls.acquire();
        try {
            return new Lease(take(), true);
        } catch (RuntimeException e) {
            calls.release();
            throw e;
        }
    }

    /**
     * A worker for a short call outside the {@code maxCalls} bound (checking functions at
     * deploy), so that a deploy never waits for other sessions' long calls.
     *
     * @throws PythonException when no worker can be started (no such interpreter)
     */
    public Lease acquireUnbounded() {
        return new Lease(take(), false);
    }

    private PythonWorker take() {
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the Python workers are closed");
            }
            for (PythonWorker w = idle.pollFirst(); w != null; w = idle.pollFirst()) {
                if (w.isAlive()) {
                    return w;
                }
                all.remove(w);
            }
        }
        PythonWorker w = PythonWorker.start(python, script());
        synchronized (this) {
            if (closed) {
                w.kill();
                throw new IllegalStateException("the Python workers are closed");
            }
            all.add(w);
        }
        return w;
    }

    private synchronized Path script() {
        if (script == null) {
            try {
                Path dir = Files.createTempDirectory("dlg-python-");
                dir.toFile().deleteOnExit();
                for (String name : SCRIPTS) {
                    try (InputStream in = PythonWorkers.class.getResourceAsStream(name)) {
                        Path target = dir.resolve(name);
                        Files.copy(Objects.requireNonNull(in, name), target, StandardCopyOption.REPLACE_EXISTING);
                        target.toFile().deleteOnExit();
                    }
                }
                script = dir.resolve(SCRIPTS.getFirst());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the Python worker script: " + e.getMessage(), e);
            }
        }
        return script;
    }

    private void giveBack(PythonWorker w, boolean counted) {
        synchronized (this) {
            if (!closed && w.isAlive()) {
                idle.addFirst(w); // the most recently used: its caches are warm
                w = null;
            } else {
                all.remove(w);
            }
        }
        if (w != null) {
            w.kill();
        }
        if (counted) {
            calls.release();
        }
    }

    /** Workers alive now (idle or in a call). */
    public synchronized int size() {
        all.removeIf(w -> !w.isAlive());
        return all.size();
    }

    /** Kills every worker, also those in a call (their calls fail). */
    @Override
    public void close() {
        List<PythonWorker> workers;
        synchronized (this) {
            closed = true;
            workers = List.copyOf(all);
            all.clear();
            idle.clear();
        }
        workers.forEach(PythonWorker::kill);
    }

    /** One worker held for one call; {@link #kill} (from any thread) ends the call. */
    public final class Lease implements AutoCloseable {
        private final PythonWorker worker;
        private final boolean counted;
        private boolean closed;

        private Lease(PythonWorker worker, boolean counted) {
            this.worker = worker;
            this.counted = counted;
        }

        public PythonReply call(PythonCall call) throws IOException {
            return worker.call(call);
        }

        /** The worker's process id. */
        public long pid() {
            return worker.pid();
        }

        /** Kills the worker: a call in progress fails; a new worker replaces it on demand. */
        public void kill() {
            worker.kill();
        }

        @Override
        public void close() {
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
            }
            giveBack(worker, counted);
        }
    }
}
