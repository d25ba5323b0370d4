package dlg.manager.rest;

import com.fasterxml.jackson.core.JsonGenerator;
import dlg.core.app.DataDrop;
import dlg.core.error.DlgException;
import dlg.core.error.ErrorManagerCaughtException;
import dlg.core.error.InvalidRequestException;
import dlg.core.error.InvalidSessionState;
import dlg.core.error.NoDropException;
import dlg.core.error.NoSessionException;
import dlg.core.error.SessionAlreadyExistsException;
import dlg.core.graph.DropSpec;
import dlg.core.graph.GraphWriter;
import dlg.core.graph.RawJson;
import dlg.core.graph.LinkType;
import dlg.core.graph.ParsedGraph;
import dlg.core.runtime.DropStatus;
import dlg.core.runtime.Execution;
import dlg.core.state.DropState;
import dlg.core.state.SessionState;
import dlg.manager.DropRel;
import dlg.manager.NodeManager;
import dlg.manager.Session;
import dlg.manager.SessionSummary;
import dlg.manager.logs.DropLogEntry;
import dlg.manager.repro.ReproData;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * DALiuGE's NodeManager REST API (spec sections 3.1, 3.2): the route table first, the handlers
 * after it. Handlers translate HTTP to {@link NodeManager} calls and back; errors are exceptions
 * that {@link ManagerServer} answers.
 */
public final class NodeManagerApi {

    /**
     * How long {@code /subscriptions} waits for every node's events to connect. DALiuGE waits 5 s
     * per node; a busy machine needs more, and a stalled handshake is retried after 2 s.
     */
    private static final Duration SUBSCRIPTION_TIMEOUT = Duration.ofSeconds(10);
    private static final DateTimeFormatter LOG_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private final NodeManager nm;
    private final RequestLimits limits;
    private final Runnable stop;

    /**
     * @param limits what requests may hold
     * @param stop what {@code POST /api/stop} does after answering (stop the server and exit)
     */
    public NodeManagerApi(NodeManager nm, RequestLimits limits, Runnable stop) {
        this.nm = Objects.requireNonNull(nm, "nm");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.stop = Objects.requireNonNull(stop, "stop");
    }

