package dlg.manager.history;

import java.util.Objects;

/**
 * The apps of one construct of a logical graph (DALiuGE's {@code lg_key}; else the apps' name,
 * else their class) in one session, or merged over several.
 *
 * @param key the construct: {@code lg_key}, name or class
 * @param name what to show for it (the apps' name, else class)
 * @param count apps
 * @param failed apps that ended in ERROR
 * @param totalMs time the apps that ran took together
 * @param maxMs the longest run
 * @param durations the runs, for medians and percentiles ({@code count()} of them ran)
 */
public record ConstructSummary(String key, String name, long count, long failed, long totalMs, long maxMs,
                               DurationHistogram durations) {

    public ConstructSummary {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(durations, "durations");
    }

    /** The median run in milliseconds (within 1/32), or -1 if none ran. */
    public long medianMs() {
        return durations.quantile(0.5);
    }

    /** The 95th percentile run in milliseconds (within 1/32), or -1 if none ran. */
    public long p95Ms() {
        return durations.quantile(0.95);
    }

    /** This and {@code other} (the same construct in another session) together. */
    public ConstructSummary plus(ConstructSummary other) {
        DurationHistogram h = new DurationHistogram();
        h.merge(durations);
        h.merge(other.durations);
        return new ConstructSummary(key, name != null ? name : other.name, count + other.count,
                failed + other.failed, totalMs + other.totalMs, Math.max(maxMs, other.maxMs), h);
    }
}
