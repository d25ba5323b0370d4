package dlg.core.apps;

import dlg.core.app.AppContext;
import dlg.core.app.DataDrop;
import dlg.core.app.ParamSpec;
import dlg.core.graph.GraphReader;
import dlg.core.graph.RawJson;
import dlg.core.python.PythonReply;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What makes a {@link PyFuncApp} the {@code dlg.apps.simple.Branch} of DALiuGE: the function's
 * result is the condition; the input on port {@code x} (else the first input) is copied to the
 * output of the branch taken ({@code true} or {@code false}, as {@link SimpleBranch#takeBranch}
 * finds them) and the other output is skipped. With no input DALiuGE sends the parameter
 * {@code x}, pickled, down the branch taken; we do too.
 */
final class PyBranch {

    private static final Logger log = LoggerFactory.getLogger(PyBranch.class);
    /** What decides when the function returns no boolean (DALiuGE keeps its {@code result}). */
    static final ParamSpec RESULT = ParamSpec.ofBool("result", false);
    static final ParamSpec BUFSIZE = ParamSpec.ofInt("bufsize", 65536);
    static final List<ParamSpec> PARAMS = List.of(RESULT, BUFSIZE);

    private PyBranch() {
    }

    /** The call as a branch: no output is the function's to write, and what x to send without inputs. */
    static void prepare(AppContext ctx, Map<String, Object> header) {
        header.put("branch", true);
        header.put("outputs", List.of());
        if (ctx.inputs().isEmpty() && (ctx.appArgs().containsKey("x") || ctx.params().containsKey("x"))) {
            Object x = ctx.param("x");
            header.put("branch_x", x instanceof RawJson raw ? GraphReader.parseValue(raw) : x);
        }
    }

    static void take(AppContext ctx, PythonReply reply) throws IOException {
        boolean condition;
        if (reply.header().get("condition") instanceof Boolean b) {
            condition = b;
        } else {
            condition = ctx.boolParam(RESULT);
            log.warn("the condition of {} returned a {}, not a boolean: the branch taken is its result parameter ({})",
                    ctx.uid(), reply.header().get("result_type"), condition);
        }
        int taken = SimpleBranch.takeBranch(ctx, condition);
        if (taken >= ctx.outputs().size()) {
            return; // an app linked straight to the branch: it runs, there is nothing to write
        }
        DataDrop out = ctx.outputs().get(taken);
        DataDrop in = input(ctx);
        if (in != null) {
            copy(in, out, ctx.intParam(BUFSIZE));
        } else if (Boolean.TRUE.equals(reply.header().get("x_frame"))) {
            out.write(reply.frames().getFirst());
        } else {
            throw new IllegalStateException("the branch has neither an input nor a parameter 'x' to send to its '"
                    + condition + "' output");
        }
    }

    private static DataDrop input(AppContext ctx) {
        for (int i = 0; i < ctx.inputs().size(); i++) {
            if ("x".equals(ctx.inputPort(i))) {
                return ctx.inputs().get(i);
            }
        }
        return ctx.inputs().isEmpty() ? null : ctx.inputs().getFirst();
    }

    private static void copy(DataDrop in, DataDrop out, long bufsize) throws IOException {
        byte[] buf = new byte[Math.clamp(bufsize, 1, 64 << 20)];
        try (InputStream s = in.open()) {
            for (int n = s.read(buf); n >= 0; n = s.read(buf)) {
                out.write(buf, 0, n);
            }
        }
    }
}
