package dlg.core.runtime;

import dlg.core.graph.GraphSpec;
import dlg.core.graph.UidList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Finds the graph positions of a list of uids, a million roots in parallel: the list is cut into
 * chunks that the caller and up to {@code parallelism - 1} workers claim one at a time. The
 * caller claims chunks too and waits only for those a worker has claimed, so that it never waits
 * for a worker that has not started (a busy pool, or a test's manual executor): no deadlock, and
 * one thread's speed at worst. The graph is only read (it no longer changes once deployed).
 */
final class UidLookup {

    /** Uids a chunk looks up: a lookup is a few hundred ns (a cache miss or two). */
    static final int CHUNK = 1 << 15;
    /** Wrong guesses (less right ones) after which a chunk is looked up without guessing. */
    private static final int GIVE_UP = 32;

    private UidLookup() {
    }

    /** Each uid's position in {@code graph}, -1 for one it does not have. */
    static int[] indexes(GraphSpec graph, UidList uids, Executor workers, int parallelism) {
        int n = uids.size();
        int[] indexes = new int[n];
        int chunks = (n + CHUNK - 1) / CHUNK;
        if (chunks <= 1) {
            lookUp(graph, uids, indexes, 0, n);
            return indexes;
        }
        AtomicInteger next = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(chunks);
        Runnable claim = () -> {
            for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
                lookUp(graph, uids, indexes, c * CHUNK, Math.min(n, (c + 1) * CHUNK));
                done.countDown();
            }
        };
        for (int w = 1; w < Math.min(parallelism, chunks); w++) {
            try {
                workers.execute(claim);
            } catch (RejectedExecutionException e) { // shutting down: the caller does it all
                break;
            }
        }
        claim.run();
        try {
            done.await(); // the chunks workers claimed: they are running
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while looking uids up", e);
        }
        return indexes;
    }

    /**
     * Guesses each uid's position from the last two found (the same stride: roots listed in graph
     * order, every third drop in a {@code wide} graph); once guesses mostly miss, it stops
     * guessing, so that a list in no order costs at most a few wasted comparisons.
     */
    private static void lookUp(GraphSpec graph, UidList uids, int[] indexes, int from, int to) {
        int last = -1;
        int stride = 1;
        int misses = 0;
        for (int k = from; k < to; k++) {
            boolean guessing = last >= 0 && misses < GIVE_UP;
            int guess = last + stride;
            int at = guessing ? graph.indexOfUid(uids, k, guess) : graph.indexOfUid(uids, k);
            if (guessing) {
                misses = at == guess ? Math.max(0, misses - 1) : misses + 1;
            }
            if (at >= 0) {
                if (last >= 0) {
                    stride = at - last;
                }
                last = at;
            }
            indexes[k] = at;
        }
    }
}
