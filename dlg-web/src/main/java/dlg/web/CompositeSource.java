package dlg.web;

import com.fasterxml.jackson.core.type.TypeReference;
import dlg.core.error.DlgException;
import dlg.core.graph.DropSpec;
import dlg.core.graph.Link;
import dlg.core.graph.RawJson;
import dlg.manager.NodeAddress;
import dlg.manager.SubManager.Query;
import dlg.manager.client.Fanout;
import dlg.manager.composite.CompositeManager;
import dlg.manager.composite.CompositeSession;
import dlg.manager.composite.LostLinks;
import dlg.manager.metrics.NodeStats;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The pages' view of a DataIslandManager or MasterManager: each question is asked of the
 * session's sub-managers (their own UI API) by the {@link CompositeManager}, and their answers
 * merged here. A MasterManager asks its DataIslandManagers, which ask their NodeManagers: the
 * same code at both levels.
 */
final class CompositeSource implements UiSource {

    private static final TypeReference<List<SessionLine>> LINES = new TypeReference<>() { };

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
        Fanout.Settled<RawJson> replies = cm.ask(Query.UI_SESSIONS);
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
                DlgException e = replies.failures().get(node);
                if (l != null && !s.isLost(node)) {
                    lines.put(node, l);
                } else if (e != null || s.isLost(node)) {
                    RawJson kept = cm.lastAnswer(s.id(), node, Query.UI_SESSION); // as last known
                    SessionLine known = kept == null ? null : read(kept, SessionDetail.class).session();
                    lines.put(node, known != null && known.terminal() && !s.isLost(node) ? known
                            : unanswered(s, node, e != null ? e.getMessage() : s.lost().get(node)));
                } else {
                    errors.put(node, "the node does not have the session");
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
        errors.forEach((node, why) -> details.put(node, new SessionDetail(unanswered(s, node, why), null, List.of())));
        Map<String, SessionLine> lines = new LinkedHashMap<>();
        List<DropLine> failures = new ArrayList<>();
        String dir = null;
        Map<String, String> lost = s.lost();
        for (var e : details.entrySet()) {
            SessionDetail d = e.getValue();
            SessionLine l = d.session();
            if (lost.containsKey(e.getKey()) && !l.terminal()) { // its last known counts, its part failed
                l = new SessionLine(l.sessionId(), "failed", true, l.size(), l.counts(), l.failed(), l.created(),
                        l.started(), l.ended(), l.elapsed(), lost.get(e.getKey()), l.nodes());
            }
            lines.put(e.getKey(), l);
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
        Fanout.Settled<RawJson> replies = cm.ask(sessionId, Query.UI_SESSION);
        replies.results().forEach((node, json) -> details.put(node, read(json, SessionDetail.class)));
        replies.failures().forEach((node, e) -> errors.put(node, e.getMessage()));
    }

    // ---- Drops ----

    @Override
    public DropPage drops(String sessionId, DropQuery q) {
        CompositeSession s = cm.session(sessionId);
        List<String> nodes = names(s.subManagers());
        // a node that cannot answer (down, lost) shows the drops it was sent, in error, naming it
        Fanout.Settled<RawJson> counts = cm.ask(sessionId, Query.UI_DROPS, dropsArgs(q.withPage(0, 0)));
        if (counts.results().isEmpty()) {
            counts.orThrow();
        }
        Map<String, String> lost = new HashMap<>();
        counts.failures().forEach((node, e) -> lost.put(node, s.lost().getOrDefault(node, node + ": " + e.getMessage())));
        long[] matched = new long[nodes.size()];
        long[] failed = new long[nodes.size()];
        long total = 0;
        for (int k = 0; k < nodes.size(); k++) {
            String node = nodes.get(k);
            DropPage p = lost.containsKey(node) ? LostDrops.page(s.dropsOf(node), lost.get(node), q.withPage(0, 0))
                    : read(counts.results().get(node), DropPage.class);
            matched[k] = p.matched();
            failed[k] = p.failed();
            total += p.total();
        }
        List<PagePlan.Slice> slices = PagePlan.plan(matched, failed, q.offset(), q.limit());
        List<CompositeManager.Ask> asks = new ArrayList<>();
        for (PagePlan.Slice slice : slices) {
            if (!lost.containsKey(nodes.get(slice.node()))) {
                asks.add(new CompositeManager.Ask(s.subManagers().get(slice.node()), Query.UI_DROPS,
                        args(sessionId, dropsArgs(q.withPage(slice.offset(), slice.limit())))));
            }
        }
        var answers = cm.askNodes(asks).iterator();
        List<DropLine> lines = new ArrayList<>();
        for (PagePlan.Slice slice : slices) { // in the plan's order
            String node = nodes.get(slice.node());
            DropPage page = lost.containsKey(node)
                    ? LostDrops.page(s.dropsOf(node), lost.get(node), q.withPage(slice.offset(), slice.limit()))
                    : read(answers.next(), DropPage.class);
            lines.addAll(page.drops());
        }
        long allMatched = 0;
        long allFailed = 0;
        for (int k = 0; k < nodes.size(); k++) {
            allMatched += matched[k];
            allFailed += failed[k];
        }
        return new DropPage(total, allMatched, allFailed, q.offset(), lines);
    }

    /** {@link Query#UI_DROPS}'s arguments after the session id. */
    private static String[] dropsArgs(DropQuery q) {
        return new String[] {Long.toString(q.offset()), Integer.toString(q.limit()), String.join(",", q.states()),
                q.node(), q.name(), q.group()};
    }

    private static String[] args(String sessionId, String... more) {
        String[] args = new String[more.length + 1];
        args[0] = sessionId;
        System.arraycopy(more, 0, args, 1, more.length);
        return args;
    }

    @Override
    public DropDetail drop(String sessionId, String oid) {
        CompositeSession s = cm.session(sessionId);
        Map<String, RawJson> replies = cm.askHolders(sessionId, oid, Query.UI_DROP, oid);
        DropDetail d = read(replies.values().iterator().next(), DropDetail.class);
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
                outputs, d.spec(), d.logs(), d.logCount(), d.path(), d.size());
    }

