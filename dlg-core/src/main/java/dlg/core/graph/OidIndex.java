package dlg.core.graph;

import java.util.Arrays;

/**
 * Maps drop oids (or uids) to dense int indexes: an open-addressing table of three arrays (keys,
 * their hashes, values), about 20 bytes per entry where a {@code HashMap<String, Integer>} costs
 * about 50. Hashes are compared before keys, so a probe rarely touches a String it does not
 * want. Graphs of millions of drops are looked up through it. Not thread-safe.
 */
public final class OidIndex {

    private static final int FREE = -1;

    private String[] keys;
    private int[] hashes;
    private int[] values;
    private int size;
    private int mask;

    public OidIndex(int expected) {
        int capacity = Integer.highestOneBit(Math.max(4, expected * 2 - 1)) << 1;
        allocate(capacity);
    }

    private void allocate(int capacity) {
        keys = new String[capacity];
        hashes = new int[capacity];
        values = new int[capacity];
        Arrays.fill(values, FREE);
        mask = capacity - 1;
    }

    /** The index of {@code key}, or -1. */
    public int get(String key) {
        int h = spread(key.hashCode());
        for (int slot = h & mask; ; slot = (slot + 1) & mask) {
            String k = keys[slot];
            if (k == null) {
                return FREE;
            }
            if (hashes[slot] == h && (k == key || k.equals(key))) {
                return values[slot];
            }
        }
    }

    /** Adds {@code key -> value} unless present; returns the value already there, or -1. */
    public int putIfAbsent(String key, int value) {
        if (value < 0) {
            throw new IllegalArgumentException("index must be >= 0: " + value);
        }
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int h = spread(key.hashCode());
        for (int slot = h & mask; ; slot = (slot + 1) & mask) {
            String k = keys[slot];
            if (k == null) {
                keys[slot] = key;
                hashes[slot] = h;
                values[slot] = value;
                size++;
                return FREE;
            }
            if (hashes[slot] == h && (k == key || k.equals(key))) {
                return values[slot];
            }
        }
    }

    public int size() {
        return size;
    }

    private void grow() {
        String[] oldKeys = keys;
        int[] oldValues = values;
        allocate(oldKeys.length * 2);
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                putIfAbsent(oldKeys[i], oldValues[i]);
            }
        }
    }

    /** String hashes of similar oids ("d1", "d2", ...) cluster; mix the bits before masking. */
    private static int spread(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
