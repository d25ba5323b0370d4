package dlg.manager.metrics;

import dlg.core.runtime.AppTimings;
import dlg.core.state.AppState;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * How long apps ran, as the histogram {@code dlg_app_duration_seconds} by app class and outcome,
 * with fixed buckets from a millisecond to an hour (Prometheus computes quantiles from them,
 * across nodes). Apps that end before the first scrape are not timed. One app's end costs a map lookup and the timer's striped increments; the
 * timers of a class are made once. Thread-safe.
 */
public final class AppDurations implements AppTimings {

    /** Bucket bounds: an operator tells quick apps from long ones; finer shapes come from the UI's timeline. */
    static final Duration[] BUCKETS = {
        Duration.ofMillis(1), Duration.ofMillis(10), Duration.ofMillis(100), Duration.ofSeconds(1),
        Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofMinutes(10), Duration.ofHours(1)};

    private static final AppState[] OUTCOMES = AppState.values();

    private final Metrics metrics;
    /** By app class, a timer per outcome (indexed by ordinal), made on first use. */
    private final ConcurrentMap<String, Timer[]> timers = new ConcurrentHashMap<>();

    /** @param metrics where the histograms go, once a scrape has made its registry (apps ending before are not timed) */
    public AppDurations(Metrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public void ran(String appClass, long millis, AppState outcome) {
        MeterRegistry registry = metrics.started();
        if (registry == null) {
            return;
        }
        Timer[] byOutcome = timers.get(appClass);
        if (byOutcome == null) {
            byOutcome = timers.computeIfAbsent(appClass, c -> new Timer[OUTCOMES.length]);
        }
        Timer t = byOutcome[outcome.ordinal()];
        if (t == null) {
            t = timer(registry, appClass, outcome); // the registry returns the same timer to racing threads
            byOutcome[outcome.ordinal()] = t;
        }
        t.record(millis, TimeUnit.MILLISECONDS);
    }

    private static Timer timer(MeterRegistry registry, String appClass, AppState outcome) {
        return Timer.builder("dlg.app.duration")
                .description("How long apps ran (to the millisecond), by app class and outcome")
                .tag("class", appClass)
                .tag("outcome", outcome.name())
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
    }
}
