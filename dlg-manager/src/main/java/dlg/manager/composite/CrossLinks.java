package dlg.manager.composite;

import dlg.core.graph.Link;
import dlg.core.graph.LinkType;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Puts the links a split cut back into a composite's merged graph: each NodeManager's
 * {@code GET .../graph} shows its specs as appended, without them. DALiuGE's
 * {@code CompositeManager.getGraph} does the same ({@code F.producers += ["H"]}).
 */
public final class CrossLinks {

    private CrossLinks() {
    }

    /**
     * Adds each drop's {@link PartitionedGraph#lostLinks() lost links} to its spec in
     * {@code graph} (the NodeManagers' {@code {oid: spec}} dicts merged, as plain JSON values),
     * at the end of the key's list, with its port as {@code {"<oid>": "<port>"}}, as declared
     * (a duplicate entry too). A spec that already names the drop under that key is left so, so
     * that restoring twice changes nothing; an oid that {@code graph} lacks (a node that did not
     * answer) is skipped.
     */
    public static void restore(Map<String, Map<String, Object>> graph, List<LostLinks> lostLinks) {
        for (LostLinks lost : lostLinks) {
            Map<String, Object> spec = graph.get(lost.oid());
            if (spec != null) {
                addLinks(spec, lost.links());
            }
        }
    }

    private static void addLinks(Map<String, Object> spec, List<Link> links) {
        Map<LinkType, List<Object>> lists = new EnumMap<>(LinkType.class);
        Map<LinkType, Set<String>> named = new EnumMap<>(LinkType.class); // so that a big fan-in stays linear
        for (Link l : links) {
            Object entry = l.port() == null ? l.oid() : Map.of(l.oid(), l.port());
            if (l.type() == LinkType.PARENT) { // DALiuGE's one single-valued link key
                spec.put(l.type().key(), entry);
                continue;
            }
            List<Object> list = lists.computeIfAbsent(l.type(), t -> {
                List<Object> copy = spec.get(t.key()) instanceof List<?> old ? new ArrayList<>(old) : new ArrayList<>();
                spec.put(t.key(), copy);
                Set<String> oids = new HashSet<>();
                copy.forEach(x -> oids.add(oidOf(x)));
                named.put(t, oids);
                return copy;
            });
            if (!named.get(l.type()).contains(l.oid())) { // a link cut twice was declared twice: both come back
                list.add(entry);
            }
        }
    }

    /** The oid of a link entry: {@code "A"} or {@code {"A": "port"}}. */
    private static String oidOf(Object entry) {
        if (entry instanceof Map<?, ?> m && !m.isEmpty()) {
            return String.valueOf(m.keySet().iterator().next());
        }
        return String.valueOf(entry);
    }
}
