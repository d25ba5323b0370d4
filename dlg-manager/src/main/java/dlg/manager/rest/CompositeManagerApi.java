package dlg.manager.rest;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dlg.core.error.InvalidRequestException;
import dlg.core.graph.DropSpec;
import dlg.core.graph.GraphReader;
import dlg.core.graph.GraphWriter;
import dlg.core.state.AppState;
import dlg.core.state.DropState;
import dlg.core.graph.ParsedGraph;
import dlg.core.graph.RawJson;
import dlg.manager.DropData;
import dlg.manager.NodeAddress;
import dlg.manager.SubManager.Query;
import dlg.manager.client.Fanout;
import dlg.manager.auth.Access;
import dlg.manager.composite.CompositeManager;
import dlg.manager.composite.CompositeSession;
import dlg.manager.composite.CrossLinks;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.Set;

/**
 * DALiuGE's DataIslandManager and MasterManager REST API (spec sections 3.1, 3.3, 3.4): the
 * route table first, the handlers after it. Replies merge the sub-managers' own replies, which
 * the {@link CompositeManager} collects (this class never talks to a sub-manager): a session's
 * status is {@code {"<node>": status}} (nested one level more on a MasterManager), its graph the
 * union of the parts with the links the split cut added back.
 */
public final class CompositeManagerApi {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> DICT = new TypeReference<>() { };

    private final CompositeManager cm;
    private final RequestLimits limits;
    private final Runnable stop;

    private final int daemonPort;
    private final Access access;
    private final Executor parsers;
    private final int parallelism;

    /** @param daemonPort where a MasterManager finds hosts' {@code dlg daemon} (DALiuGE: 9000) */
    public CompositeManagerApi(CompositeManager cm, RequestLimits limits, int daemonPort, Runnable stop) {
        this(cm, limits, daemonPort, stop, Access.OPEN, Runnable::run, 1);
    }

    /**
     * @param daemonPort where a MasterManager finds hosts' {@code dlg daemon} (DALiuGE: 9000)
     * @param access its secret is sent to those daemons and islands, its HTTPS used with islands
     * @param parsers the threads that parse a large appended graph's chunks with the request's own
     * @param parallelism how many chunks {@code parsers} parse at once
     */
    public CompositeManagerApi(CompositeManager cm, RequestLimits limits, int daemonPort, Runnable stop,
                               Access access, Executor parsers, int parallelism) {
        this.parsers = Objects.requireNonNull(parsers, "parsers");
        this.parallelism = parallelism;
        this.access = Objects.requireNonNull(access, "access");
        this.cm = Objects.requireNonNull(cm, "cm");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.daemonPort = daemonPort;
        this.stop = Objects.requireNonNull(stop, "stop");
    }

