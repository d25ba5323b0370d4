package dlg.manager;

import dlg.core.app.AppContext;
import dlg.core.app.Application;

/**
 * A test app (dropclass {@code dlg.manager.ConstructionHookApp}) that runs a hook when the engine
 * creates it, i.e. while the session is DEPLOYING, on the deploying thread. The hook is per thread,
 * so tests running in parallel do not see each other's. Running it does nothing.
 */
public final class ConstructionHookApp implements Application {

    static final String CLASS = ConstructionHookApp.class.getName();
    private static final ThreadLocal<Runnable> HOOK = new ThreadLocal<>();

    public ConstructionHookApp() {
        Runnable hook = HOOK.get();
        if (hook != null) {
            hook.run();
        }
    }

    /** Runs {@code action} with {@code hook} installed for apps created on this thread. */
    static void whileCreating(Runnable hook, Runnable action) {
        HOOK.set(hook);
        try {
            action.run();
        } finally {
            HOOK.remove();
        }
    }

    @Override
    public void run(AppContext ctx) {
    }
}
