package dlg.core.apps;

import dlg.core.app.AppContext;
import dlg.core.app.Application;

/** {@code dlg.apps.simple.NullBarrierApp} (and {@code DALiuGEApp}): waits for its inputs, does nothing. */
public final class NullBarrierApp implements Application {

    public static final NullBarrierApp INSTANCE = new NullBarrierApp();

    @Override
    public void run(AppContext ctx) {
    }
}