    public void routes(RoutesConfig r) {
        r.get("/api", this::managerStatus);
        r.get("/api/submission_method", ctx -> Responses.json(ctx, g -> writeValue(g, Map.of(
                "methods", List.of("BROWSER", "SERVER")))));
        r.post("/api/stop", ctx -> {
            Responses.successNow(ctx);
            Thread.ofPlatform().name("dlg-stop").start(stop);
        });
        r.get("/api/nodes", this::nodes);
        boolean master = cm.kind() == CompositeManager.Kind.MASTER;
        r.post("/api/node/{node}", ctx -> { // a DataIslandManager's NodeManagers; a MasterManager's own list
            NodeAddress n = nodeManager(ctx.pathParam("node"));
            if (master) {
                cm.addNode(n);
            } else {
                cm.addSubManager(n);
            }
            Responses.success(ctx);
        });
        r.delete("/api/node/{node}", ctx -> {
            NodeAddress n = nodeManager(ctx.pathParam("node"));
            if (master) {
                cm.removeNode(n);
            } else {
                cm.removeSubManager(n);
            }
            Responses.success(ctx);
        });
        if (cm.kind() == CompositeManager.Kind.MASTER) {
            r.get("/api/islands", ctx -> Responses.json(ctx, g -> writeValue(g, Map.of("islands", names()))));
            r.post("/api/island/{dim}", ctx -> {
                cm.addSubManager(node(ctx.pathParam("dim")));
                Responses.success(ctx);
            });
            r.delete("/api/island/{dim}", ctx -> {
                cm.removeSubManager(node(ctx.pathParam("dim")));
                Responses.success(ctx);
            });
            new DaemonRoutes(cm, daemonPort, access).routes(r);
        }
        r.options("/api/sessions", ctx -> Responses.json(ctx, g -> writeValue(g, Map.of())));
        r.post("/api/sessions", this::createSession);
        r.get("/api/sessions", this::sessions);
        r.get("/api/sessions/{sid}", this::sessionInfo);
        r.delete("/api/sessions/{sid}", ctx -> {
            cm.destroySession(ctx.pathParam("sid"));
            Responses.success(ctx);
        });
        r.get("/api/sessions/{sid}/status", ctx -> {
            Map<String, Object> status = cm.sessionStatus(ctx.pathParam("sid"));
            Responses.json(ctx, g -> writeValue(g, status));
        });
        r.post("/api/sessions/{sid}/deploy", ctx -> {
            String sid = ctx.pathParam("sid");
            BodyLimit limit = uidListLimit(cm.session(sid));
            cm.deploySession(sid, DeployForm.completedUids(ctx, RequestBodies.text(ctx, limit)));
            Responses.success(ctx);
        });
        r.post("/api/sessions/{sid}/cancel", ctx -> {
            cm.cancelSession(ctx.pathParam("sid"));
            Responses.success(ctx);
        });
        r.options("/api/sessions/{sid}/graph/append", ctx -> Responses.json(ctx, g -> writeValue(g, Map.of())));
        r.post("/api/sessions/{sid}/graph/append", this::append);
        r.get("/api/sessions/{sid}/graph", ctx -> {
            Map<String, Object> graph = mergedGraph(ctx.pathParam("sid"), true); // once, not per pass
            Responses.json(ctx, g -> writeValue(g, graph));
        });
        r.get("/api/sessions/{sid}/graph/size", this::graphSize);
        r.get("/api/sessions/{sid}/graph/status", this::graphStatus);
        r.get("/api/sessions/{sid}/dir", this::dir);
        r.get("/api/sessions/{sid}/repro/status", ctx -> { // DALiuGE: 501; here merged from the sub-managers
            boolean ready = cm.reproStatus(ctx.pathParam("sid"));
            Responses.json(ctx, g -> g.writeBoolean(ready));
        });
        r.get("/api/sessions/{sid}/repro/data", ctx -> {
            Map<String, Object> data = cm.reproData(ctx.pathParam("sid"));
            Responses.json(ctx, g -> writeValue(g, data));
        });
        r.get("/api/sessions/{sid}/graph/drop/{oid}", this::dropStatus);
        r.get("/api/sessions/{sid}/logs", this::sessionLogs);
        r.get("/sessions/{sid}/graph/drop/data/{oid}", this::downloadDropData);
        r.get("/api/node/{node}/sessions", ctx -> forwardToNode(ctx, Query.SESSIONS));
        r.get("/api/node/{node}/sessions/{sid}", ctx -> forwardToNode(ctx, Query.SESSION));
        r.get("/api/node/{node}/sessions/{sid}/status", ctx -> forwardToNode(ctx, Query.SESSION_STATUS));
        r.get("/api/node/{node}/sessions/{sid}/graph", ctx -> forwardToNode(ctx, Query.GRAPH));
        r.get("/api/node/{node}/sessions/{sid}/graph/status", ctx -> forwardToNode(ctx, Query.GRAPH_STATUS));
    }

    // ---- Manager ----

    private void managerStatus(Context ctx) throws IOException {
        List<String> ids = cm.allSessions().stream().map(CompositeSession::id).toList();
        Responses.json(ctx, g -> writeValue(g, Map.of("hosts", names(), "sessionIds", ids)));
    }

    /** A DataIslandManager's NodeManagers as a list; a MasterManager's as {@code {"nodes": [...]}} (as DALiuGE). */
    private void nodes(Context ctx) throws IOException {
        if (cm.kind() == CompositeManager.Kind.DATA_ISLAND) {
            Responses.json(ctx, g -> writeValue(g, names()));
            return;
        }
        Map<String, RawJson> byIsland = cm.ask(Query.NODES).orThrow();
        Set<String> nodes = new LinkedHashSet<>();
        cm.nodes().forEach(n -> nodes.add(n.toString()));
        for (RawJson list : byIsland.values()) {
            for (JsonNode n : MAPPER.readTree(list.json())) {
                nodes.add(n.asText());
            }
        }
        Responses.json(ctx, g -> writeValue(g, Map.of("nodes", List.copyOf(nodes))));
    }

    private List<String> names() {
        return cm.subManagers().stream().map(NodeAddress::toString).toList();
    }

    private static NodeAddress nodeManager(String text) {
        try {
            return NodeAddress.parse(text, NodeAddress.NM_PORT);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(e.getMessage(), e);
        }
    }

    private NodeAddress node(String text) {
        try {
            return NodeAddress.parse(text, cm.kind().subManagerPort());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(e.getMessage(), e);
        }
    }

