package dlg.core.apps;

import dlg.core.app.AppContext;
import dlg.core.app.Application;
import dlg.core.app.ParamSpec;
import dlg.core.app.ParamType;
import dlg.core.graph.AppArg;
import java.util.List;

/**
 * {@code dlg.apps.simple.SleepApp}: sleeps {@code sleep_time} seconds, which may come from an
 * input port of that name; an unusable value means 0, as in DALiuGE. Sleeping apps wait on
 * virtual threads; {@code sleep_time 0} runs inline on a CPU worker.
 */
public final class SleepApp implements Application {

    public static final ParamSpec SLEEP_TIME = ParamSpec.ofFloat("sleep_time", 0);
    public static final List<ParamSpec> PARAMS = List.of(SLEEP_TIME);
    public static final SleepApp INSTANCE = new SleepApp();

    @Override
    public void run(AppContext ctx) throws InterruptedException {
        sleep(ctx);
    }

    @Override
    public boolean waits(AppContext ctx) {
        return sleepsOrMayBound(ctx);
    }

    static void sleep(AppContext ctx) throws InterruptedException {
        double seconds = seconds(ctx);
        if (seconds > 0) {
            long nanos = (long) (seconds * 1e9);
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        }
    }

    static boolean sleepsOrMayBound(AppContext ctx) {
        AppArg arg = ctx.appArgs().get(SLEEP_TIME.name());
        if (arg != null && arg.isInputPort()) {
            return true; // the value arrives on a port: reading it here would be too early
        }
        return seconds(ctx) > 0;
    }

    private static double seconds(AppContext ctx) {
        try {
            Object v = ParamType.FLOAT.convert(ctx.param(SLEEP_TIME.name()));
            double s = v == null ? 0 : (Double) v;
            return Double.isFinite(s) && s > 0 ? s : 0;
        } catch (IllegalArgumentException e) {
            return 0; // DALiuGE resets an invalid sleep_time to 0
        }
    }
}
