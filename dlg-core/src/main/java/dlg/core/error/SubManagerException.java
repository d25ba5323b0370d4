package dlg.core.error;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A call a composite manager made on its sub-managers failed on some of them: every failed node
 * with its own error (the nodes not listed succeeded). HTTP 555. Its args are an object
 * {@code {node: {"type": ..., "args": ...}}} holding each node's real error (with its
 * {@code cause} where it has one), where DALiuGE puts the literal {@code "dummy"}.
 */
public final class SubManagerException extends DlgException {

    private final Map<String, DlgException> failures;

    /** @param failures by node, in the order to report them; at least one */
    public SubManagerException(Map<String, ? extends DlgException> failures) {
        super(describe(failures));
        this.failures = Collections.unmodifiableMap(new LinkedHashMap<>(failures));
        failures.values().forEach(this::addSuppressed); // their stack traces, when they have one
    }

    public Map<String, DlgException> failures() {
        return failures;
    }

    @Override
    public Map<String, Object> args() {
        Map<String, Object> args = new LinkedHashMap<>();
        failures.forEach((node, e) -> args.put(node, e.toWire()));
        return args;
    }

    private static String describe(Map<String, ? extends DlgException> failures) {
        if (failures.isEmpty()) {
            throw new IllegalArgumentException("a SubManagerException needs at least one failed node");
        }
        String each = failures.entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue().type() + ": " + e.getValue().getMessage())
                .collect(Collectors.joining("; "));
        return (failures.size() == 1 ? "1 sub-manager failed: " : failures.size() + " sub-managers failed: ") + each;
    }
}
