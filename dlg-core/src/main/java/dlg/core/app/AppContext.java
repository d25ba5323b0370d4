package dlg.core.app;

import dlg.core.graph.AppArg;
import dlg.core.python.PythonWorkers;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a running application sees: its identity, parameters, inputs and outputs. Implemented by
 * the engine's application drop; valid during {@link Application#run}.
 */
public interface AppContext {

    String sessionId();

    String oid();

    String uid();

    /** The drop's display name. */
    String name();

    /** The session directory: where relative files go and where commands run. */
    Path sessionDir();

    /**
     * Where this node's processes hand each other large values: {@code /dev/shm} where the machine
     * has it, else the session directory.
     */
    default Path sharedMemoryDir() {
        return sessionDir();
    }

    /** Input drops in declaration order, each once. */
    List<DataDrop> inputs();

    /** Output drops in declaration order, each once. */
    List<DataDrop> outputs();

    /** This app's name for its i-th input (a named port, e.g. {@code "sleep_time"}), or null. */
    String inputPort(int i);

    /** This app's name for its i-th output, or null. */
    String outputPort(int i);

    /** The drop's {@code applicationArgs}, in declaration order. */
    Map<String, AppArg> appArgs();

    /**
     * A parameter's value: read from the input port of the same name when an InputPort argument is
     * bound to one (decoded per its {@code encoding}), else the {@code applicationArgs} value, else
     * the spec's top-level key; null when unset.
     *
     * @throws IllegalArgumentException when a bound input cannot be decoded
     */
    Object param(String name);

    /**
     * Takes the i-th output out of the run, as a branch does with the branch not taken: once the
     * app finishes, that output ends SKIPPED instead of COMPLETED, and every app and drop that
     * depends on it is skipped in turn. Without effect if the app fails.
     *
     * @throws IndexOutOfBoundsException when there is no i-th output
     * @throws UnsupportedOperationException from a context that cannot skip (not the engine's)
     */
    default void skipOutput(int i) {
        throw new UnsupportedOperationException("this context cannot skip outputs");
    }

    /**
     * The port names of the applications this app is linked to straight (an app in its
     * {@code outputs} or {@code consumers}), in link order; an entry is null where the link names
     * no port. Those apps run once this one finished.
     */
    default List<String> nextAppPorts() {
        return List.of();
    }

    /**
     * {@link #skipOutput} for the i-th app linked straight to this one ({@link #nextAppPorts}):
     * once this app finishes, that app is skipped instead of run, and so is what depends on it.
     *
     * @throws IndexOutOfBoundsException when there is no i-th such app
     * @throws UnsupportedOperationException from a context that cannot skip (not the engine's)
     */
    default void skipNextApp(int i) {
        throw new UnsupportedOperationException("this context cannot skip apps");
    }

    /** The drop spec's top-level keys (nested values as {@link dlg.core.graph.RawJson}). */
    default Map<String, Object> params() {
        return Map.of();
    }

    /**
     * The engine's pool of Python workers, started on first use.
     *
     * @throws UnsupportedOperationException where there is no engine (a test's own context)
     */
    default PythonWorkers python() {
        throw new UnsupportedOperationException("no Python workers here");
    }

    /** True once the session is being cancelled: long-running apps should stop. */
    boolean isCancelled();

    default long intParam(ParamSpec p) {
        Object v = typed(p);
        return v == null ? ((Number) p.defaultValue()).longValue() : (Long) v;
    }

    default double floatParam(ParamSpec p) {
        Object v = typed(p);
        return v == null ? ((Number) p.defaultValue()).doubleValue() : (Double) v;
    }

    default boolean boolParam(ParamSpec p) {
        Object v = typed(p);
        return v == null ? (Boolean) p.defaultValue() : (Boolean) v;
    }

    default String stringParam(ParamSpec p) {
        Object v = typed(p);
        return v == null ? (String) p.defaultValue() : (String) v;
    }

    private Object typed(ParamSpec p) {
        try {
            return p.type().convert(param(p.name()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("parameter '" + p.name() + "': " + e.getMessage(), e);
        }
    }
}