    // ---- Graph and timeline ----

    @Override
    public GraphView graph(String sessionId, GraphQuery q) {
        CompositeSession s = cm.session(sessionId);
        String mode = q.mode();
        if (mode.equals("auto")) {
            long total = 0;
            Fanout.Settled<RawJson> sizes = cm.ask(sessionId, Query.GRAPH_SIZE);
            for (RawJson size : answered(sizes).values()) {
                total += Long.parseLong(size.json().strip());
            }
            for (String node : sizes.failures().keySet()) {
                total += s.dropsOf(node).size();
            }
            mode = total <= q.budget() ? "drops" : "groups";
        }
        String[] args = {mode, Integer.toString(q.budget()), q.focus() == null ? "" : q.focus()};
        GraphQuery asked = new GraphQuery(mode, q.budget(), q.focus());
        List<GraphView> parts = new ArrayList<>();
        if (mode.equals("neighbourhood")) { // only the node holding the focus has it
            LostDropTable lost = lostHolding(s, q.focus());
            if (lost != null) {
                parts.add(GraphViews.build(sessionId, lost, Groups.of(lost), asked));
            } else {
                cm.askHolders(sessionId, q.focus(), Query.UI_GRAPH, args).values()
                        .forEach(r -> parts.add(read(r, GraphView.class)));
            }
            return GraphMerge.merge(mode, q, parts, s.lostLinks());
        }
        Fanout.Settled<RawJson> replies = cm.ask(sessionId, Query.UI_GRAPH, args);
        replies.results().values().forEach(r -> parts.add(read(r, GraphView.class)));
        // a node that cannot answer shows the drops it was sent, each lost (ERROR), naming it
        replies.failures().forEach((node, e) -> {
            LostDropTable lost = new LostDropTable(s.dropsOf(node), s.lost().getOrDefault(node, node + ": " + e.getMessage()));
            if (lost.size() > 0) {
                parts.add(GraphViews.build(sessionId, lost, Groups.of(lost), asked));
            }
        });
        if (parts.isEmpty()) {
            replies.orThrow();
        }
        return GraphMerge.merge(mode, q, parts, s.lostLinks());
    }

    /** The lost drops of the node that holds {@code oid}, when that node is lost by the session; else null. */
    private static LostDropTable lostHolding(CompositeSession s, String oid) {
        for (var e : s.lost().entrySet()) {
            List<DropSpec> drops = s.dropsOf(e.getKey());
            for (DropSpec d : drops) {
                if (d.oid().equals(oid)) {
                    return new LostDropTable(drops, e.getValue());
                }
            }
        }
        return null;
    }

    @Override
    public Timeline timeline(String sessionId, int limit) {
        Map<String, RawJson> replies = answered(cm.ask(sessionId, Query.UI_TIMELINE, Integer.toString(limit)));
        List<Timeline> parts = new ArrayList<>();
        replies.values().forEach(r -> parts.add(read(r, Timeline.class)));
        return Timeline.merge(parts, limit, clock.millis());
    }

    // ---- Constructs ----

    @Override
    public Constructs constructs(String sessionId) {
        CompositeSession s = cm.session(sessionId);
        Fanout.Settled<RawJson> replies = cm.ask(sessionId, Query.UI_CONSTRUCTS);
        List<Constructs> parts = new ArrayList<>();
        replies.results().values().forEach(r -> parts.add(read(r, Constructs.class)));
        // a node that cannot answer shows the drops it was sent, each lost (ERROR), as the graph does
        replies.failures().forEach((node, e) -> {
            LostDropTable lost = new LostDropTable(s.dropsOf(node), s.lost().getOrDefault(node, node + ": " + e.getMessage()));
            if (lost.size() > 0) {
                parts.add(Constructs.of(lost, Groups.of(lost)));
            }
        });
        if (parts.isEmpty()) {
            replies.orThrow();
        }
        return Constructs.merge(parts, cutLinks(s, parts.getFirst().groupBy()));
    }

