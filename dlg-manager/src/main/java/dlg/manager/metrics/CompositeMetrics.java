package dlg.manager.metrics;

import dlg.manager.NodeAddress;
import dlg.manager.composite.CompositeManager;
import io.javalin.config.RoutesConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;

/**
 * A DataIslandManager's or MasterManager's own metrics, read at a scrape from what it knows
 * without asking its sub-managers (a scrape never waits on a node):
 *
 * <pre>
 *   dlg_composite_sessions              sessions this manager knows (their states: the nodes' dlg_sessions)
 *   dlg_submanagers{state="up|down"}    sub-managers the heartbeat finds answering, or silent
 * </pre>
 */
public final class CompositeMetrics implements MeterBinder {

    private final CompositeManager cm;

    public CompositeMetrics(CompositeManager cm) {
        this.cm = Objects.requireNonNull(cm, "cm");
    }

    @Override
    public void bindTo(MeterRegistry r) {
        Gauge.builder("dlg.composite.sessions", cm, c -> c.allSessions().size())
                .description("Sessions this manager knows").register(r);
        Gauge.builder("dlg.submanagers", cm, c -> count(c, false))
                .description("Sub-managers, by whether the heartbeat finds them answering").tag("state", "up").register(r);
        Gauge.builder("dlg.submanagers", cm, c -> count(c, true))
                .description("Sub-managers, by whether the heartbeat finds them answering").tag("state", "down")
                .register(r);
    }

    /** Adds {@code GET /api/ui/node-stats}: this manager's own CPU and memory ({@link NodeStats}, no apps). */
    public void routes(RoutesConfig r) {
        NodeStats.route(r, () -> null);
    }

    private static long count(CompositeManager c, boolean down) {
        long n = 0;
        for (NodeAddress a : c.subManagers()) {
            if (c.isDown(a) == down) {
                n++;
            }
        }
        return n;
    }
}
