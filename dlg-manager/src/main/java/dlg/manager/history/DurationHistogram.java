package dlg.manager.history;

import java.util.Arrays;

/**
 * App durations in milliseconds, counted in log-linear buckets (as HdrHistogram does, in a few
 * lines): exact below 32 ms, then 16 buckets per power of two, so a quantile read back is within
 * 1/32 of the true value. Bounded whatever the number of apps (at most {@value #BUCKETS} buckets,
 * durations capped at 2^36 ms), and mergeable across sessions, which exact medians are not.
 *
 * <p>Not thread-safe: filled by one thread (the history writer), then read.
 */
public final class DurationHistogram {

    private static final int EXACT = 32; // 2^5
    private static final int SUB = 16; // buckets per power of two from 2^5 on
    private static final int MAX_EXP = 35; // durations up to 2^36 - 1 ms
    static final int BUCKETS = EXACT + (MAX_EXP - 4) * SUB;
    private static final long MAX_MS = (1L << (MAX_EXP + 1)) - 1;

    private final long[] counts = new long[BUCKETS];
    private long total;

    /** Counts one duration (negative ones as 0, huge ones as the cap). */
    public void add(long ms) {
        counts[bucket(Math.clamp(ms, 0, MAX_MS))]++;
        total++;
    }

    /** Adds every count of {@code other}. */
    public void merge(DurationHistogram other) {
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
    }

    /** Durations counted. */
    public long count() {
        return total;
    }

    /**
     * The duration below which a fraction {@code q} of the counted ones lie (the middle of its
     * bucket), or -1 if none was counted.
     */
    public long quantile(double q) {
        if (q < 0 || q > 1) {
            throw new IllegalArgumentException("quantile must be within [0, 1]: " + q);
        }
        if (total == 0) {
            return -1;
        }
        long rank = Math.max(1, (long) Math.ceil(q * total));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return (low(i) + high(i)) / 2;
            }
        }
        throw new IllegalStateException("histogram counts do not add up to " + total);
    }

    static int bucket(long ms) {
        if (ms < EXACT) {
            return (int) ms;
        }
        int exp = 63 - Long.numberOfLeadingZeros(ms); // 5..MAX_EXP
        int sub = (int) (ms >>> (exp - 4)) & (SUB - 1);
        return EXACT + (exp - 5) * SUB + sub;
    }

    static long low(int bucket) {
        if (bucket < EXACT) {
            return bucket;
        }
        int exp = 5 + (bucket - EXACT) / SUB;
        int sub = (bucket - EXACT) % SUB;
        return (1L << exp) + ((long) sub << (exp - 4));
    }

    static long high(int bucket) {
        return bucket < EXACT ? bucket : low(bucket) + (1L << (5 + (bucket - EXACT) / SUB - 4)) - 1;
    }

    /** {@code "bucket:count,..."} for the non-empty buckets: what the database stores. */
    public String encode() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < BUCKETS; i++) {
            if (counts[i] != 0) {
                if (!b.isEmpty()) {
                    b.append(',');
                }
                b.append(i).append(':').append(counts[i]);
            }
        }
        return b.toString();
    }

    /** The inverse of {@link #encode()}. */
    public static DurationHistogram decode(String text) {
        DurationHistogram h = new DurationHistogram();
        if (text == null || text.isEmpty()) {
            return h;
        }
        for (String part : text.split(",")) {
            int colon = part.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("not a histogram bucket ('index:count'): '" + part + "'");
            }
            int i = Integer.parseInt(part, 0, colon, 10);
            long n = Long.parseLong(part, colon + 1, part.length(), 10);
            if (i < 0 || i >= BUCKETS || n < 0) {
                throw new IllegalArgumentException("not a histogram bucket: '" + part + "'");
            }
            h.counts[i] += n;
            h.total += n;
        }
        return h;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DurationHistogram h && Arrays.equals(counts, h.counts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "DurationHistogram[" + encode() + "]";
    }
}
