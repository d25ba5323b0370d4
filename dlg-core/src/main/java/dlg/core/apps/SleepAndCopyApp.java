package dlg.core.apps;

import dlg.core.app.AppContext;
import dlg.core.app.Application;
import dlg.core.app.ParamSpec;
import java.util.List;

/** {@code dlg.apps.simple.SleepAndCopyApp}: sleeps like {@link SleepApp}, then copies like {@link CopyApp}. */
public final class SleepAndCopyApp implements Application {

    public static final List<ParamSpec> PARAMS = List.of(SleepApp.SLEEP_TIME, CopyApp.BUFSIZE);
    public static final SleepAndCopyApp INSTANCE = new SleepAndCopyApp();

    @Override
    public void run(AppContext ctx) throws Exception {
        SleepApp.sleep(ctx);
        CopyApp.copy(ctx);
    }

    @Override
    public boolean waits(AppContext ctx) {
        return SleepApp.sleepsOrMayBound(ctx);
    }
}
