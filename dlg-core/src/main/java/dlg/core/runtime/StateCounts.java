package dlg.core.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/**
 * How many drops are in each state, counted as they move. Each thread that moves drops counts in
 * an array of its own, so that a move costs no shared cache line: with a counter per state shared
 * by all threads (a {@code LongAdder} each), every move of a million-app run wrote lines the other
 * core had just written. Reading sums the threads' arrays: a snapshot, as moves go on meanwhile.
 *
 * <p>Only platform threads (pools: the compute workers, the REST server's, the event threads) get
 * an array. Virtual threads count in shared adders: each app that waits runs on a new one, and an
 * array each would grow without bound over a graph of a million such apps.
 */
final class StateCounts {

    /** Single-writer counts, read by other threads: opaque accesses, no fences. */
    private static final VarHandle COUNT = MethodHandles.arrayElementVarHandle(long[].class);

    private final int states;
    /** Every thread's array, and the one made for the counts the drops started with. */
    private final List<long[]> all = new CopyOnWriteArrayList<>();
    private final ThreadLocal<long[]> mine = ThreadLocal.withInitial(this::register);
    /** The virtual threads' counts. */
    private final LongAdder[] shared;

    /** Counts for {@code states} states, {@code initial} drops in state {@code first}. */
    StateCounts(int states, int first, long initial) {
        this.states = states;
        long[] start = new long[states];
        start[first] = initial;
        all.add(start);
        shared = new LongAdder[states];
        for (int s = 0; s < states; s++) {
            shared[s] = new LongAdder();
        }
    }

    private long[] register() {
        long[] counts = new long[states];
        all.add(counts);
        return counts;
    }

    /** One drop moved from state {@code from} to state {@code to} (their ordinals), on this thread. */
    void moved(int from, int to) {
        if (Thread.currentThread().isVirtual()) {
            shared[from].decrement();
            shared[to].increment();
            return;
        }
        long[] counts = mine.get();
        COUNT.setOpaque(counts, from, (long) COUNT.getOpaque(counts, from) - 1);
        COUNT.setOpaque(counts, to, (long) COUNT.getOpaque(counts, to) + 1);
    }

    /** Drops per state, by ordinal. */
    long[] sum() {
        long[] total = new long[states];
        for (int s = 0; s < states; s++) {
            total[s] = shared[s].sum();
        }
        for (long[] counts : all) {
            for (int s = 0; s < states; s++) {
                total[s] += (long) COUNT.getOpaque(counts, s);
            }
        }
        return total;
    }

    /** How many arrays count (one per platform thread that moved drops, and the initial one): for tests. */
    int arrays() {
        return all.size();
    }
}
