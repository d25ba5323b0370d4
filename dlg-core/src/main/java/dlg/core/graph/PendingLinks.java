package dlg.core.graph;

import java.util.Arrays;

/**
 * Links that name a drop not read yet, keyed by that drop's oid: each entry heads a chain of link
 * numbers (the part's links, numbered in reading order), all resolved together when the drop
 * comes. Graphs mostly name drops a few elements ahead, so the table stays small. Linear probing
 * with backward-shift deletion (no tombstones). Not thread-safe.
 */
final class PendingLinks {

    private static final int NONE = -1;

    private String[] keys = new String[16];
    private int[] hashes = new int[16];
    private int[] heads = new int[16];
    private int mask = 15;
    private int size;
    /** By link number: the next link waiting for the same drop, or -1. */
    private int[] next = new int[64];

    boolean isEmpty() {
        return size == 0;
    }

    /** Link {@code link} waits for the drop {@code oid} ({@code hashCode} is its String hash). */
    void add(String oid, int hashCode, int link) {
        if (link >= next.length) {
            next = Arrays.copyOf(next, Math.max(link + 1, next.length * 2));
        }
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int h = OidIndex.spread(hashCode);
        for (int slot = h & mask; ; slot = (slot + 1) & mask) {
            String k = keys[slot];
            if (k == null) {
                keys[slot] = oid;
                hashes[slot] = h;
                heads[slot] = link;
                next[link] = NONE;
                size++;
                return;
            }
            if (hashes[slot] == h && (k == oid || k.equals(oid))) {
                next[link] = heads[slot];
                heads[slot] = link;
                return;
            }
        }
    }

    /** Removes the links waiting for {@code oid}: returns the first (then see {@link #next}), or -1. */
    int take(String oid, int hashCode) {
        if (size == 0) {
            return NONE;
        }
        int h = OidIndex.spread(hashCode);
        for (int slot = h & mask; ; slot = (slot + 1) & mask) {
            String k = keys[slot];
            if (k == null) {
                return NONE;
            }
            if (hashes[slot] == h && (k == oid || k.equals(oid))) {
                int head = heads[slot];
                delete(slot);
                return head;
            }
        }
    }

    /** The link after {@code link} in its chain, or -1. */
    int next(int link) {
        return next[link];
    }

    private void delete(int slot) {
        keys[slot] = null;
        size--;
        int hole = slot;
        for (int j = (slot + 1) & mask; keys[j] != null; j = (j + 1) & mask) {
            int home = hashes[j] & mask;
            boolean stays = hole <= j ? hole < home && home <= j : hole < home || home <= j;
            if (!stays) {
                keys[hole] = keys[j];
                hashes[hole] = hashes[j];
                heads[hole] = heads[j];
                keys[j] = null;
                hole = j;
            }
        }
    }

    private void grow() {
        String[] oldKeys = keys;
        int[] oldHashes = hashes;
        int[] oldHeads = heads;
        keys = new String[oldKeys.length * 2];
        hashes = new int[keys.length];
        heads = new int[keys.length];
        mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                int slot = oldHashes[i] & mask;
                while (keys[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = oldKeys[i];
                hashes[slot] = oldHashes[i];
                heads[slot] = oldHeads[i];
            }
        }
    }
}