    public void routes(RoutesConfig r) {
        r.get("/api", this::managerStatus);
        r.get("/api/submission_method", ctx -> Responses.json(ctx, g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("methods");
            g.writeString("BROWSER");
            g.writeString("SERVER");
            g.writeEndArray();
            g.writeEndObject();
        }));
        r.post("/api/stop", this::stop);
        r.get("/api/shutdown", ctx -> {
            nm.shutdown();
            Responses.success(ctx);
        });
        r.options("/api/sessions", NodeManagerApi::preflight);
        r.post("/api/sessions", this::createSession);
        r.get("/api/sessions", ctx -> Responses.json(ctx, g -> writeSessions(g, nm.sessions())));
        r.get("/api/sessions/{sid}", this::sessionInfo);
        r.delete("/api/sessions/{sid}", ctx -> {
            nm.destroySession(ctx.pathParam("sid"));
            Responses.success(ctx);
        });
        r.get("/api/sessions/{sid}/status", ctx -> {
            int code = nm.sessionStatus(ctx.pathParam("sid")).code();
            Responses.json(ctx, g -> g.writeNumber(code));
        });
        r.post("/api/sessions/{sid}/deploy", this::deploy);
        r.post("/api/sessions/{sid}/cancel", ctx -> {
            asSessionMethod(() -> nm.cancelSession(ctx.pathParam("sid")));
            Responses.success(ctx);
        });
        r.get("/api/sessions/{sid}/dir", ctx -> {
            String dir = nm.session(ctx.pathParam("sid")).dir().toString();
            Responses.json(ctx, g -> writeDir(g, dir));
        });
        r.get("/api/sessions/{sid}/graph", this::graph);
        r.get("/api/sessions/{sid}/graph/size", ctx -> {
            int size = nm.session(ctx.pathParam("sid")).size();
            Responses.json(ctx, g -> g.writeNumber(size));
        });
        r.get("/api/sessions/{sid}/graph/status", this::graphStatus);
        r.options("/api/sessions/{sid}/graph/append", NodeManagerApi::preflight);
        r.post("/api/sessions/{sid}/graph/append", this::append);
        r.post("/api/sessions/{sid}/graph/link", this::link);
        r.post("/api/sessions/{sid}/trigger", this::trigger);
        r.post("/api/sessions/{sid}/subscriptions", this::subscriptions);
        r.get("/api/sessions/{sid}/logs", this::sessionLog);
        r.get("/api/sessions/{sid}/repro/status", ctx -> {
            boolean ready = nm.session(ctx.pathParam("sid")).reproOnceEnded().isPresent();
            Responses.json(ctx, g -> g.writeBoolean(ready));
        });
        r.get("/api/sessions/{sid}/repro/data", this::reproData);
        r.get("/api/sessions/{sid}/graph/drop/{oid}", this::dropStatus);
        r.get("/api/sessions/{sid}/graph/drop/data/{oid}", this::dropFilePath);
        r.get("/sessions/{sid}/graph/drop/data/{oid}", this::downloadDropData);
    }

    // ---- Manager ----

    private void managerStatus(Context ctx) throws IOException {
        List<SessionSummary> sessions = nm.sessions();
        Responses.json(ctx, g -> {
            g.writeStartObject();
            g.writeFieldName("sessions");
            writeSessions(g, sessions);
            g.writeEndObject();
        });
    }

    private void stop(Context ctx) throws IOException {
        Responses.successNow(ctx); // sent before the server goes away under it
        Thread.ofPlatform().name("dlg-stop").start(stop);
    }

    private static void preflight(Context ctx) throws IOException {
        Responses.json(ctx, g -> {
            g.writeStartObject();
            g.writeEndObject();
        });
    }

    // ---- Sessions ----

    private void createSession(Context ctx) throws IOException {
        RequestBodies.requireContentType(ctx, "application/json");
        Object body = Json.parse(RequestBodies.text(ctx, limits.maxRequestSize()));
        if (!(body instanceof java.util.Map<?, ?> m) || !(m.get("sessionId") instanceof String sid)) {
            throw new InvalidRequestException("the body must be a JSON object {\"sessionId\": \"<id>\"}");
        }
        nm.createSession(sid);
        Responses.json(ctx, g -> {
            g.writeStartObject();
            g.writeStringField("sessionId", sid);
            g.writeEndObject();
        });
    }

    private void sessionInfo(Context ctx) throws IOException {
        Session s = nm.session(ctx.pathParam("sid"));
        int status = s.state().code();
        String dir = s.dir().toString();
        Responses.json(ctx, g -> s.readGraph(graph -> {
            try {
                g.writeStartObject();
                g.writeNumberField("status", status);
                g.writeFieldName("graph");
                GraphWriter.writeGraphDict(g, graph.drops());
                g.writeFieldName("dir");
                writeDir(g, dir);
                g.writeEndObject();
                return null;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }));
    }

    private void deploy(Context ctx) throws IOException {
        String sid = ctx.pathParam("sid");
        Session s = nm.session(sid); // 404 before reading the body
        List<String> completed = DeployForm.completedUids(ctx, RequestBodies.text(ctx, uidListLimit(s)));
        asSessionMethod(() -> nm.deploySession(sid, completed));
        Responses.success(ctx);
    }

    private void trigger(Context ctx) throws IOException {
        String sid = ctx.pathParam("sid");
        Session s = nm.session(sid);
        RequestBodies.requireContentType(ctx, "application/json");
        // a million roots take some 10 to 30 MB: read token by token, no String made of each
        nm.trigger(sid, Json.uidList(RequestBodies.bytes(ctx, uidListLimit(s)), "the body must be a JSON list of drop uids"));
        Responses.success(ctx);
    }

    private BodyLimit uidListLimit(Session s) {
        return s.readGraph(g -> BodyLimit.uidList(limits.maxRequestSize(), s.id(), g.size(), g.uidChars()));
    }

    /**
     * {@code {"<node string>": [[lhsUid, rel, rhsUid], ...], ...}}. Its own limit: the body grows
     * with the session's cross-node links, which were cut from the graph this node holds, so
     * nothing here bounds their number (one drop may have a million inputs on other nodes).
     */
    private void subscriptions(Context ctx) throws IOException {
        String sid = ctx.pathParam("sid");
        nm.session(sid);
        RequestBodies.requireContentType(ctx, "application/json");
        Object body = Json.parse(RequestBodies.text(ctx,
                new BodyLimit(limits.maxSubscriptionsSize(), "--max-subscriptions-size")));
        if (!(body instanceof Map<?, ?> byNode)) {
            throw new InvalidRequestException("the body must be a JSON object {\"<node>\": [[lhs, rel, rhs], ...]}");
        }
        Map<String, List<DropRel>> relations = new LinkedHashMap<>();
        for (var e : byNode.entrySet()) {
            relations.put((String) e.getKey(), dropRels(e.getKey(), e.getValue()));
        }
        nm.addNodeSubscriptions(sid, relations, SUBSCRIPTION_TIMEOUT);
        Responses.success(ctx);
    }

    private static List<DropRel> dropRels(Object node, Object value) {
        String what = "subscriptions of node " + node + " must be a list of [lhsUid, rel, rhsUid]";
        if (!(value instanceof List<?> list)) {
            throw new InvalidRequestException(what);
        }
        List<DropRel> rels = new ArrayList<>(list.size());
        for (Object o : list) {
            if (!(o instanceof List<?> t) || t.size() != 3 || !(t.get(0) instanceof String lhs)
                    || !(t.get(1) instanceof Integer rel) || !(t.get(2) instanceof String rhs)) {
                throw new InvalidRequestException(what + ", not " + o);
            }
            rels.add(new DropRel(lhs, rel, rhs));
        }
        return rels;
    }

    // ---- Logs ----

    /** The session's own log file, as a download. */
    private void sessionLog(Context ctx) throws IOException {
        Session s = nm.session(ctx.pathParam("sid"));
        Path file = nm.logFile(s);
        if (!Files.isRegularFile(file)) {
            throw new InvalidRequestException("session " + s.id() + " has no log file (" + file.getFileName() + ")");
        }
        ctx.status(200);
        ctx.contentType("text/plain; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"" + file.getFileName() + "\"");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readAllBytes(); // a snapshot: the file may still grow
            ctx.res().setContentLength(bytes.length);
            ctx.res().getOutputStream().write(bytes);
        }
    }

    /** DALiuGE's drop-status reply: the session's state and that drop's last log entries. */
    private void dropStatus(Context ctx) throws IOException {
        String sid = ctx.pathParam("sid");
        String oid = ctx.pathParam("oid");
        Session s = nm.session(sid);
        if (s.readGraph(g -> g.indexOf(oid)) < 0) {
            throw new NoDropException(sid, oid);
        }
        List<DropLogEntry> entries = nm.dropLogs(sid, oid);
        int status = s.state().code();
        Responses.json(ctx, g -> {
            g.writeStartObject();
            g.writeStringField("session", sid);
            g.writeNumberField("status", status);
            g.writeStringField("oid", oid);
            g.writeArrayFieldStart("logs");
            for (DropLogEntry e : entries) {
                g.writeStartObject();
                g.writeStringField("time", LOG_TIME.format(e.time()));
                g.writeStringField("Level", e.level().equals("WARN") ? "WARNING" : e.level()); // Python's name
                g.writeStringField("Module", e.module());
                g.writeStringField("Function/Method", e.function());
                g.writeNumberField("Line #", e.line());
                g.writeStringField("Message", e.message());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    // ---- Reproducibility ----

    /**
     * DALiuGE's {@code {"graph": <session graph dict>, "reprodata": <graph-wide>}}. Once computed,
     * each drop with a {@code reprodata} shows its runtime data there, and a graph that had a
     * reproducibility element gets it, signed, under the graph dict's key {@code "reprodata"}
     * (DALiuGE stores it in the session's graph dict); {@code reprodata} is that element, or
     * {@code {}} for a graph without one. Before that (or when it cannot be computed)
     * {@code reprodata} is null and the graph is as submitted.
     */
    private void reproData(Context ctx) throws IOException {
        Session s = nm.session(ctx.pathParam("sid"));
        Optional<ReproData> repro = s.reproOnceEnded();
        Responses.json(ctx, g -> s.readGraph(graph -> {
            try {
                g.writeStartObject();
                g.writeObjectFieldStart("graph");
                for (DropSpec d : graph.drops()) {
                    g.writeFieldName(d.oid());
                    Optional<RawJson> own = repro.flatMap(r -> r.drop(d.oid()));
                    if (own.isPresent()) {
                        GraphWriter.writeDrop(g, d, "reprodata", own.get());
                    } else {
                        GraphWriter.writeDrop(g, d);
                    }
                }
                if (repro.isPresent() && repro.get().hasGraphWide()) {
                    g.writeFieldName("reprodata");
                    g.writeRawValue(repro.get().graphWide().json());
                }
                g.writeEndObject();
                g.writeFieldName("reprodata");
                if (repro.isEmpty()) {
                    g.writeNull();
                } else {
                    g.writeRawValue(repro.get().graphWide().json());
                }
                g.writeEndObject();
                return null;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }));
    }

    // ---- Graph ----

    private void append(Context ctx) throws IOException {
        String sid = ctx.pathParam("sid");
        nm.session(sid); // 404 before reading a huge body
        RequestBodies.requireContentType(ctx, "application/json", "text/plain");
        asSessionMethod(() -> {
            ParsedGraph part;
            try (InputStream in = RequestBodies.stream(ctx)) {
                part = nm.engine().readGraph(in, limits.maxStringSize());
            }
            nm.addGraphSpec(sid, part);
        });
        Responses.success(ctx);
    }

    /** Form or query parameters {@code lhOID}, {@code rhOID}, {@code linkType} (DALiuGE's DROPLinkType). */
    private void link(Context ctx) throws IOException {
        Session s = nm.session(ctx.pathParam("sid"));
        String body = RequestBodies.text(ctx, limits.maxRequestSize());
        String lh = DeployForm.field(ctx, body, "lhOID");
        String rh = DeployForm.field(ctx, body, "rhOID");
        String type = DeployForm.field(ctx, body, "linkType");
        if (lh == null || rh == null || type == null) {
            throw new InvalidRequestException("graph/link needs the parameters lhOID, rhOID and linkType");
        }
        LinkType linkType;
        try {
            linkType = LinkType.ofCode(Integer.parseInt(type.trim()));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("linkType '" + type + "' is not a DROPLinkType code (0 to 7)");
        }
        asSessionMethod(() -> s.link(lh, rh, linkType));
        Responses.success(ctx);
    }

    /** What a route does inside the session's own methods. */
    @FunctionalInterface
    private interface SessionMethod {
        void run() throws IOException;
    }

    /**
     * Runs what DALiuGE runs in a session's own methods (append, link, deploy, cancel), which
     * report every DaliugeException as an {@link ErrorManagerCaughtException} wrapping it: its
     * client and tests expect that type there. Only the NodeManager's own checks (no such
     * session) and the request's form (size, content type) escape the wrapping, as in DALiuGE.
     */
    private static void asSessionMethod(SessionMethod method) throws IOException {
        try {
            method.run();
        } catch (NoSessionException | SessionAlreadyExistsException | RequestRefused e) {
            throw e;
        } catch (DlgException e) {
            throw new ErrorManagerCaughtException(e);
        }
    }

    private void graph(Context ctx) throws IOException {
        Session s = nm.session(ctx.pathParam("sid"));
        Responses.json(ctx, g -> s.readGraph(graph -> {
            try {
                GraphWriter.writeGraphDict(g, graph.drops());
                return null;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }));
    }

    private void graphStatus(Context ctx) throws IOException {
        Session s = nm.session(ctx.pathParam("sid"));
        SessionState state = s.state();
        if (state.code() < SessionState.RUNNING.code()) {
            throw new InvalidSessionState("Session " + s.id() + " is " + state
                    + ": its graph has no status before it runs");
        }
        Optional<Execution> ex = s.execution();
        Responses.json(ctx, g -> {
            g.writeStartObject();
            if (ex.isPresent()) {
                Execution e = ex.get();
                for (int i = 0; i < e.size(); i++) {
                    writeDropStatus(g, e.status(i));
                }
            }
            g.writeEndObject();
        });
    }

    // ---- Drop data ----

    private void dropFilePath(Context ctx) throws IOException {
        DataDrop d = dataDrop(ctx);
        String path = d.path().map(Object::toString).orElse("");
        Responses.json(ctx, g -> {
            g.writeStartObject();
            g.writeStringField("filepath", path);
            g.writeEndObject();
        });
    }

    /** The drop's own data, and nothing else: no path ever comes from the request. */
    private void downloadDropData(Context ctx) throws IOException {
        String oid = ctx.pathParam("oid");
        Execution ex = execution(ctx);
        int i = indexOf(ctx, ex);
        DataDrop d = dataDrop(ex, i, oid);
        DropStatus st = ex.status(i);
        if (st.status() != DropState.COMPLETED) {
            throw new InvalidRequestException("drop '" + oid + "' is " + st.status()
                    + (st.status() == DropState.EXPIRED ? ": its data was released after use" : ": it has no complete data"));
        }
        String name = d.path().map(p -> p.getFileName().toString()).orElse(oid);
        if (!name.contains(".")) {
            name += ".txt";
        }
        ctx.status(200);
        ctx.contentType("application/octet-stream");
        ctx.header("Content-Disposition", "attachment; filename=\"" + name.replace("\"", "") + "\"");
        ctx.res().setContentLengthLong(d.size());
        try (InputStream in = d.open(); OutputStream out = ctx.res().getOutputStream()) {
            in.transferTo(out);
        }
    }

    private DataDrop dataDrop(Context ctx) {
        Execution ex = execution(ctx);
        return dataDrop(ex, indexOf(ctx, ex), ctx.pathParam("oid"));
    }

    /** The session's running drops; a session not deployed has no drop to show. */
    private Execution execution(Context ctx) {
        String sid = ctx.pathParam("sid");
        return nm.session(sid).execution().orElseThrow(() -> new NoDropException(sid, ctx.pathParam("oid")));
    }

    private static int indexOf(Context ctx, Execution ex) {
        int i = ex.indexOf(ctx.pathParam("oid"));
        if (i < 0) {
            throw new NoDropException(ctx.pathParam("sid"), ctx.pathParam("oid"));
        }
        return i;
    }

    private static DataDrop dataDrop(Execution ex, int i, String oid) {
        return ex.data(i).orElseThrow(() -> new InvalidRequestException(
                "drop '" + oid + "' is an application: it has no data"));
    }

    // ---- JSON shapes ----

    static void writeSessions(JsonGenerator g, List<SessionSummary> sessions) throws IOException {
        g.writeStartArray();
        for (SessionSummary s : sessions) {
            g.writeStartObject();
            g.writeStringField("sessionId", s.sessionId());
            g.writeNumberField("status", s.status().code());
            g.writeNumberField("size", s.size());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void writeDir(JsonGenerator g, String dir) throws IOException {
        g.writeStartObject();
        g.writeStringField("dir", dir);
        g.writeEndObject();
    }

    private static void writeDropStatus(JsonGenerator g, DropStatus s) throws IOException {
        g.writeObjectFieldStart(s.oid());
        if (s.execStatus() != null) {
            g.writeNumberField("execStatus", s.execStatus().code());
        }
        g.writeNumberField("status", s.status().code());
        g.writeEndObject();
    }
}