    /**
     * The links between constructs that the split cut (no node knows them): without them a
     * pipeline split over nodes would not read in order. Only the oids at the cut are looked up,
     * in one pass over the drops.
     */
    private static List<GraphView.Edge> cutLinks(CompositeSession s, String groupBy) {
        if (!"lg_key".equals(groupBy) && !"name".equals(groupBy)) {
            return List.of();
        }
        List<LostLinks> cut = s.lostLinks();
        Map<String, String> keyOf = new HashMap<>();
        for (LostLinks lost : cut) {
            keyOf.put(lost.oid(), null);
            lost.links().forEach(l -> keyOf.put(l.oid(), null));
        }
        if (keyOf.isEmpty()) {
            return List.of();
        }
        for (String node : names(s.subManagers())) {
            for (DropSpec d : s.dropsOf(node)) {
                if (keyOf.containsKey(d.oid())) {
                    Object v = groupBy.equals("name") ? d.displayName() : d.params().get("lg_key");
                    keyOf.put(d.oid(), groupBy + "=" + (v == null ? "" : v));
                }
            }
        }
        List<GraphView.Edge> edges = new ArrayList<>();
        for (LostLinks lost : cut) {
            String here = keyOf.get(lost.oid());
            for (Link l : lost.links()) {
                String there = keyOf.get(l.oid());
                if (here != null && there != null && !here.equals(there)) {
                    edges.add(l.type().isIncoming() ? new GraphView.Edge(there, here)
                            : l.type().isOutgoing() ? new GraphView.Edge(here, there) : null);
                }
            }
        }
        edges.removeIf(Objects::isNull);
        return edges;
    }

    @Override
    public RootCauses rootCauses(String sessionId) {
        CompositeSession s = cm.session(sessionId);
        Fanout.Settled<RawJson> replies = cm.ask(sessionId, Query.UI_FAILURES);
        List<RootCauses> parts = new ArrayList<>();
        Set<String> readElsewhere = null;
        for (String node : names(s.subManagers())) {
            RawJson r = replies.results().get(node);
            if (r != null && !s.isLost(node)) {
                parts.add(read(r, RootCauses.class));
            } else { // its drops all lost (ERROR), naming it, as in the other views
                DlgException e = replies.failures().get(node);
                readElsewhere = readElsewhere != null ? readElsewhere : readElsewhere(s);
                parts.add(RootCauseMerge.lost(node, s.dropsOf(node),
                        s.lost().getOrDefault(node, node + ": " + (e != null ? e.getMessage() : "no answer")),
                        readElsewhere));
            }
        }
        return RootCauseMerge.merge(parts);
    }

    /** The drops that drops of other nodes read: the outgoing links the split cut. */
    private static Set<String> readElsewhere(CompositeSession s) {
        Set<String> oids = new HashSet<>();
        for (LostLinks cut : s.lostLinks()) {
            for (Link l : cut.links()) {
                if (l.type().isOutgoing()) {
                    oids.add(cut.oid());
                }
            }
        }
        return oids;
    }

    // ---- Nodes ----

    @Override
    public Nodes nodes() {
        // both questions at once: the list waits for the slower only
        CompletableFuture<Fanout.Settled<RawJson>> asked = CompletableFuture.supplyAsync(() -> cm.ask(Query.NODE_STATS),
                Thread::startVirtualThread);
        Fanout.Settled<RawJson> replies = cm.ask(Query.UI_SESSIONS);
        Map<String, RawJson> stats = asked.join().results();
        List<Nodes.Health> health = new ArrayList<>();
        for (String n : replies.millis().keySet()) {
            DlgException e = replies.failures().get(n);
            RawJson r = replies.results().get(n);
            health.add(new Nodes.Health(n, e == null, replies.millis().get(n), r == null ? null : read(r, LINES).size(),
                    e == null ? null : e.getMessage(), stats(stats.get(n))));
        }
        return new Nodes(cm.kind() == CompositeManager.Kind.MASTER ? "island" : "node", health);
    }

    /** A node's stats, or null when it did not tell them (down, or a manager without them: DALiuGE's own). */
    private static NodeStats stats(RawJson reply) {
        if (reply == null) {
            return null;
        }
        try {
            return read(reply, NodeStats.class);
        } catch (RuntimeException e) {
            return null;
        }
    }

    // ---- Helpers ----

    /**
     * A node's line when it cannot answer: its drops all counted, as lost (ERROR), its part
     * failed, naming the node; never a count that silently leaves them out.
     */
    private static SessionLine unanswered(CompositeSession s, String node, String why) {
        long drops = s.dropsOf(node).size();
        String error = s.lost().getOrDefault(node, node + ": " + why);
        return new SessionLine(s.id(), "failed", true, drops, drops == 0 ? Map.of() : Map.of("error", drops), drops,
                null, null, null, null, error, null);
    }

    /**
     * The answers of the nodes that gave one: a view leaves out a node that is down (the session
     * names it); it fails only when no node answers.
     */
    private static Map<String, RawJson> answered(Fanout.Settled<RawJson> replies) {
        return replies.results().isEmpty() ? replies.orThrow() : replies.results();
    }

    CompositeManager manager() {
        return cm;
    }

    Clock clock() {
        return clock;
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
