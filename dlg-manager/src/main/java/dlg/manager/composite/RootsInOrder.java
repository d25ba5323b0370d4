package dlg.manager.composite;

import dlg.manager.NodeAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups a deploy's {@code completed} uids by NodeManager when they are the graph's roots, as
 * clients mostly send them: each uid is then the next root of some node, in the order the split
 * listed each node's roots (graph order). One pass, comparing each uid with the next root of the
 * node of the uid before it, without hashing a million uids; anything else (a uid that is no
 * root, one given twice, roots out of graph order) is left to the general lookup.
 */
final class RootsInOrder {

    private RootsInOrder() {
    }

    /** The uids by node, in their order, or null when they are not roots in graph order. */
    static Map<NodeAddress, List<String>> group(List<PartitionedGraph> graphs, List<String> uids) {
        List<Cursor> cursors = new ArrayList<>();
        for (PartitionedGraph g : graphs) {
            g.roots().forEach((node, roots) -> cursors.add(new Cursor(node, roots)));
        }
        if (cursors.isEmpty()) {
            return null;
        }
        Map<NodeAddress, List<String>> byNode = new LinkedHashMap<>();
        Cursor last = cursors.getFirst();
        for (String uid : uids) {
            Cursor c = last.next(uid) ? last : find(cursors, uid);
            if (c == null) {
                return null;
            }
            c.position++;
            if (c.named == null) { // the node's list, looked up once per cursor, not per uid
                c.named = byNode.computeIfAbsent(c.node, n -> new ArrayList<>());
            }
            c.named.add(uid);
            last = c;
        }
        return byNode;
    }

    private static Cursor find(List<Cursor> cursors, String uid) {
        for (Cursor c : cursors) {
            if (c.next(uid)) {
                return c;
            }
        }
        return null;
    }

    /** A node's roots in one split, and how many of them the uids have named so far. */
    private static final class Cursor {
        final NodeAddress node;
        final List<String> roots;
        int position;
        /** The uids of its node named so far. */
        List<String> named;

        Cursor(NodeAddress node, List<String> roots) {
            this.node = node;
            this.roots = roots;
        }

        boolean next(String uid) {
            return position < roots.size() && roots.get(position).equals(uid);
        }
    }
}
