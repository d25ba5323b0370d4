package dlg.core.apps;

import dlg.core.app.AppContext;
import dlg.core.app.DataDrop;
import dlg.core.codec.Encoding;
import dlg.core.graph.AppArg;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * An {@link AppContext} for unit tests of apps, resolving parameters the way the engine does: an
 * InputPort argument bound to an input port reads that input, else the argument's value, else
 * the top-level parameter.
 */
final class TestingAppContext implements AppContext {

    private final List<DataDrop> inputs = new ArrayList<>();
    private final List<String> inputPorts = new ArrayList<>();
    private final List<DataDrop> outputs = new ArrayList<>();
    private final List<String> outputPorts = new ArrayList<>();
    private final Map<String, AppArg> args = new LinkedHashMap<>();
    private final Map<String, Object> params = new HashMap<>();
    private Path sessionDir = Path.of(".");
    private volatile boolean cancelled;
    private final Set<Integer> skipped = new TreeSet<>();
    private final List<String> nextAppPorts = new ArrayList<>();
    private final Set<Integer> skippedNext = new TreeSet<>();

    TestingAppContext input(DataDrop d) {
        return input(d, null);
    }

    TestingAppContext input(DataDrop d, String port) {
        inputs.add(d);
        inputPorts.add(port);
        return this;
    }

    TestingAppContext output(DataDrop d) {
        return output(d, null);
    }

    TestingAppContext output(DataDrop d, String port) {
        outputs.add(d);
        outputPorts.add(port);
        return this;
    }

    /** A top-level spec parameter. */
    TestingAppContext param(String name, Object value) {
        params.put(name, value);
        return this;
    }

    /** A NoPort applicationArgs entry. */
    TestingAppContext arg(String name, Object value) {
        return arg(new AppArg(name, value, "NoPort", null, false, false, null));
    }

    TestingAppContext arg(AppArg a) {
        args.put(a.name(), a);
        return this;
    }

    TestingAppContext sessionDir(Path p) {
        this.sessionDir = p;
        return this;
    }

    void cancel() {
        cancelled = true;
    }

    @Override
    public String sessionId() {
        return "test-session";
    }

    @Override
    public String oid() {
        return "app";
    }

    @Override
    public String uid() {
        return "app-uid";
    }

    @Override
    public String name() {
        return "app";
    }

    @Override
    public Path sessionDir() {
        return sessionDir;
    }

    @Override
    public List<DataDrop> inputs() {
        return List.copyOf(inputs);
    }

    @Override
    public List<DataDrop> outputs() {
        return List.copyOf(outputs);
    }

    @Override
    public String inputPort(int i) {
        return inputPorts.get(i);
    }

    @Override
    public String outputPort(int i) {
        return outputPorts.get(i);
    }

    @Override
    public Map<String, AppArg> appArgs() {
        return args;
    }

    @Override
    public Object param(String name) {
        AppArg arg = args.get(name);
        if (arg != null && arg.isInputPort()) {
            for (int i = 0; i < inputs.size(); i++) {
                if (name.equals(inputPorts.get(i))) {
                    try {
                        return Encoding.of(arg.encoding()).read(inputs.get(i));
                    } catch (IOException e) {
                        throw new IllegalArgumentException(e);
                    }
                }
            }
        }
        return arg != null ? arg.value() : params.get(name);
    }

    @Override
    public void skipOutput(int i) {
        Objects.checkIndex(i, outputs.size());
        skipped.add(i);
    }

    /** An app linked straight to this one, on {@code port} (or none). */
    TestingAppContext nextApp(String port) {
        nextAppPorts.add(port);
        return this;
    }

    @Override
    public List<String> nextAppPorts() {
        return nextAppPorts;
    }

    @Override
    public void skipNextApp(int i) {
        Objects.checkIndex(i, nextAppPorts.size());
        skippedNext.add(i);
    }

    /** The apps linked straight to this one that it skipped, by index, in order. */
    Set<Integer> skippedNextApps() {
        return skippedNext;
    }

    /** The outputs the app skipped, by index, in order. */
    Set<Integer> skippedOutputs() {
        return skipped;
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }
}
