package dlg.manager.metrics;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A manager's metrics, served as {@code GET /metrics} in Prometheus's text format: the JVM's own
 * (memory, GC, threads, classes, CPU, uptime, file descriptors), the latency of every REST
 * request ({@code http_server_requests_seconds}, by route template, method and status), and what
 * the manager binds ({@link NodeMetrics}, {@link CompositeMetrics}).
 *
 * <p>The registry is made by the first scrape: a manager nobody scrapes pays nothing for it
 * (start time, idle memory). Gauges and counters read the engine's and the ports' own counts, so
 * they are whole from the first scrape on; the histograms (request latency, {@link AppDurations})
 * count what ends after it. Nothing here runs per drop. Thread-safe.
 */
public final class Metrics implements AutoCloseable {

    /** What Prometheus's text format 0.0.4 is served as. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    /** Where a request's start is kept between the before- and the after-handler. */
    private static final String STARTED = "dlg.metrics.started";
    private static final Duration[] REQUEST_BUCKETS = {
        Duration.ofMillis(5), Duration.ofMillis(25), Duration.ofMillis(100), Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(30)};

    /** Kept strongly: meters hold the objects they read weakly. Guarded by this. */
    private final List<MeterBinder> binders = new ArrayList<>();
    /** Null until the first scrape. */
    private volatile Registry registry;
    private boolean closed; // guarded by this

    private record Registry(PrometheusMeterRegistry prometheus, JvmGcMetrics gc) {
    }

    /** Adds what {@code binder} measures (now if the registry is made, else when it is). */
    public synchronized void bind(MeterBinder binder) {
        binders.add(binder);
        Registry r = registry;
        if (r != null) {
            binder.bindTo(r.prometheus());
        }
    }

    /** The registry if a scrape has made it, else null: recorders record nothing before. */
    MeterRegistry started() {
        Registry r = registry;
        return r == null ? null : r.prometheus();
    }

    /** The registry, made with the JVM's metrics and every binder on first use. */
    synchronized MeterRegistry start() {
        if (closed) {
            throw new IllegalStateException("the metrics are closed");
        }
        if (registry == null) {
            PrometheusMeterRegistry p = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            JvmGcMetrics gc = new JvmGcMetrics();
            new JvmMemoryMetrics().bindTo(p);
            gc.bindTo(p);
            new JvmThreadMetrics().bindTo(p);
            new ClassLoaderMetrics().bindTo(p);
            new ProcessorMetrics().bindTo(p);
            new UptimeMetrics().bindTo(p);
            new FileDescriptorMetrics().bindTo(p);
            for (MeterBinder b : binders) {
                b.bindTo(p);
            }
            registry = new Registry(p, gc);
        }
        return registry.prometheus();
    }

    /** Every metric, in Prometheus's text format (the first call makes the registry). */
    public String scrape() {
        start();
        return registry.prometheus().scrape();
    }

    /**
     * Adds {@code GET /metrics} and the timing of every request. Requests refused before these
     * handlers run (without the cluster's secret) are not timed.
     */
    public void routes(RoutesConfig r) {
        r.before(ctx -> {
            if (registry != null) {
                ctx.attribute(STARTED, System.nanoTime());
            }
        });
        r.after(this::timed);
        r.get("/metrics", ctx -> {
            ctx.contentType(CONTENT_TYPE);
            ctx.result(scrape().getBytes(StandardCharsets.UTF_8));
        });
    }

    private void timed(Context ctx) {
        Long started = ctx.attribute(STARTED);
        MeterRegistry r = started();
        if (started == null || r == null) {
            return;
        }
        long nanos = System.nanoTime() - started;
        Timer.builder("http.server.requests")
                .description("REST requests answered, by route template, method and status")
                .tag("method", ctx.method().name())
                .tag("route", route(ctx))
                .tag("status", Integer.toString(ctx.statusCode()))
                .serviceLevelObjectives(REQUEST_BUCKETS)
                .register(r)
                .record(Duration.ofNanos(nanos));
    }

    /** The route's template ({@code /api/sessions/{sid}}), never the raw path (one series per session id). */
    static String route(Context ctx) {
        try {
            Endpoint e = ctx.endpoints().matchedHttpEndpoint();
            return e == null ? "none" : e.path;
        } catch (RuntimeException noMatch) {
            return "none";
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        Registry r = registry;
        if (r != null) {
            r.gc().close();
            r.prometheus().close();
        }
    }
}
