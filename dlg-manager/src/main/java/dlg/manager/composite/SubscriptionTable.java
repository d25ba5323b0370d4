package dlg.manager.composite;

import dlg.manager.DropRel;
import dlg.manager.NodeAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cut links as {@link DropRel}s, one list per pair of NodeManagers, which both get. Pairs are
 * few and cut links may be millions (a graph placed round robin): pairs are found in a small
 * open-addressing table of packed ints, not a map of boxed keys.
 */
final class SubscriptionTable {

    private final NodeTable nodes;
    /** Per slot: the packed pair + 1 (0 = free), and its list. */
    private long[] keys = new long[16];
    private List<DropRel>[] lists = newLists(16);
    private int pairs;
    private final List<Map<String, List<DropRel>>> byNode;

    SubscriptionTable(NodeTable nodes) {
        this.nodes = nodes;
        this.byNode = new ArrayList<>(Collections.nCopies(nodes.size(), null));
    }

    /** Records that a link between a drop of node {@code a} and one of node {@code b} was cut. */
    void add(int a, int b, DropRel rel) {
        long key = (a < b ? (long) a << 32 | b : (long) b << 32 | a) + 1;
        int mask = keys.length - 1;
        int slot = slot(key, mask);
        while (keys[slot] != key && keys[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        if (keys[slot] == 0) {
            keys[slot] = key;
            lists[slot] = newPair(a, b);
            pairs++;
        }
        lists[slot].add(rel);
        if (pairs * 2 > keys.length) {
            grow();
        }
    }

    /** Per NodeManager, its {@code /subscriptions} body; nodes without cut links have none. */
    Map<NodeAddress, Map<String, List<DropRel>>> byNode() {
        Map<NodeAddress, Map<String, List<DropRel>>> result = new LinkedHashMap<>();
        for (int k = 0; k < byNode.size(); k++) {
            if (byNode.get(k) != null) {
                result.put(nodes.get(k), Collections.unmodifiableMap(byNode.get(k)));
            }
        }
        return Collections.unmodifiableMap(result);
    }

    private List<DropRel> newPair(int a, int b) {
        List<DropRel> rels = new ArrayList<>();
        List<DropRel> view = Collections.unmodifiableList(rels);
        peersOf(a).put(nodes.get(b).toString(), view);
        peersOf(b).put(nodes.get(a).toString(), view);
        return rels;
    }

    private Map<String, List<DropRel>> peersOf(int node) {
        if (byNode.get(node) == null) {
            byNode.set(node, new LinkedHashMap<>());
        }
        return byNode.get(node);
    }

    private void grow() {
        long[] oldKeys = keys;
        List<DropRel>[] oldLists = lists;
        keys = new long[oldKeys.length * 2];
        lists = newLists(keys.length);
        int mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0) {
                int slot = slot(oldKeys[i], mask);
                while (keys[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = oldKeys[i];
                lists[slot] = oldLists[i];
            }
        }
    }

    private static int slot(long key, int mask) {
        return Long.hashCode(key * 0x9E3779B97F4A7C15L) & mask;
    }

    @SuppressWarnings("unchecked")
    private static List<DropRel>[] newLists(int n) {
        return (List<DropRel>[]) new List<?>[n];
    }
}
