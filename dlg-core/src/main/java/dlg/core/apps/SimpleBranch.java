package dlg.core.apps;

import dlg.core.app.AppContext;
import dlg.core.app.Application;
import dlg.core.app.ParamSpec;
import java.util.List;
import java.util.Locale;

/**
 * {@code dlg.apps.simple.SimpleBranch}: a branch told the result of its condition by its
 * {@code result} parameter (default true). It writes nothing; the output of the branch not taken
 * ends SKIPPED, and with it everything below that depends on it, while the session still finishes.
 *
 * <p>Which output is which follows DALiuGE: outputs on ports named {@code true} and {@code false}
 * (as EAGLE's Branch component names them), else the first output for true and the second for
 * false ({@code BranchAppDrop}). Any app that decides a condition can take a branch the same way
 * with {@link #takeBranch}.
 */
public final class SimpleBranch implements Application {

    public static final ParamSpec RESULT = ParamSpec.ofBool("result", true);
    public static final List<ParamSpec> PARAMS = List.of(RESULT);
    public static final SimpleBranch INSTANCE = new SimpleBranch();

    @Override
    public void run(AppContext ctx) {
        takeBranch(ctx, ctx.boolParam(RESULT));
    }

    /**
     * Skips the output of the branch not taken. Outputs count in order: data outputs, then applications linked straight to the branch
     * (which DALiuGE also counts as outputs).
     *
     * @return the index of the output taken
     * @throws IllegalArgumentException when the app does not have exactly two outputs
     */
    public static int takeBranch(AppContext ctx, boolean condition) {
        int data = ctx.outputs().size();
        int n = data + ctx.nextAppPorts().size();
        if (n != 2) {
            throw new IllegalArgumentException("a branch needs exactly 2 outputs (true and false), not " + n);
        }
        int trueOutput = 0;
        String p0 = port(ctx, 0, data);
        String p1 = port(ctx, 1, data);
        if ("false".equals(p0) && !"false".equals(p1)) {
            trueOutput = 1;
        } else if ("true".equals(p1) && !"true".equals(p0)) {
            trueOutput = 1;
        }
        int taken = condition ? trueOutput : 1 - trueOutput;
        int skipped = 1 - taken;
        if (skipped < data) {
            ctx.skipOutput(skipped);
        } else {
            ctx.skipNextApp(skipped - data);
        }
        return taken;
    }

    /** The port name of the i-th output: data outputs first, then apps linked straight to the branch. */
    private static String port(AppContext ctx, int i, int data) {
        String p = i < data ? ctx.outputPort(i) : ctx.nextAppPorts().get(i - data);
        return p == null ? null : p.strip().toLowerCase(Locale.ROOT);
    }
}
