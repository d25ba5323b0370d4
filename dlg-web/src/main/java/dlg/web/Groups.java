package dlg.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntPredicate;

/**
 * The drops of a big graph gathered into a bounded number of groups, for a graph view that stays
 * readable and fast: by the logical-graph construct that made them ({@code lg_key}, which
 * DALiuGE's translator writes on every drop), else by name, else by drop class, else into
 * applications and data. The first of these that yields at most {@link #MAX_GROUPS} groups is used.
 *
 * @param attribute what the drops were grouped by: {@code lg_key}, {@code name}, {@code dropclass} or {@code kind}
 * @param keys each group's key, {@code attribute=value}: the same on every node for the same construct
 * @param labels each group's label: the name of its first drop
 * @param apps whether each group's first drop is an application
 * @param groupOf the group of each drop
 */
record Groups(String attribute, List<String> keys, List<String> labels, List<Boolean> apps, int[] groupOf) {

    static final int MAX_GROUPS = 300;

    Groups {
        Objects.requireNonNull(attribute, "attribute");
        keys = List.copyOf(keys);
        labels = List.copyOf(labels);
        apps = List.copyOf(apps);
    }

    int size() {
        return keys.size();
    }

    static Groups of(DropTable drops) {
        Groups g = by(drops, "lg_key", MAX_GROUPS);
        if (g == null) {
            g = by(drops, "name", MAX_GROUPS);
        }
        if (g == null) {
            g = by(drops, "dropclass", MAX_GROUPS);
        }
        return g != null ? g : by(drops, "kind", Integer.MAX_VALUE); // applications and data: two groups
    }

    /** Null when there would be more than {@code max} groups. */
    private static Groups by(DropTable drops, String attribute, int max) {
        Map<Object, Integer> index = new HashMap<>(); // by the attribute's value: no String made per drop
        List<String> keys = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<Boolean> apps = new ArrayList<>();
        int[] groupOf = new int[drops.size()];
        for (int i = 0; i < groupOf.length; i++) {
            Object value = switch (attribute) {
                case "lg_key" -> {
                    Object k = drops.param(i, "lg_key");
                    yield k == null || k instanceof String ? k : k.toString(); // 5 and "5": one construct
                }
                case "name" -> drops.name(i);
                case "dropclass" -> drops.dropClass(i);
                default -> drops.isApp(i);
            };
            Object v = value == null ? "" : value;
            Integer g = index.get(v);
            if (g == null) {
                if (keys.size() == max) {
                    return null;
                }
                g = keys.size();
                index.put(v, g);
                keys.add(attribute + "=" + (attribute.equals("kind") ? (drops.isApp(i) ? "application" : "data") : v));
                labels.add(switch (attribute) {
                    case "dropclass" -> shortName(drops.dropClass(i));
                    case "kind" -> drops.isApp(i) ? "applications" : "data";
                    default -> drops.name(i);
                });
                apps.add(drops.isApp(i));
            }
            groupOf[i] = g;
        }
        return new Groups(attribute, keys, labels, apps, groupOf);
    }

    /**
     * Which drops belong to the group with {@code key} ({@code attribute=value}), exactly: a drop
     * of a construct named "calibrate" is not one of "calib". By this node's groups when they are
     * by the key's attribute (an int compare per drop), else by the drop's own attribute (a node
     * with too many constructs to group by {@code lg_key} still finds those of one). An empty key
     * lets every drop through; a malformed or unknown one none (a construct may have no drops on
     * one node: not an error).
     *
     * @param groups this node's groups, or null when there are none
     */
    static IntPredicate member(DropTable drops, Groups groups, String key) {
        if (key == null || key.isEmpty()) {
            return i -> true;
        }
        int eq = key.indexOf('=');
        String attribute = eq < 0 ? "" : key.substring(0, eq);
        String value = key.substring(eq + 1);
        if (groups != null && groups.attribute().equals(attribute)) {
            int g = groups.keys().indexOf(key);
            int[] groupOf = groups.groupOf();
            return g < 0 ? i -> false : i -> groupOf[i] == g;
        }
        return switch (attribute) {
            case "lg_key" -> i -> {
                Object k = drops.param(i, "lg_key");
                return k != null ? value.equals(k.toString()) : value.isEmpty();
            };
            case "name" -> i -> value.equals(drops.name(i) == null ? "" : drops.name(i));
            case "dropclass" -> i -> value.equals(drops.dropClass(i) == null ? "" : drops.dropClass(i));
            case "kind" -> i -> value.equals(drops.isApp(i) ? "application" : "data");
            default -> i -> false;
        };
    }

    private static String shortName(String dropClass) {
        return dropClass.substring(dropClass.lastIndexOf('.') + 1);
    }
}
