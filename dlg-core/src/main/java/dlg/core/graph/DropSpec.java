package dlg.core.graph;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One drop of a physical graph, as submitted.
 *
 * @param uid the drop's unique id (equal to {@code oid} when the spec has none): {@code completed}
 *     lists, triggers and subscriptions name drops by uid, the graph and its status by oid
 * @param dropClass the effective DALiuGE class name ({@code dropclass}, or derived from the
 *     legacy {@code app} / {@code storage} keys, or the category's default)
 * @param name display name, or null
 * @param node the NodeManager that hosts the drop, or null
 * @param island the DataIslandManager that hosts the drop, or null
 * @param links relationships in declaration order
 * @param params every other key, in order; nested values are {@link RawJson}
 * @param appArgs the parsed {@code applicationArgs} (also kept raw in {@code params})
 */
public record DropSpec(String oid, String uid, Category category, String dropClass, String name,
                       String node, String island, List<Link> links, Map<String, Object> params,
                       Map<String, AppArg> appArgs) {

    public DropSpec {
        Objects.requireNonNull(oid, "oid");
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(dropClass, "dropClass");
        Objects.requireNonNull(links, "links");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(appArgs, "appArgs");
    }

    /**
     * A parameter's value as DALiuGE resolves it: an {@code applicationArgs} entry of that name
     * overrides a top-level key of the same name.
     */
    public Object param(String key) {
        if (appArgs.isEmpty()) {
            return params.get(key);
        }
        AppArg arg = appArgs.get(key);
        return arg != null ? arg.value() : params.get(key);
    }

    public boolean hasParam(String key) {
        return appArgs.containsKey(key) || params.containsKey(key);
    }

    /** The name to show: {@code name}, else the oid. */
    public String displayName() {
        return name != null ? name : oid;
    }

    /**
     * DALiuGE's short human key: {@code humanReadableKey}, else derived from the uid (for
     * {@code 2024-10-30T12:01:57_0140555b-8c23_0} it is {@code 0140_0}).
     */
    public String humanKey() {
        Object hk = params.get("humanReadableKey");
        if (hk != null && !hk.toString().isEmpty()) {
            return hk.toString();
        }
        String[] split = uid.split("_", 3);
        if (split.length == 1) {
            return uid;
        }
        String key = split[1].length() > 4 ? split[1].substring(0, 4) : split[1];
        return split.length == 3 ? key + "_" + split[2] : key;
    }
}
