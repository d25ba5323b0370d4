package dlg.manager.repro;

import java.util.List;
import java.util.Map;

/**
 * Python's dict access on JSON trees, for code that follows DALiuGE's line by line:
 * {@code d["key"]} throws {@link ReproException} where Python raises {@code KeyError} (or
 * {@code TypeError} when {@code d} is no dict), so that a computation DALiuGE cannot finish
 * does not finish here either.
 */
final class Dicts {

    private Dicts() {
    }

    /** {@code parent[key]}, which must be present. */
    static Object get(Object parent, String key, String where) {
        Map<String, Object> m = map(parent, where);
        if (!m.containsKey(key)) {
            throw new ReproException(where + ": no '" + key + "'");
        }
        return m.get(key);
    }

    /** {@code parent[key]}, which must be a dict. */
    static Map<String, Object> dict(Object parent, String key, String where) {
        return map(get(parent, key, where), where + "['" + key + "']");
    }

    /** {@code value}, which must be a dict. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value, String where) {
        if (value instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new ReproException(where + " is " + (value == null ? "None" : "not a dict: " + value));
    }

    /** Python's {@code sorted()} of hash strings (the order of Python's str comparison, for hex and any text without surrogates). */
    static List<Object> sorted(java.util.Collection<Object> values, String where) {
        if (values.size() < 2) {
            return List.copyOf(values);
        }
        for (Object v : values) {
            if (!(v instanceof String)) {
                throw new ReproException(where + ": cannot sort " + PyRepr.repr(v) + " with hashes");
            }
        }
        return values.stream().sorted((a, b) -> ((String) a).compareTo((String) b)).toList();
    }
}
