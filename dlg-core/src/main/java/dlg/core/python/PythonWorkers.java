package dlg.core.python;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A pool of long-lived Python worker processes ({@code dlg_worker.py}) that run Python
 * components' calls, started on demand, each running one call at a time, at most {@code maxCalls}
 * calls at once (deploy checks aside, see {@link #acquireUnbounded}). A worker that runs a short call (its
 * function's calls have been taking under {@link #SHORT_NANOS}) is sent the next call before it
 * answers, so that it does not wait for the engine between calls; a call never waits behind a
 * long one (a call seldom: a function's average may hide a long one). A worker that dies fails only the call it was running (one sent behind it goes to
 * another) and is replaced on demand; {@link #close()} kills them all.
 *
 * <p>The interpreter is {@code DLG_PYTHON} from the engine's environment (set by {@code --python}),
 * else {@code python3} on the PATH. Thread-safe; its lock also guards the workers' calls in hand.
 */
public final class PythonWorkers implements AutoCloseable, PythonWorker.Owner {

    static final String DEFAULT_PYTHON = "python3";
    /** Calls shorter than this (their function's recent average) may have the next sent behind them. */
    static final long SHORT_NANOS = 2_000_000;
    private static final List<String> SCRIPTS = List.of("dlg_worker.py", "dlg_simple_functions.py");

    private final String python;
    private final int maxCalls;
    private final ArrayDeque<PendingCall> queue = new ArrayDeque<>(); // waiting for a worker
    private final List<PythonWorker> workers = new ArrayList<>(); // alive
    private final Map<Object, Long> averageNanos = new HashMap<>(); // by function, recent calls
    private Path script;
    private boolean closed;

    public PythonWorkers(String python, int maxCalls) {
        this.python = Objects.requireNonNull(python, "python");
        if (maxCalls < 1) {
            throw new IllegalArgumentException("maxCalls must be >= 1: " + maxCalls);
        }
        this.maxCalls = maxCalls;
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
     * Queues a call for the next free worker.
     *
     * @throws IllegalStateException once closed
     */
    public PendingCall submit(PythonCall call) {
        PendingCall p = new PendingCall(call, this);
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the Python workers are closed");
            }
            queue.addLast(p);
            dispatch();
        }
        return p;
    }

    /**
     * Gives queued calls to workers: an idle one first, else a new one while there are fewer than
     * {@code maxCalls}, else one that runs a short call. Caller holds the lock.
     */
    private void dispatch() {
        while (!queue.isEmpty()) {
            PythonWorker w = running() < maxCalls ? idleOrNew() : null;
            if (w == null) {
                w = runningAShortCall();
            }
            if (w == null) {
                return; // the next answer dispatches again
            }
            give(w, queue.pollFirst());
        }
    }

    /** Workers running a call of the pool's (not a deploy check). */
    private int running() {
        int n = 0;
        for (PythonWorker w : workers) {
            if (!w.leased && !w.inFlight.isEmpty()) {
                n++;
            }
        }
        return n;
    }

    /** An idle worker, else a new one; null when none can start (the queued calls then fail). */
    private PythonWorker idleOrNew() {
        for (PythonWorker w : workers) {
            if (!w.leased && w.inFlight.isEmpty() && w.isAlive()) {
                return w;
            }
        }
        try {
            PythonWorker w = PythonWorker.start(python, script(), this);
            workers.add(w);
            return w;
        } catch (RuntimeException e) { // no interpreter: nothing queued can run
            queue.forEach(c -> c.fail(e));
            queue.clear();
            return null;
        }
    }

    private PythonWorker runningAShortCall() {
        long now = System.nanoTime();
        for (PythonWorker w : workers) {
            PendingCall running = w.inFlight.peekFirst();
            if (!w.leased && w.inFlight.size() == 1 && !running.cancelled && w.isAlive() && now - running.startedAt < SHORT_NANOS
                    && averageNanos.getOrDefault(running.function(), Long.MAX_VALUE) < SHORT_NANOS) {
                return w;
            }
        }
        return null;
    }

    private void give(PythonWorker w, PendingCall p) {
        p.worker = w;
        if (w.inFlight.isEmpty()) {
            starts(w, p);
        }
        w.inFlight.addLast(p);
        w.send(p);
    }

    /** The worker runs {@code p} from now on. */
    private static void starts(PythonWorker w, PendingCall p) {
        w.running(p);
        if (p != null) {
            p.startedAt = System.nanoTime();
        }
    }

    /** Keeps a recent average of the function's call durations (weight 1/8 for the newest). */
    private void took(PendingCall p, long nanos) {
        if (averageNanos.size() > 10_000) {
            averageNanos.clear(); // a long-lived manager sees many functions: keep the recent ones
        }
        averageNanos.merge(p.function(), nanos, (old, n) -> old + (n - old) / 8);
    }

    @Override
    public void answered(PythonWorker w, PythonReply reply) {
        PendingCall done;
        synchronized (this) {
            done = w.inFlight.pollFirst();
            if (done != null) {
                took(done, System.nanoTime() - done.startedAt);
            }
            PendingCall next = w.inFlight.peekFirst();
            starts(w, next);
            if (next != null && next.cancelled) {
                w.kill(); // it starts now: cancelled while it waited behind this one
            }
            dispatch();
        }
        if (done != null) {
            done.complete(reply);
        }
    }

    @Override
    public void died(PythonWorker w, PythonException why) {
        PendingCall running;
        synchronized (this) {
            workers.remove(w);
            running = w.inFlight.pollFirst();
            // those sent behind the running call never started: they go first to another worker
            for (PendingCall p = w.inFlight.pollLast(); p != null; p = w.inFlight.pollLast()) {
                p.worker = null;
                if (closed) {
                    p.fail(new IllegalStateException("the Python workers are closed"));
                } else {
                    queue.addFirst(p);
                }
            }
            if (!closed) {
                dispatch();
            }
        }
        if (running != null) {
            running.fail(why);
        }
    }

    void cancel(PendingCall p) {
        synchronized (this) {
            if (p.isDone() || p.cancelled) {
                return;
            }
            p.cancelled = true;
            if (p.worker != null && p.worker.inFlight.peekFirst() == p) {
                p.worker.kill(); // it runs now; died() fails it
            } else { // queued, or sent behind another call (its worker is killed when it starts)
                queue.remove(p);
                p.fail(new PythonException("the call was cancelled before it started"));
            }
        }
    }

    /**
     * A worker for a short call outside the {@code maxCalls} bound (checking functions at
     * deploy), so that a deploy never waits for other sessions' long calls.
     *
     * @throws PythonException when no worker can be started (no such interpreter)
     */
    public Lease acquireUnbounded() {
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the Python workers are closed");
            }
            PythonWorker w = null;
            for (PythonWorker idle : workers) {
                if (!idle.leased && idle.inFlight.isEmpty() && idle.isAlive()) {
                    w = idle;
                    break;
                }
            }
            if (w == null) {
                w = PythonWorker.start(python, script(), this);
                workers.add(w);
            }
            w.leased = true;
            return new Lease(w);
        }
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

    /** Workers alive now (idle or in a call). */
    public synchronized int size() {
        workers.removeIf(w -> !w.isAlive());
        return workers.size();
    }

    /** Kills every worker, also those in a call (their calls fail). */
    @Override
    public void close() {
        List<PythonWorker> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(workers);
            queue.forEach(c -> c.fail(new IllegalStateException("the Python workers are closed")));
            queue.clear();
        }
        all.forEach(PythonWorker::kill);
    }

    /** A deploy checker held for a few calls, one at a time. */
    public final class Lease implements AutoCloseable {
        private final PythonWorker worker;
        private boolean closed;

        private Lease(PythonWorker worker) {
            this.worker = worker;
        }

        public PythonReply call(PythonCall call) throws IOException {
            PendingCall p = new PendingCall(call, PythonWorkers.this);
            synchronized (PythonWorkers.this) {
                if (!worker.isAlive()) {
                    throw new PythonException("the Python worker (pid " + worker.pid() + ") is gone");
                }
                give(worker, p);
            }
            try {
                return p.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PythonException("interrupted while waiting for the Python worker", e);
            }
        }

        /** The worker's process id. */
        public long pid() {
            return worker.pid();
        }

        @Override
        public void close() {
            synchronized (PythonWorkers.this) {
                if (closed) {
                    return;
                }
                closed = true;
                worker.leased = false; // an idle worker of the pool's from now on
                if (!PythonWorkers.this.closed) {
                    dispatch();
                }
            }
        }
    }
}
