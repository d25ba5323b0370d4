package dlg.core.apps;

import dlg.core.app.AppContext;
import dlg.core.app.Application;
import dlg.core.app.DataDrop;
import dlg.core.app.ParamSpec;
import dlg.core.error.GraphProblem;
import dlg.core.graph.AppArg;
import dlg.core.graph.DropSpec;
import dlg.core.graph.GraphReader;
import dlg.core.graph.RawJson;
import dlg.core.python.PendingCall;
import dlg.core.python.PythonCall;
import dlg.core.python.PythonException;
import dlg.core.python.PythonReply;
import dlg.core.python.PythonWorkers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code dlg.apps.pyfunc.PyFuncApp}: calls a Python function on one of the engine's Python
 * workers. The function is {@code func_name} (an import path, {@code $DLG_ROOT/code} on the
 * path) or defined by {@code func_code} (source text, or base64 of a dill pickle); the worker maps
 * input ports, applicationArgs and parameters to its arguments and encodes the result for each
 * output (see {@code dlg_worker.py}). Inputs cross the pipe as their raw bytes, or as their path
 * for a {@code path} encoding. What the function prints goes to this drop's log; an exception
 * fails the app with its type, message and traceback; cancel kills the worker.
 *
 * <p>{@link #branch()} is {@code dlg.apps.simple.Branch}: the same call, but its result is the
 * condition that decides the branch taken ({@link PyBranch}) instead of being written.
 */
public final class PyFuncApp implements Application {

    private static final Logger log = LoggerFactory.getLogger(PyFuncApp.class);
    public static final List<ParamSpec> PARAMS = List.of(
            ParamSpec.ofString("func_name", ""), ParamSpec.ofString("func_code", ""));
    public static final List<ParamSpec> BRANCH_PARAMS = Stream.concat(PARAMS.stream(), PyBranch.PARAMS.stream()).toList();

    /**
     * Values larger than this cross between the engine and its Python workers as files in shared
     * memory instead of the pipes: written once by their producer, read in place by their readers.
     */
    static final long LARGE_VALUE = 1 << 20;
    private static final Pattern UNSAFE_NAME = Pattern.compile("[^A-Za-z0-9._-]");

    private final boolean branch;
    private volatile PendingCall pending;

    public PyFuncApp() {
        this(false);
    }

    private PyFuncApp(boolean branch) {
        this.branch = branch;
    }

    /** {@code dlg.apps.simple.Branch}: the function is the condition of a branch. */
    public static PyFuncApp branch() {
        return new PyFuncApp(true);
    }

    @Override
    public void run(AppContext ctx) throws Exception {
        List<byte[]> frames = new ArrayList<>();
        Map<String, Object> header = header(ctx, frames);
        if (branch) {
            PyBranch.prepare(ctx, header);
        }
        PythonReply reply;
        try {
            PendingCall call = ctx.python().submit(new PythonCall(header, frames));
            pending = call;
            if (ctx.isCancelled()) { // the cancel came before the call was known: it could not end it
                call.cancel();
            }
            reply = call.await();
        } catch (RuntimeException | IOException e) {
            deleteSpills(ctx);
            throw e;
        } finally {
            pending = null;
        }
        for (String line : reply.output().split("\n")) {
            if (!line.isBlank()) {
                log.info("{}", line);
            }
        }
        if (!reply.ok()) {
            deleteSpills(ctx);
            throw new PythonException(reply.error());
        }
        if (branch) {
            PyBranch.take(ctx, reply);
            return;
        }
        List<Object> writes = reply.header().get("writes") instanceof List<?> w ? List.copyOf(w) : List.of();
        int frame = 0;
        for (int j = 0; j < ctx.outputs().size() && j < writes.size(); j++) {
            Object how = writes.get(j);
            if (Boolean.TRUE.equals(how)) {
                ctx.outputs().get(j).write(reply.frames().get(frame++));
            } else if (how instanceof String file && file.equals(spillFile(ctx, j).toString())) {
                Path spilled = Path.of(file);
                try {
                    ctx.outputs().get(j).adopt(spilled);
                } catch (IOException | RuntimeException e) {
                    Files.deleteIfExists(spilled);
                    throw e;
                }
            }
        }
    }

    /**
     * Where the worker writes the j-th output's value when it is large: in shared memory, named
     * after the session, this app and the output (several producers may write one drop).
     */
    private static Path spillFile(AppContext ctx, int j) {
        return ctx.sharedMemoryDir().resolve(UNSAFE_NAME.matcher("dlg_" + ctx.sessionId() + "_" + ctx.uid() + "_" + j)
                .replaceAll("_") + ".value");
    }

    /** Spill files the worker left without the engine taking them (a failed call, a dead worker). */
    private static void deleteSpills(AppContext ctx) {
        for (int j = 0; j < ctx.outputs().size(); j++) {
            try {
                Files.deleteIfExists(spillFile(ctx, j));
            } catch (IOException e) {
                log.warn("cannot delete {}: {}", spillFile(ctx, j), e.getMessage());
            }
        }
    }

    /**
     * What keeps Python components from running, found at deploy: no interpreter, or a function
     * that cannot be found (one worker call per distinct function, however many drops call it).
     */
    public static List<GraphProblem> deployProblems(List<DropSpec> specs, PythonWorkers python) {
        Map<List<String>, List<String>> byFunction = new LinkedHashMap<>(); // (name, code) -> oids
        for (DropSpec s : specs) {
            byFunction.computeIfAbsent(Arrays.asList(string(s.param("func_name")), string(s.param("func_code"))),
                    k -> new ArrayList<>()).add(s.oid());
        }
        List<GraphProblem> problems = new ArrayList<>();
        try (PythonWorkers.Lease lease = python.acquireUnbounded()) {
            for (var e : byFunction.entrySet()) {
                Map<String, Object> h = new HashMap<>();
                h.put("func_name", e.getKey().get(0));
                h.put("func_code", e.getKey().get(1));
                h.put("code_dir", codeDir());
                h.put("check_only", true);
                PythonReply reply = lease.call(new PythonCall(h, List.of()));
                if (!reply.ok()) {
                    String why = "the Python function " + describe(e.getKey()) + " cannot be loaded with "
                            + python.python() + ": " + reply.header().get("type") + ": " + reply.header().get("message");
                    e.getValue().forEach(oid -> problems.add(new GraphProblem(oid, why)));
                }
            }
        } catch (PythonException | IOException e) {
            specs.forEach(s -> problems.add(new GraphProblem(s.oid(), e.getMessage())));
        }
        return problems;
    }

    private static String describe(List<String> function) {
        String name = function.get(0);
        String code = function.get(1);
        return (name == null || name.isBlank() ? "(no func_name)" : "'" + name + "'")
               + (code == null || code.isBlank() ? "" : " (from func_code)");
    }

    private static String codeDir() {
        String root = System.getenv("DLG_ROOT");
        Path dlgRoot = root != null ? Path.of(root) : Path.of(System.getProperty("user.home"), "dlg");
        return dlgRoot.resolve("code").toString();
    }

    private static Map<String, Object> header(AppContext ctx, List<byte[]> frames) throws Exception {
        Map<String, Object> h = new HashMap<>();
        h.put("func_name", string(ctx.param("func_name")));
        h.put("func_code", string(ctx.param("func_code")));
        h.put("func_defaults", plain(ctx.param("func_defaults")));
        h.put("func_arg_mapping", plain(ctx.param("func_arg_mapping")));
        h.put("input_parser", string(ctx.param("input_parser")));
        h.put("uid", ctx.uid());
        h.put("session_id", ctx.sessionId());
        h.put("session_dir", ctx.sessionDir().toString());
        h.put("code_dir", codeDir());
        List<Object> args = new ArrayList<>();
        for (AppArg a : ctx.appArgs().values()) {
            Map<String, Object> m = new HashMap<>();
            m.put("name", a.name());
            m.put("value", plain(a.value()));
            m.put("usage", a.usage());
            m.put("encoding", a.encoding());
            m.put("positional", a.positional());
            m.put("type", a.type());
            args.add(m);
        }
        h.put("app_args", args);
        Map<String, Object> params = new LinkedHashMap<>();
        for (var e : ctx.params().entrySet()) {
            Object v = e.getValue();
            if (v == null || v instanceof String || v instanceof Number || v instanceof Boolean) {
                params.put(e.getKey(), v);
            }
        }
        h.put("params", params);
        List<Object> inputs = new ArrayList<>();
        for (int i = 0; i < ctx.inputs().size(); i++) {
            DataDrop d = ctx.inputs().get(i);
            String port = ctx.inputPort(i);
            String enc = encoding(ctx, port);
            Map<String, Object> m = port(d, port, enc);
            boolean byReference = enc != null && switch (enc.toLowerCase(Locale.ROOT)) {
                case "path", "dataurl" -> true;
                default -> false;
            };
            if (byReference) {
                m.put("path", d.readablePath().map(Path::toString).orElse(null));
                if (m.get("path") == null && enc.equalsIgnoreCase("path")) {
                    m.put("has_data", true); // in memory: DALiuGE gives the content
                    frames.add(d.readAll());
                }
            } else if (d.contentFile().isPresent() && d.size() > LARGE_VALUE) {
                m.put("file", d.contentFile().get().toString()); // read in place by the worker
            } else {
                m.put("has_data", true);
                frames.add(d.readAll());
            }
            inputs.add(m);
        }
        h.put("inputs", inputs);
        List<Object> outputs = new ArrayList<>();
        for (int j = 0; j < ctx.outputs().size(); j++) {
            DataDrop d = ctx.outputs().get(j);
            String port = ctx.outputPort(j);
            String enc = encoding(ctx, port);
            Map<String, Object> m = port(d, port, enc == null ? "dill" : enc); // DALiuGE's default
            m.put("arg_encoding", enc);
            m.put("path", d.path().map(Path::toString).orElse(null));
            m.put("spill", spillFile(ctx, j).toString());
            outputs.add(m);
        }
        h.put("outputs", outputs);
        h.put("large_value", LARGE_VALUE);
        return h;
    }

    private static Map<String, Object> port(DataDrop d, String port, String encoding) {
        Map<String, Object> m = new HashMap<>();
        m.put("port", port);
        m.put("encoding", encoding);
        m.put("uid", d.uid());
        m.put("url", d.dataUrl());
        m.put("has_data", false);
        return m;
    }

    /** The encoding of the applicationArgs entry named like the port, or null. */
    private static String encoding(AppContext ctx, String port) {
        AppArg a = port == null ? null : ctx.appArgs().get(port);
        return a == null || a.encoding() == null || a.encoding().isBlank() ? null : a.encoding();
    }

    private static String string(Object v) {
        return v == null ? null : v.toString();
    }

    /** Graph values as plain Java values the pickler knows. */
    private static Object plain(Object v) {
        return v instanceof RawJson raw ? GraphReader.parseValue(raw) : v;
    }

    @Override
    public boolean waits(AppContext ctx) {
        return true; // on the worker; the pool bounds how many run at once
    }

    @Override
    public void cancel() {
        PendingCall p = pending; // the caller made isCancelled() true before: run sees one or the other
        if (p != null) {
            p.cancel();
        }
    }
}
