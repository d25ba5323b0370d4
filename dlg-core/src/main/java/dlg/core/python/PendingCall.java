package dlg.core.python;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.slf4j.MDC;

/**
 * A call handed to the {@link PythonWorkers}: queued, then sent to a worker, then answered (or
 * failed). {@link #await} waits for the answer; {@link #cancel} ends the call wherever it is.
 */
public final class PendingCall {

    final PythonCall call;
    /** The submitter's logging context, for what the worker prints on stderr during the call. */
    final Map<String, String> context = MDC.getCopyOfContextMap();
    private final CompletableFuture<PythonReply> reply = new CompletableFuture<>();
    private final PythonWorkers pool;
    PythonWorker worker; // guarded by the pool: the worker it was given to
    boolean cancelled; // guarded by the pool
    long startedAt; // guarded by the pool: System.nanoTime() when its worker started it
    private Object function; // what calls of one function share, for their average duration

    PendingCall(PythonCall call, PythonWorkers pool) {
        this.call = call;
        this.pool = pool;
    }

    /**
     * The worker's answer.
     *
     * @throws PythonException when the worker died during the call (or was killed by a cancel)
     * @throws InterruptedException when interrupted; the call is cancelled
     */
    public PythonReply await() throws InterruptedException, IOException {
        try {
            return reply.get();
        } catch (InterruptedException e) {
            cancel();
            throw e;
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case PythonException p -> throw new PythonException(p.getMessage(), p);
                case IOException io -> throw io;
                case RuntimeException r -> throw r;
                default -> throw new PythonException(e.getCause().toString(), e.getCause());
            }
        }
    }

    /**
     * Ends the call: a queued call never runs, a running one has its worker killed (a new worker
     * replaces it), one sent behind another is killed once it starts. No effect once answered.
     */
    public void cancel() {
        pool.cancel(this);
    }

    /** The process id of the worker the call went to, or -1 while it waits for one. */
    public long pid() {
        synchronized (pool) {
            return worker == null ? -1 : worker.pid();
        }
    }

    /** The function called: its name and code. */
    Object function() {
        if (function == null) {
            function = List.of(String.valueOf(call.header().get("func_name")), String.valueOf(call.header().get("func_code")));
        }
        return function;
    }

    boolean isDone() {
        return reply.isDone();
    }

    void complete(PythonReply r) {
        reply.complete(r);
    }

    void fail(Exception e) {
        reply.completeExceptionally(e);
    }
}
