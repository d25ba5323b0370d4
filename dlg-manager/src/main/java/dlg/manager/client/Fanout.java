package dlg.manager.client;

import dlg.core.error.DlgException;
import dlg.core.error.GenericDlgException;
import dlg.core.error.SubManagerException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one call on many sub-managers at once and waits for all of them: if any failed, a
 * {@link SubManagerException} names every failed node with its own error (the nodes it does not
 * name succeeded: partial success is reported, never hidden); otherwise each node's result.
 *
 * <p>Threading: one virtual thread per node; the caller blocks until every call has ended. The
 * calls' own timeouts (those of {@link RestDropManagerClient}) bound the wait, Fanout adds none.
 * Interrupting the caller interrupts every call, which then fail.
 */
public final class Fanout {

    private static final Logger log = LoggerFactory.getLogger(Fanout.class);
    private static final ThreadFactory THREADS = Thread.ofVirtual().name("dlg-fanout-", 0).factory();

    /** A call on one node; {@code node} is the name failures are reported under. */
    @FunctionalInterface
    public interface Call<T, R> {
        R call(String node, T target) throws Exception;
    }

    /** A call on one node that returns nothing. */
    @FunctionalInterface
    public interface Action<T> {
        void run(String node, T target) throws Exception;
    }

    private Fanout() {
    }

    /**
     * @param targets by node name, in the order of the results
     * @return each node's result, in the order of {@code targets}
     * @throws SubManagerException listing every node whose call failed, in the order of {@code targets}
     */
    public static <T, R> Map<String, R> call(Map<String, T> targets, Call<T, R> call) {
        return settle(targets, call).orThrow();
    }

    /**
     * What each node answered, and how each of the others failed, in the order of the targets.
     *
     * @param millis how long each node's call took, answered or failed
     */
    public record Settled<R>(Map<String, R> results, Map<String, DlgException> failures, Map<String, Long> millis) {

        /**
         * @return every node's result
         * @throws SubManagerException listing every node whose call failed
         */
        public Map<String, R> orThrow() {
            if (!failures.isEmpty()) {
                throw new SubManagerException(failures);
            }
            return results;
        }
    }

    /** Runs {@code call} on every target in parallel and keeps both the results and the failures. */
    public static <T, R> Settled<R> settle(Map<String, T> targets, Call<T, R> call) {
        Map<String, Future<R>> running = new LinkedHashMap<>();
        Map<String, Long> millis = new ConcurrentHashMap<>();
        try (ExecutorService threads = Executors.newThreadPerTaskExecutor(THREADS)) {
            targets.forEach((node, target) -> running.put(node, threads.submit(() -> {
                long start = System.nanoTime();
                try {
                    return call.call(node, target);
                } finally {
                    millis.put(node, (System.nanoTime() - start) / 1_000_000);
                }
            })));
        } // close() waits for every call; if this thread is interrupted meanwhile, it interrupts them
        Map<String, R> results = new LinkedHashMap<>();
        Map<String, DlgException> failures = new LinkedHashMap<>();
        running.forEach((node, f) -> {
            switch (f.state()) {
                case SUCCESS -> results.put(node, f.resultNow());
                case FAILED -> failures.put(node, asDlg(node, f.exceptionNow()));
                default -> failures.put(node, new GenericDlgException("CancelledError", List.of("cancelled"),
                        "the call was cancelled"));
            }
        });
        Map<String, Long> took = new LinkedHashMap<>();
        running.keySet().forEach(node -> took.put(node, millis.getOrDefault(node, 0L)));
        return new Settled<>(results, failures, took);
    }

    /** {@link #call} for calls without a result. */
    public static <T> void run(Map<String, T> targets, Action<T> action) {
        call(targets, (node, target) -> {
            action.run(node, target);
            return null;
        });
    }

    private static DlgException asDlg(String node, Throwable t) {
        if (t instanceof DlgException d) {
            return d;
        }
        if (t instanceof Error e) {
            throw e;
        }
        // not a sub-manager's answer but a failure here: reported all the same, and logged for its trace
        log.error("a call on {} failed", node, t);
        String message = t.getClass().getSimpleName() + ": " + t.getMessage();
        return new GenericDlgException(t.getClass().getSimpleName(), List.of(message), message, t);
    }
}