    // ---- Sessions ----

    private void createSession(Context ctx) throws IOException {
        RequestBodies.requireContentType(ctx, "application/json");
        Object body = Json.parse(RequestBodies.text(ctx, limits.maxRequestSize()));
        if (!(body instanceof Map<?, ?> m) || !(m.get("sessionId") instanceof String sid)) {
            throw new InvalidRequestException("the body must be a JSON object {\"sessionId\": \"<id>\"}");
        }
        cm.createSession(sid);
        Responses.json(ctx, g -> writeValue(g, Map.of("sessionId", sid)));
    }

    /** {@code [{"sessionId", "status": {node: status}, "size": total}]} for this manager's sessions. */
    private void sessions(Context ctx) throws IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        for (CompositeManager.Listing s : cm.sessionList()) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("sessionId", s.sessionId());
            line.put("status", s.status());
            line.put("size", s.size());
            out.add(line);
        }
        Responses.json(ctx, g -> writeValue(g, out));
    }

    private void sessionInfo(Context ctx) throws IOException {
        String sid = ctx.pathParam("sid");
        Map<String, Object> status = cm.sessionStatus(sid);
        Map<String, Object> graph = mergedGraph(sid, false); // what the nodes that answer have
        Fanout.Settled<RawJson> dirs = cm.ask(sid, Query.DIR);
        Object dir = dirs.results().isEmpty() ? "" : MAPPER.readValue(dirs.results().values().iterator().next().json(), Object.class);
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("status", status);
        info.put("graph", graph);
        info.put("dir", dir);
        Map<String, String> problems = cm.session(sid).problems();
        if (!problems.isEmpty()) {
            info.put("errors", problems); // which node failed the session, and why (DALiuGE has no such key)
        }
        Responses.json(ctx, g -> writeValue(g, info));
    }

    private void append(Context ctx) throws IOException {
        String sid = ctx.pathParam("sid");
        cm.session(sid);
        RequestBodies.requireContentType(ctx, "application/json", "text/plain");
        ParsedGraph graph;
        try (InputStream in = RequestBodies.stream(ctx)) {
            graph = GraphReader.readKeepingBytes(in, limits.maxStringSize(), parsers, parallelism);
        }
        cm.addGraphSpec(sid, graph); // drops it does not change are forwarded as they came
        Responses.success(ctx);
    }

    /** The limit of deploy's {@code completed} list: see {@link BodyLimit#uidList}. */
    private BodyLimit uidListLimit(CompositeSession s) {
        return BodyLimit.uidList(limits.maxRequestSize(), s.id(), s.dropCount(), s.uidChars());
    }

    /**
     * The union of the nodes' graphs; the part of a node that cannot answer is the one this
     * manager sent it.
     *
     * @param strict a node that cannot answer is shown by what it was sent (else its part is left out)
     */
    private Map<String, Object> mergedGraph(String sid, boolean strict) throws IOException {
        CompositeSession s = cm.session(sid);
        Map<String, Map<String, Object>> graph = new LinkedHashMap<>();
        Fanout.Settled<RawJson> parts = cm.ask(sid, Query.GRAPH);
        List<String> jsons = new ArrayList<>();
        parts.results().values().forEach(p -> jsons.add(p.json()));
        if (strict) {
            for (String node : parts.failures().keySet()) {
                java.io.StringWriter w = new java.io.StringWriter();
                try (JsonGenerator g = MAPPER.getFactory().createGenerator(w)) {
                    GraphWriter.writeGraphDict(g, s.dropsOf(node));
                }
                jsons.add(w.toString());
            }
        }
        for (String part : jsons) {
            for (var e : MAPPER.readValue(part, DICT).entrySet()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> spec = (Map<String, Object>) e.getValue();
                graph.put(e.getKey(), spec);
            }
        }
        CrossLinks.restore(graph, s.lostLinks());
        return new LinkedHashMap<>(graph);
    }

    /** The union of the nodes' sizes; a node that cannot answer counts the drops it was given. */
    private void graphSize(Context ctx) throws IOException {
        String sid = ctx.pathParam("sid");
        Fanout.Settled<RawJson> sizes = cm.ask(sid, Query.GRAPH_SIZE);
        long total = 0;
        for (RawJson size : sizes.results().values()) {
            total += MAPPER.readTree(size.json()).asLong();
        }
        for (String node : sizes.failures().keySet()) {
            total += cm.session(sid).dropsOf(node).size();
        }
        long size = total;
        Responses.json(ctx, g -> g.writeNumber(size));
    }

    private void dir(Context ctx) throws IOException {
        Fanout.Settled<RawJson> settled = cm.ask(ctx.pathParam("sid"), Query.DIR);
        Map<String, RawJson> dirs = settled.results().isEmpty() ? settled.orThrow() : settled.results();
        Object dir = dirs.isEmpty() ? Map.of("dir", "") : MAPPER.readValue(dirs.values().iterator().next().json(), Object.class);
        Responses.json(ctx, g -> writeValue(g, dir));
    }

    /**
     * The union of the nodes' graph statuses (keys are oids, unique in the session). A node that
     * cannot answer is shown as last known if the session kept its answer, else its drops are
     * ERROR with the cause naming the node: every drop of the session is always there.
     */
    private void graphStatus(Context ctx) throws IOException {
        String sid = ctx.pathParam("sid");
        Fanout.Settled<RawJson> replies = cm.ask(sid, Query.GRAPH_STATUS);
        if (replies.results().isEmpty() && !replies.failures().isEmpty()
                && replies.failures().values().stream().allMatch(e -> e instanceof dlg.core.error.InvalidSessionState)) {
            replies.orThrow(); // not running yet: as each node says
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (var e : replies.results().entrySet()) {
            if (MAPPER.readValue(e.getValue().json(), Object.class) instanceof Map<?, ?> m) {
                m.forEach((k, v) -> out.put((String) k, v));
            }
        }
        CompositeSession s = cm.session(sid);
        replies.failures().forEach((node, e) -> {
            String why = s.lost().getOrDefault(node, node + " cannot answer: " + e.getMessage());
            for (DropSpec d : s.dropsOf(node)) {
                Map<String, Object> lost = new LinkedHashMap<>();
                if (d.category().isApplication()) {
                    lost.put("execStatus", AppState.ERROR.code());
                }
                lost.put("status", DropState.ERROR.code());
                lost.put("error", why);
                out.putIfAbsent(d.oid(), lost);
            }
        });
        Responses.json(ctx, g -> writeValue(g, out));
    }

    // ---- Drops ----

    /** The first sub-manager whose answer has log entries for the drop, else the first answer. */
    private void dropStatus(Context ctx) throws IOException {
        RawJson chosen = cm.dropStatus(ctx.pathParam("sid"), ctx.pathParam("oid"));
        Responses.bytes(ctx, 200, Responses.JSON_TYPE, chosen.json().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The drop's data, streamed from the node that holds it. */
    private void downloadDropData(Context ctx) throws IOException {
        String sid = ctx.pathParam("sid");
        String oid = ctx.pathParam("oid");
        DropData data = cm.dropData(sid, oid);
        try (data; InputStream in = data.stream()) {
            ctx.status(200);
            ctx.contentType("application/octet-stream");
            ctx.header("Content-Disposition", "attachment; filename=\"" + data.fileName().replace("\"", "") + "\"");
            if (data.length() >= 0) {
                ctx.res().setContentLengthLong(data.length());
            }
            try (OutputStream out = ctx.res().getOutputStream()) {
                in.transferTo(out);
            }
        }
    }

    /**
     * Every node's log file of the session, one after the other under a header naming the node
     * (DALiuGE meant a tar.gz of them, and its route is broken; plain text needs no tool to read).
     */
    private void sessionLogs(Context ctx) throws IOException {
        String sid = ctx.pathParam("sid");
        Fanout.Settled<byte[]> logs = cm.sessionLogs(sid);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (NodeAddress n : cm.session(sid).subManagers()) {
            String node = n.toString();
            out.write(("==== " + node + " ====\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            byte[] log = logs.results().get(node);
            out.write(log != null ? log : ("(no log: " + logs.failures().get(node).getMessage() + ")\n")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        ctx.header("Content-Disposition", "attachment; filename=\"dlg_" + sid.replace("\"", "") + ".log\"");
        Responses.bytes(ctx, 200, "text/plain; charset=utf-8", out.toByteArray());
    }

    /** One sub-manager's own reply to a GET, forwarded as it is ({@code <node>} one of this manager's). */
    private void forwardToNode(Context ctx, Query query) throws IOException {
        NodeAddress node = node(ctx.pathParam("node"));
        if (!cm.subManagers().contains(node)) {
            throw new InvalidRequestException(node + " is not one of this manager's nodes " + names());
        }
        String sid = ctx.pathParamMap().get("sid");
        RawJson reply = sid == null ? cm.askNode(node, query) : cm.askNode(node, query, sid);
        Responses.bytes(ctx, 200, Responses.JSON_TYPE, reply.json().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    // ---- Helpers ----

    private static void writeValue(JsonGenerator g, Object value) throws IOException {
        g.setCodec(MAPPER);
        g.writeObject(value);
    }
}
