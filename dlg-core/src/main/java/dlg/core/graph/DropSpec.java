package dlg.core.graph;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One drop of a physical graph, as submitted.
 *
 * <p>A class with a record's accessors, equality and string form, not a record: a graph may hold
 * millions of specs, most with one link or none, and each live object costs the collector a copy.
 * A lone link without a port is kept in two fields, not as a {@link Link} in a {@link List} (two
 * objects per drop: 4,000,000 of a million-triple graph's 21,000,000); {@link #links()} makes that
 * list when asked, and {@link #linkCount()}, {@link #linkOid} and {@link #linkType} read without
 * making it.
 */
public final class DropSpec {

    private final String oid;
    private final String uid;
    private final Category category;
    private final String dropClass;
    private final String name;
    private final String node;
    private final String island;
    /** The lone link's type, or null: no link, or links in {@link #several}. */
    private final LinkType linkType;
    private final String linkOid;
    /** Two links or more, or a lone link with a port (rare: one field less in every spec), else null. */
    private final Link[] several;
    private final Map<String, Object> params;
    private final Map<String, AppArg> appArgs;

    /**
     * @param oid the drop's id in the graph
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
    public DropSpec(String oid, String uid, Category category, String dropClass, String name,
                    String node, String island, List<Link> links, Map<String, Object> params,
                    Map<String, AppArg> appArgs) {
        this.oid = Objects.requireNonNull(oid, "oid");
        this.uid = Objects.requireNonNull(uid, "uid");
        this.category = Objects.requireNonNull(category, "category");
        this.dropClass = Objects.requireNonNull(dropClass, "dropClass");
        this.name = name;
        this.node = node;
        this.island = island;
        Objects.requireNonNull(links, "links");
        this.params = Objects.requireNonNull(params, "params");
        this.appArgs = Objects.requireNonNull(appArgs, "appArgs");
        Link only = links.size() == 1 ? Objects.requireNonNull(links.getFirst(), "link") : null;
        if (only != null && only.port() == null) {
            linkType = only.type();
            linkOid = only.oid();
            several = null;
        } else {
            linkType = null;
            linkOid = null;
            several = links.isEmpty() ? null : links.toArray(new Link[0]);
            for (int k = 0; several != null && k < several.length; k++) {
                Objects.requireNonNull(several[k], "link");
            }
        }
    }

    public String oid() {
        return oid;
    }

    public String uid() {
        return uid;
    }

    public Category category() {
        return category;
    }

    public String dropClass() {
        return dropClass;
    }

    public String name() {
        return name;
    }

    public String node() {
        return node;
    }

    public String island() {
        return island;
    }

    public Map<String, Object> params() {
        return params;
    }

    public Map<String, AppArg> appArgs() {
        return appArgs;
    }

    /** The links in declaration order, as an unmodifiable list made for this call. */
    public List<Link> links() {
        if (several != null) {
            return Collections.unmodifiableList(Arrays.asList(several));
        }
        return linkType == null ? List.of() : List.of(new Link(linkType, linkOid, null));
    }

    public int linkCount() {
        return several != null ? several.length : linkType == null ? 0 : 1;
    }

    /** Link {@code k} (0 to {@link #linkCount()} - 1). */
    public Link link(int k) {
        return several != null ? several[k] : new Link(linkType(k), linkOid, null);
    }

    /** Link {@code k}'s type, without making the link. */
    public LinkType linkType(int k) {
        if (several != null) {
            return several[k].type();
        }
        Objects.checkIndex(k, linkCount());
        return linkType;
    }

    /** The oid link {@code k} names, without making the link. */
    public String linkOid(int k) {
        if (several != null) {
            return several[k].oid();
        }
        Objects.checkIndex(k, linkCount());
        return linkOid;
    }

    /** Link {@code k}'s port, or null, without making the link. */
    public String linkPort(int k) {
        if (several != null) {
            return several[k].port();
        }
        Objects.checkIndex(k, linkCount());
        return null;
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

    @Override
    public boolean equals(Object o) {
        return o instanceof DropSpec d && oid.equals(d.oid) && uid.equals(d.uid) && category == d.category
                && dropClass.equals(d.dropClass) && Objects.equals(name, d.name) && Objects.equals(node, d.node)
                && Objects.equals(island, d.island) && links().equals(d.links()) && params.equals(d.params)
                && appArgs.equals(d.appArgs);
    }

    @Override
    public int hashCode() {
        return Objects.hash(oid, uid, category, dropClass, name, node, island, links(), params, appArgs);
    }

    @Override
    public String toString() {
        return "DropSpec[oid=" + oid + ", uid=" + uid + ", category=" + category + ", dropClass=" + dropClass
                + ", name=" + name + ", node=" + node + ", island=" + island + ", links=" + links()
                + ", params=" + params + ", appArgs=" + appArgs + "]";
    }
}
