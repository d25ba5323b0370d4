package dlg.core.runtime;

import dlg.core.app.AppContext;
import dlg.core.app.Application;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A user Java app (named by its class name as a drop's {@code dropclass}) whose behaviour a test
 * supplies as a lambda, registered under a key the drop names in its {@code behaviour} parameter.
 */
public final class TestingApp implements Application {

    public static final String CLASS = TestingApp.class.getName();
    public static final String BEHAVIOUR = "behaviour";

    /** What the app does when it runs. */
    @FunctionalInterface
    public interface Body {
        void run(AppContext ctx) throws Exception;
    }

    private record Behaviour(Body body, boolean waits) {
    }

    private static final Map<String, Behaviour> BEHAVIOURS = new ConcurrentHashMap<>();
    private static final AtomicLong KEYS = new AtomicLong();

    /** @return the key to put in the drop's {@code behaviour} parameter */
    public static String register(Body body, boolean waits) {
        String key = "b" + KEYS.incrementAndGet();
        BEHAVIOURS.put(key, new Behaviour(body, waits));
        return key;
    }

    private volatile Thread running;

    @Override
    public void run(AppContext ctx) throws Exception {
        running = Thread.currentThread();
        try {
            behaviour(ctx).body().run(ctx);
        } finally {
            running = null;
        }
    }

    @Override
    public boolean waits(AppContext ctx) {
        return behaviour(ctx).waits();
    }

    private static Behaviour behaviour(AppContext ctx) {
        Object key = ctx.param(BEHAVIOUR);
        Behaviour b = key == null ? null : BEHAVIOURS.get(key.toString());
        if (b == null) {
            throw new IllegalStateException("TestingApp " + ctx.oid() + " has no registered behaviour '" + key + "'");
        }
        return b;
    }
}
