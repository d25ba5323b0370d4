package dlg.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dlg.core.app.DataDrop;
import dlg.core.error.NoDropException;
import dlg.core.graph.DropSpec;
import dlg.core.graph.GraphWriter;
import dlg.core.runtime.DropStatus;
import dlg.core.runtime.Execution;
import dlg.core.runtime.ExecutionCounts;
import dlg.core.state.AppState;
import dlg.core.state.DropState;
import dlg.core.state.SessionState;
import dlg.manager.NodeManager;
import dlg.manager.Session;
import dlg.manager.logs.DropLogEntry;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pages' view of a NodeManager, read from its sessions in this process: counts from the
 * engine's counters, drop states read one by one, nothing copied per drop.
 */
final class LocalSource implements UiSource {

    static final int LOG_TAIL = 30;
    private static final int MAX_LINKS = 100;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DateTimeFormatter LOG_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private final NodeManager nm;
    private final Clock clock;
    /** The groups of each deployed session: its graph no longer changes. */
    private final Map<Session, Groups> groups = new ConcurrentHashMap<>();

    LocalSource(NodeManager nm, Clock clock) {
        this.nm = Objects.requireNonNull(nm, "nm");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String managerType() {
        return "NodeManager";
    }

    NodeManager nodeManager() {
        return nm;
    }

    @Override
    public List<SessionLine> sessions() {
        List<Session> all = nm.allSessions();
        groups.keySet().retainAll(all); // forget destroyed sessions
        return all.stream().map(this::line).toList();
    }

    @Override
    public void requireSession(String sessionId) {
        nm.session(sessionId);
    }

    SessionLine line(Session s) {
        SessionState state = s.state();
        long[] counts = s.execution().map(ex -> shownCounts(ex.counts())).orElse(new long[ShownState.count()]);
        Long started = millis(s.enteredAt(SessionState.DEPLOYING).orElse(null));
        Long ended = state.isTerminal() ? millis(s.enteredAt(state).orElse(null)) : null;
        Long elapsed = started == null ? null : (ended != null ? ended : clock.millis()) - started;
        return new SessionLine(s.id(), name(state), state.isTerminal(), s.size(), GraphViews.countsByName(counts),
                counts[ShownState.ERROR.ordinal()], millis(s.enteredAt(SessionState.PRISTINE).orElse(null)),
                started, ended, elapsed, s.failure().orElse(null), null);
    }

    /**
     * The engine counts drops per drop state (apps included) and apps per execution state; the
     * pages show apps by execution state, data drops by drop state. Apps change their execution
     * state just before their drop state, so a count can be off by one for a moment: never below 0.
     */
    static long[] shownCounts(ExecutionCounts c) {
        long[] s = new long[ShownState.count()];
        for (AppState a : AppState.values()) {
            s[ShownState.of(DropState.INITIALIZED, a).ordinal()] += c.count(a);
        }
        long appsInit = c.count(AppState.NOT_RUN) + c.count(AppState.RUNNING);
        for (DropState d : DropState.values()) {
            long apps = switch (d) {
                case INITIALIZED -> appsInit;
                case COMPLETED -> c.count(AppState.FINISHED);
                case ERROR -> c.count(AppState.ERROR);
                case CANCELLED -> c.count(AppState.CANCELLED);
                case SKIPPED -> c.count(AppState.SKIPPED);
                default -> 0;
            };
            s[ShownState.of(d, null).ordinal()] += Math.max(0, c.count(d) - apps);
        }
        return s;
    }

    @Override
    public SessionDetail session(String sessionId) {
        Session s = nm.session(sessionId);
        List<DropLine> failures = new ArrayList<>();
        Execution ex = s.execution().orElse(null);
        if (ex != null) {
            SessionDrops drops = SessionDrops.of(s);
            Groups g = groupsOf(s, drops);
            for (DropStatus f : ex.failures(SessionDetail.MAX_FAILURES)) {
                int i = ex.indexOf(f.oid());
                if (i >= 0) {
                    failures.add(DropPaging.line(drops, i, g));
                }
            }
        }
        return new SessionDetail(line(s), s.dir().toString(), failures);
    }

    @Override
    public DropPage drops(String sessionId, DropQuery query) {
        Session s = nm.session(sessionId);
        SessionDrops drops = SessionDrops.of(s);
        return DropPaging.page(drops, query, groupsOf(s, drops));
    }

    @Override
    public GraphView graph(String sessionId, GraphQuery query) {
        Session s = nm.session(sessionId);
        SessionDrops drops = SessionDrops.of(s);
        return GraphViews.build(sessionId, drops, groupsOf(s, drops), query);
    }

    @Override
    public Timeline timeline(String sessionId, int limit) {
        Session s = nm.session(sessionId);
        SessionDrops drops = SessionDrops.of(s);
        SessionState state = s.state();
        Long ended = state.isTerminal() ? millis(s.enteredAt(state).orElse(null)) : null;
        return Timeline.of(drops, groupsOf(s, drops), limit, millis(s.enteredAt(SessionState.DEPLOYING).orElse(null)),
                ended, clock.millis());
    }

    @Override
    public Constructs constructs(String sessionId) {
        Session s = nm.session(sessionId);
        SessionDrops drops = SessionDrops.of(s);
        return Constructs.of(drops, groupsOf(s, drops));
    }

    @Override
    public RootCauses rootCauses(String sessionId) {
        Session s = nm.session(sessionId);
        SessionDrops drops = SessionDrops.of(s);
        return drops.isDeployed() ? RootCauseScan.of(drops, groupsOf(s, drops)) : RootCauses.NONE;
    }

    @Override
    public Nodes nodes() {
        return Nodes.NONE;
    }

    /** The drops and groups of a session, for its live feed; the groups are kept once it is deployed. */
    Groups groupsOf(Session s, SessionDrops drops) {
        if (!drops.isDeployed()) {
            return Groups.of(drops);
        }
        return groups.computeIfAbsent(s, k -> Groups.of(drops));
    }

    @Override
    public DropDetail drop(String sessionId, String oid) {
        Session s = nm.session(sessionId);
        SessionDrops drops = SessionDrops.of(s);
        int i = drops.indexOf(oid);
        if (i < 0) {
            throw new NoDropException(sessionId, oid);
        }
        List<DropLogEntry> logs = nm.dropLogs(sessionId, oid);
        DropSpec spec = drops.spec(i);
        ShownState shown = drops.state(i);
        Execution ex = drops.execution();
        String dropState = ex == null ? null : name(ex.state(i));
        String execState = ex == null || ex.execState(i) == null ? null : name(ex.execState(i));
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        drops.forEachEdge((from, to) -> { // either side may declare a link: look at them all
            if (to == i && inputs.size() < MAX_LINKS && !inputs.contains(drops.oid(from))) {
                inputs.add(drops.oid(from));
            } else if (from == i && outputs.size() < MAX_LINKS && !outputs.contains(drops.oid(to))) {
                outputs.add(drops.oid(to));
            }
        });
        String path = null;
        Long size = null;
        DataDrop data = ex == null ? null : ex.data(i).orElse(null);
        if (data != null) {
            path = data.path().map(Object::toString).orElse(null);
            if (ex.state(i) == DropState.COMPLETED) {
                try {
                    size = data.size();
                } catch (RuntimeException e) { // released meanwhile: no size to show
                    size = null;
                }
            }
        }
        return new DropDetail(spec.oid(), spec.uid(), spec.displayName(), spec.category().wireName(),
                spec.dropClass(), spec.node(), spec.island(), shown.wireName(), shown.isTerminal(), dropState,
                execState, drops.error(i), positive(drops.started(i)), positive(drops.ended(i)), inputs, outputs,
                specTree(spec), logTail(logs), logs.size(), path, size);
    }

    private static List<DropDetail.LogLine> logTail(List<DropLogEntry> all) {
        List<DropLogEntry> tail = all.size() > LOG_TAIL ? all.subList(all.size() - LOG_TAIL, all.size()) : all;
        return tail.stream().map(e -> new DropDetail.LogLine(LOG_TIME.format(e.time()), e.level(), e.message()))
                .toList();
    }

    private static JsonNode specTree(DropSpec spec) {
        StringWriter out = new StringWriter();
        try (var g = MAPPER.getFactory().createGenerator(out)) {
            GraphWriter.writeDrop(g, spec);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return MAPPER.readTree(out.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Long positive(long ms) {
        return ms >= 0 ? ms : null;
    }

    private static Long millis(Instant t) {
        return t == null ? null : t.toEpochMilli();
    }

    static String name(Enum<?> state) {
        return state.name().toLowerCase(Locale.ROOT);
    }
}
