package dlg.web;

import com.fasterxml.jackson.core.type.TypeReference;
import dlg.core.error.DlgException;
import dlg.core.error.NoDropException;
import dlg.core.error.SubManagerException;
import dlg.core.graph.Link;
import dlg.core.graph.RawJson;
import dlg.manager.NodeAddress;
import dlg.manager.client.Fanout;
import dlg.manager.client.RestDropManagerClient;
import dlg.manager.composite.CompositeManager;
import dlg.manager.composite.CompositeSession;
import dlg.manager.composite.LostLinks;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The pages' view of a DataIslandManager or MasterManager: each question is asked of the
 * session's sub-managers (their own UI API, in parallel) and their answers merged. A MasterManager
 * asks its DataIslandManagers, which ask their NodeManagers: the same code at both levels.
 */
final class CompositeSource implements UiSource {

    private static final TypeReference<List<SessionLine>> LINES = new TypeReference<>() { };
    private static final String DROPS = "/api/ui/sessions/%s/drops?offset=%s&limit=%s&state=%s&node=%s&name=%s";

    private final CompositeManager cm;
    private final Clock clock;

    CompositeSource(CompositeManager cm, Clock clock) {
        this.cm = Objects.requireNonNull(cm, "cm");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String managerType() {
        return cm.kind().managerName();
    }

    @Override
    public void requireSession(String sessionId) {
        cm.session(sessionId);
    }

    // ---- Sessions ----

    @Override
    public List<SessionLine> sessions() {
        Fanout.Settled<RawJson> replies = Fanout.settle(targets(cm.subManagers()),
                (n, c) -> c.getRaw(null, "/api/ui/sessions"));
        Map<String, Map<String, SessionLine>> byNode = new HashMap<>();
        replies.results().forEach((node, json) -> {
            Map<String, SessionLine> lines = new HashMap<>();
            for (SessionLine l : read(json, LINES)) {
                lines.put(l.sessionId(), l);
            }
            byNode.put(node, lines);
        });
        List<SessionLine> out = new ArrayList<>();
        long now = clock.millis();
        for (CompositeSession s : cm.allSessions()) {
            List<String> nodes = names(s.subManagers());
            Map<String, SessionLine> lines = new LinkedHashMap<>();
            Map<String, String> errors = new HashMap<>();
            for (String node : nodes) {
                SessionLine l = byNode.getOrDefault(node, Map.of()).get(s.id());
                if (l != null) {
                    lines.put(node, l);
                } else {
                    DlgException e = replies.failures().get(node);
                    errors.put(node, e != null ? e.getMessage() : "the node does not have the session");
                }
            }
            out.add(SessionMerge.merge(s.id(), nodes, lines, errors, s.problems(), now));
        }
        return out;
    }

    @Override
    public SessionDetail session(String sessionId) {
        CompositeSession s = cm.session(sessionId);
        Map<String, SessionDetail> details = new LinkedHashMap<>();
        Map<String, String> errors = new HashMap<>();
        nodeDetails(sessionId, details, errors);
        Map<String, SessionLine> lines = new LinkedHashMap<>();
        List<DropLine> failures = new ArrayList<>();
        String dir = null;
        for (var e : details.entrySet()) {
            SessionDetail d = e.getValue();
            lines.put(e.getKey(), d.session());
            dir = dir == null ? d.dir() : dir;
            for (DropLine f : d.failures()) {
                if (failures.size() < SessionDetail.MAX_FAILURES) {
                    failures.add(f);
                }
            }
        }
        return new SessionDetail(SessionMerge.merge(sessionId, names(s.subManagers()), lines, errors, s.problems(),
                clock.millis()), dir, failures);
    }

    /** Each sub-manager's own detail of the session, or why it gave none. */
    void nodeDetails(String sessionId, Map<String, SessionDetail> details, Map<String, String> errors) {
        CompositeSession s = cm.session(sessionId);
        Fanout.Settled<RawJson> replies = Fanout.settle(targets(s.subManagers()),
                (n, c) -> c.getRaw(sessionId, "/api/ui/sessions/%s", sessionId));
        replies.results().forEach((node, json) -> details.put(node, read(json, SessionDetail.class)));
        replies.failures().forEach((node, e) -> errors.put(node, e.getMessage()));
    }

    // ---- Drops ----

    @Override
    public DropPage drops(String sessionId, DropQuery q) {
        CompositeSession s = cm.session(sessionId);
        List<String> nodes = names(s.subManagers());
        Map<String, RawJson> counts = Fanout.call(targets(s.subManagers()),
                (n, c) -> c.getRaw(sessionId, DROPS, dropsArgs(sessionId, q.withPage(0, 0))));
        long[] matched = new long[nodes.size()];
        long[] failed = new long[nodes.size()];
        long total = 0;
        for (int k = 0; k < nodes.size(); k++) {
            DropPage p = read(counts.get(nodes.get(k)), DropPage.class);
            matched[k] = p.matched();
            failed[k] = p.failed();
            total += p.total();
        }
        List<PagePlan.Slice> slices = PagePlan.plan(matched, failed, q.offset(), q.limit());
        Map<String, PagePlan.Slice> bySlice = new LinkedHashMap<>();
        for (int i = 0; i < slices.size(); i++) {
            bySlice.put(i + "", slices.get(i));
        }
        Map<String, RawJson> pages = Fanout.call(bySlice, (i, slice) -> {
            DropQuery part = q.withPage(slice.offset(), slice.limit());
            return cm.client(s.subManagers().get(slice.node())).getRaw(sessionId, DROPS,
                    dropsArgs(sessionId, part));
        });
        List<DropLine> lines = new ArrayList<>();
        for (RawJson page : pages.values()) {
            lines.addAll(read(page, DropPage.class).drops());
        }
        long allMatched = 0;
        long allFailed = 0;
        for (int k = 0; k < nodes.size(); k++) {
            allMatched += matched[k];
            allFailed += failed[k];
        }
        return new DropPage(total, allMatched, allFailed, q.offset(), lines);
    }

    private static String[] dropsArgs(String sessionId, DropQuery q) {
        return new String[] {sessionId, Long.toString(q.offset()), Integer.toString(q.limit()),
                String.join(",", q.states()), q.node(), q.name()};
    }

    @Override
    public DropDetail drop(String sessionId, String oid) {
        CompositeSession s = cm.session(sessionId);
        Fanout.Settled<RawJson> replies = Fanout.settle(targets(s.subManagers()),
                (n, c) -> c.getRaw(sessionId, "/api/ui/sessions/%s/drops/%s", sessionId, oid));
        if (replies.results().isEmpty()) {
            boolean nowhere = replies.failures().values().stream().allMatch(e -> e instanceof NoDropException);
            throw nowhere ? new NoDropException(sessionId, oid) : new SubManagerException(replies.failures());
        }
        DropDetail d = read(replies.results().values().iterator().next(), DropDetail.class);
        List<String> inputs = new ArrayList<>(d.inputs());
        List<String> outputs = new ArrayList<>(d.outputs());
        for (LostLinks lost : s.lostLinks()) { // the links the split cut, which its node no longer knows
            if (lost.oid().equals(oid)) {
                for (Link l : lost.links()) {
                    List<String> side = l.type().isIncoming() ? inputs : l.type().isOutgoing() ? outputs : null;
                    if (side != null && !side.contains(l.oid())) {
                        side.add(l.oid());
                    }
                }
            }
        }
        return new DropDetail(d.oid(), d.uid(), d.name(), d.category(), d.dropclass(), d.node(), d.island(),
                d.state(), d.terminal(), d.dropState(), d.execState(), d.error(), d.started(), d.ended(), inputs,
                outputs, d.spec(), d.logs(), d.path(), d.size());
    }

    // ---- Graph and timeline ----

    @Override
    public GraphView graph(String sessionId, GraphQuery q) {
        CompositeSession s = cm.session(sessionId);
        String mode = q.mode();
        if (mode.equals("auto")) {
            long total = 0;
            for (RawJson size : cm.fanoutGet(sessionId, "/api/sessions/%s/graph/size").values()) {
                total += Long.parseLong(size.json().strip());
            }
            mode = total <= q.budget() ? "drops" : "groups";
        }
        String m = mode;
        Fanout.Settled<RawJson> replies = Fanout.settle(targets(s.subManagers()), (n, c) -> c.getRaw(sessionId,
                "/api/ui/sessions/%s/graph?mode=%s&budget=%s&focus=%s", sessionId, m, Integer.toString(q.budget()),
                q.focus() == null ? "" : q.focus()));
        List<GraphView> parts = new ArrayList<>();
        replies.results().values().forEach(r -> parts.add(read(r, GraphView.class)));
        if (m.equals("neighbourhood")) { // only the node holding the focus has it
            if (parts.isEmpty()) {
                boolean nowhere = replies.failures().values().stream().allMatch(e -> e instanceof NoDropException);
                throw nowhere ? new NoDropException(sessionId, q.focus()) : new SubManagerException(replies.failures());
            }
        } else if (!replies.failures().isEmpty()) {
            throw new SubManagerException(replies.failures());
        }
        return GraphMerge.merge(m, q, parts, s.lostLinks());
    }

    @Override
    public Timeline timeline(String sessionId, int limit) {
        CompositeSession s = cm.session(sessionId);
        Map<String, RawJson> replies = Fanout.call(targets(s.subManagers()),
                (n, c) -> c.getRaw(sessionId, "/api/ui/sessions/%s/timeline?limit=%s", sessionId, Integer.toString(limit)));
        List<Timeline.Bar> bars = new ArrayList<>();
        long total = 0;
        for (RawJson r : replies.values()) {
            Timeline t = read(r, Timeline.class);
            bars.addAll(t.apps());
            total += t.total();
        }
        Timeline merged = Timeline.latest(bars, limit, clock.millis());
        return new Timeline(Math.max(total, merged.total()), total > merged.apps().size(), merged.now(), merged.apps());
    }

    // ---- Nodes ----

    @Override
    public Nodes nodes() {
        List<NodeAddress> subs = cm.subManagers();
        Map<String, Long> took = new java.util.concurrent.ConcurrentHashMap<>();
        Fanout.Settled<Integer> replies = Fanout.settle(targets(subs), (n, c) -> {
            long t0 = System.nanoTime();
            try {
                return read(c.getRaw(null, "/api/ui/sessions"), LINES).size();
            } finally {
                took.put(n, (System.nanoTime() - t0) / 1_000_000);
            }
        });
        List<Nodes.Health> health = new ArrayList<>();
        for (String n : names(subs)) {
            DlgException e = replies.failures().get(n);
            health.add(new Nodes.Health(n, e == null, took.getOrDefault(n, 0L), replies.results().get(n),
                    e == null ? null : e.getMessage()));
        }
        return new Nodes(cm.kind() == CompositeManager.Kind.MASTER ? "island" : "node", health);
    }

    // ---- Helpers ----

    CompositeManager manager() {
        return cm;
    }

    Clock clock() {
        return clock;
    }

    private Map<String, RestDropManagerClient> targets(List<NodeAddress> nodes) {
        Map<String, RestDropManagerClient> t = new LinkedHashMap<>();
        for (NodeAddress n : nodes) {
            t.put(n.toString(), cm.client(n));
        }
        return t;
    }

    static List<String> names(List<NodeAddress> nodes) {
        return nodes.stream().map(NodeAddress::toString).toList();
    }

    private static <T> T read(RawJson json, Class<T> type) {
        return Json.read(json.json(), type);
    }

    private static <T> T read(RawJson json, TypeReference<T> type) {
        try {
            return Json.MAPPER.readValue(json.json(), type);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("unreadable reply: " + e.getMessage(), e);
        }
    }
}
