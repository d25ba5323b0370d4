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
     * Skips the output of the branch not taken.
     *
     * @return the index of the output taken
     * @throws IllegalArgumentException when the app does not have exactly two outputs, or names
     *     only one of its ports true/false
     */
    public static int takeBranch(AppContext ctx, boolean condition) {
        int n = ctx.outputs().size();
        if (n != 2) {
            throw new IllegalArgumentException("a branch needs exactly 2 outputs (true and false), not " + n);
        }
        int trueOutput = 0;
        String p0 = port(ctx, 0);
        String p1 = port(ctx, 1);
        if ("false".equals(p0) && !"false".equals(p1)) {
            trueOutput = 1;
        } else if ("true".equals(p1) && !"true".equals(p0)) {
            trueOutput = 1;
        }
        int taken = condition ? trueOutput : 1 - trueOutput;
        ctx.skipOutput(1 - taken);
        return taken;
    }

    private static String port(AppContext ctx, int i) {
        String p = ctx.outputPort(i);
        return p == null ? null : p.strip().toLowerCase(Locale.ROOT);
    }
}
