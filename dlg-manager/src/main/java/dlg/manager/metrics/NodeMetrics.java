package dlg.manager.metrics;

import dlg.core.runtime.Execution;
import dlg.core.runtime.ExecutionCounts;
import dlg.core.state.AppState;
import dlg.core.state.DropState;
import dlg.core.state.SessionState;
import dlg.manager.NodeManager;
import dlg.manager.Session;
import dlg.manager.data.DataClient;
import dlg.manager.data.DataServer;
import dlg.manager.events.EventPublisher;
import io.javalin.config.RoutesConfig;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;

/**
 * A NodeManager's metrics, all read when Prometheus scrapes from counters the engine and the
 * ports keep anyway (adders per state in each {@link Execution}, the event queue, the data
 * port's byte counts): the engine does no extra work per drop for them.
 *
 * <pre>
 *   dlg_sessions{state}                 sessions here now, by state (gauge)
 *   dlg_drops{state}                    drops of those sessions now, by drop state (gauge)
 *   dlg_apps{state}                     apps of those sessions now, by execution state (gauge; RUNNING: running now)
 *   dlg_drops_settled_total{state}      drops that settled: COMPLETED (then maybe expired/deleted), ERROR, CANCELLED, SKIPPED
 *   dlg_apps_ended_total{state}         apps that ended: FINISHED, ERROR, CANCELLED, SKIPPED
 *   dlg_events_queued                   drop events waiting for the publisher thread
 *   dlg_events_published_total          drop events sent to subscribers
 *   dlg_events_skipped_total            drop events not sent: no subscriber was connected
 *   dlg_events_dropped_total            drop events queued yet never sent (closed, socket failed)
 *   dlg_events_subscribers              connected subscribers (other nodes, composites)
 *   dlg_events_joins_total              subscriptions taken in (each sent the retained cross-node events again)
 *   dlg_data_served_bytes_total         drops' bytes sent to other nodes from the data port
 *   dlg_data_read_bytes_total           drops' bytes read from other nodes' data ports
 *   dlg_data_reads_open                 reads from other nodes in progress
 * </pre>
 *
 * The counters add what destroyed sessions counted ({@link NodeManager#destroyed()}), so they
 * never go down; one scrape racing a destroy is kept from going down by remembering the highest
 * value given.
 */
public final class NodeMetrics implements MeterBinder {

    /** The drop states a drop settles in for good (COMPLETED counts what later expired or was deleted too). */
    private static final Set<DropState> SETTLED = EnumSet.of(DropState.COMPLETED, DropState.ERROR,
            DropState.CANCELLED, DropState.SKIPPED);
    private static final Set<AppState> ENDED = EnumSet.of(AppState.FINISHED, AppState.ERROR, AppState.CANCELLED,
            AppState.SKIPPED);

    private final NodeManager nm;
    private final EventPublisher events;
    private final DataServer dataServer;
    private final DataClient dataClient;

    public NodeMetrics(NodeManager nm, EventPublisher events, DataServer dataServer, DataClient dataClient) {
        this.nm = Objects.requireNonNull(nm, "nm");
        this.events = Objects.requireNonNull(events, "events");
        this.dataServer = Objects.requireNonNull(dataServer, "dataServer");
        this.dataClient = Objects.requireNonNull(dataClient, "dataClient");
    }

    @Override
    public void bindTo(MeterRegistry r) {
        for (SessionState s : SessionState.values()) {
            Gauge.builder("dlg.sessions", () -> sessions(s)).description("Sessions on this node, by state")
                    .tag("state", s.name()).strongReference(true).register(r);
        }
        for (DropState s : DropState.values()) {
            Gauge.builder("dlg.drops", () -> live(c -> c.count(s))).description("Drops of this node's sessions, by state")
                    .tag("state", s.name()).strongReference(true).register(r);
        }
        for (AppState s : AppState.values()) {
            Gauge.builder("dlg.apps", () -> live(c -> c.count(s)))
                    .description("Apps of this node's sessions, by execution state").tag("state", s.name()).strongReference(true).register(r);
        }
        for (DropState s : SETTLED) {
            counter(r, "dlg.drops.settled", "Drops that settled, by how", s.name(), () -> settled(s));
        }
        for (AppState s : ENDED) {
            counter(r, "dlg.apps.ended", "Apps that ended, by how", s.name(),
                    () -> live(c -> c.count(s)) + nm.destroyed().apps(s));
        }
        Gauge.builder("dlg.events.queued", events, EventPublisher::queued)
                .description("Drop events waiting for the publisher thread").register(r);
        FunctionCounter.builder("dlg.events.published", events, EventPublisher::published)
                .description("Drop events sent to subscribers").register(r);
        FunctionCounter.builder("dlg.events.skipped", events, EventPublisher::skipped)
                .description("Drop events not sent: no subscriber was connected").register(r);
        FunctionCounter.builder("dlg.events.dropped", events, EventPublisher::dropped)
                .description("Drop events queued and never sent").register(r);
        Gauge.builder("dlg.events.subscribers", events, EventPublisher::subscribers)
                .description("Connected subscribers to this node's drop events").register(r);
        FunctionCounter.builder("dlg.events.joins", events, EventPublisher::joins)
                .description("Subscriptions to this node's drop events taken in").register(r);
        FunctionCounter.builder("dlg.data.served", dataServer, DataServer::bytesServed).baseUnit(BaseUnits.BYTES)
                .description("Drops' bytes sent to other nodes").register(r);
        FunctionCounter.builder("dlg.data.read", dataClient, DataClient::bytesRead).baseUnit(BaseUnits.BYTES)
                .description("Drops' bytes read from other nodes").register(r);
        Gauge.builder("dlg.data.reads.open", dataClient, DataClient::openReads)
                .description("Reads of other nodes' drops in progress").register(r);
    }

    /** Adds {@code GET /api/ui/node-stats}: this node's CPU, memory and running apps ({@link NodeStats}). */
    public void routes(RoutesConfig r) {
        NodeStats.route(r, this::runningApps);
    }

    /** Apps running on this node now: the nodes list of a composite shows it. */
    public long runningApps() {
        return live(c -> c.count(AppState.RUNNING));
    }

    private long sessions(SessionState state) {
        long n = 0;
        for (Session s : nm.allSessions()) {
            if (s.state() == state) {
                n++;
            }
        }
        return n;
    }

    /** {@code count} summed over the live sessions' executions. */
    private long live(ToLongFunction<ExecutionCounts> count) {
        long n = 0;
        for (Session s : nm.allSessions()) {
            Execution e = s.execution().orElse(null);
            if (e != null) {
                n += count.applyAsLong(e.counts());
            }
        }
        return n;
    }

    /** COMPLETED drops include those that moved on to EXPIRED and DELETED: each of them completed. */
    private long settled(DropState s) {
        if (s != DropState.COMPLETED) {
            return live(c -> c.count(s)) + nm.destroyed().drops(s);
        }
        return live(c -> c.count(DropState.COMPLETED) + c.count(DropState.EXPIRED) + c.count(DropState.DELETED))
                + nm.destroyed().drops(DropState.COMPLETED) + nm.destroyed().drops(DropState.EXPIRED)
                + nm.destroyed().drops(DropState.DELETED);
    }

    /** The meter holds its object weakly: this binder, which {@link Metrics#bind} keeps. */
    private void counter(MeterRegistry r, String name, String description, String state, LongSupplier value) {
        AtomicLong highest = new AtomicLong();
        FunctionCounter.builder(name, this, m -> highest.accumulateAndGet(value.getAsLong(), Math::max))
                .description(description).tag("state", state).register(r);
    }
}
