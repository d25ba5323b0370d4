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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A manager's metrics, served as {@code GET /metrics} in Prometheus's text format: the JVM's own
 * (memory, GC, threads, CPU, uptime, file descriptors), the latency of every REST request
 * ({@code http_server_requests_seconds}, by route template, method and status), and what the
 * manager binds ({@link NodeMetrics}, {@link CompositeMetrics}).
 *
 * <p>Nothing here runs per drop: the engine's own counters are read when Prometheus scrapes,
 * and only an app's end ({@link AppDurations}) and a request's end record anything.
 * Thread-safe.
 */
public final class Metrics implements AutoCloseable {

    /** What Prometheus's text format 0.0.4 is served as. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    /** Where a request's start is kept between the before- and the after-handler. */
    private static final String STARTED = "dlg.metrics.started";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    /** Kept: meters hold the objects they read weakly. */
    private final List<MeterBinder> bound = new CopyOnWriteArrayList<>();

    /** A registry with the JVM's metrics and {@code binders}. */
    public Metrics(MeterBinder... binders) {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        for (MeterBinder b : binders) {
            bind(b);
        }
    }

    /** Adds what {@code binder} measures. */
    public void bind(MeterBinder binder) {
        bound.add(binder);
        binder.bindTo(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Every metric, in Prometheus's text format. */
    public String scrape() {
        return registry.scrape();
    }

    /**
     * Adds {@code GET /metrics} and the timing of every request. Requests refused before these
     * handlers run (without the cluster's secret) are timed from the after-handler's view: not at all.
     */
    public void routes(RoutesConfig r) {
        r.before(ctx -> ctx.attribute(STARTED, System.nanoTime()));
        r.after(this::timed);
        r.get("/metrics", ctx -> {
            ctx.contentType(CONTENT_TYPE);
            ctx.result(scrape().getBytes(StandardCharsets.UTF_8));
        });
    }

    private void timed(Context ctx) {
        Long started = ctx.attribute(STARTED);
        if (started == null) {
            return;
        }
        long nanos = System.nanoTime() - started;
        Timer.builder("http.server.requests")
                .description("REST requests answered, by route template, method and status")
                .tag("method", ctx.method().name())
                .tag("route", route(ctx))
                .tag("status", Integer.toString(ctx.statusCode()))
                .serviceLevelObjectives(Duration.ofMillis(5), Duration.ofMillis(25), Duration.ofMillis(100),
                        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(30))
                .register(registry)
                .record(Duration.ofNanos(nanos));
    }

    /** The route's template ({@code /api/sessions/{sessionId}}), never the raw path (one series per session id). */
    static String route(Context ctx) {
        try {
            Endpoint e = ctx.endpoints().matchedHttpEndpoint();
            return e == null ? "none" : e.path;
        } catch (RuntimeException noMatch) {
            return "none";
        }
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
