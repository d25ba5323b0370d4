package dlg.core.graph;

import java.util.Arrays;

/**
 * Maps drop oids (or uids) to dense int indexes: an open-addressing table of two arrays, a few
 * bytes per entry where a {@code HashMap<String, Integer>} costs about 50. Graphs of millions of
 * drops are looked up through it while they are validated and wired. Not thread-safe.
 */
public final class OidIndex {

    private static final int FREE = -1;

    private String[] keys;
    private int[] values;
    private int size;
    private int mask;

    public OidIndex(int expected) {
        int capacity = Integer.highestOneBit(Math.max(4, expected * 2 - 1)) << 1;
        keys = new String[capacity];
        values = new int[capacity];
        Arrays.fill(values, FREE);
        mask = capacity - 1;
    }

    /** The index of {@code key}, or -1. */
    public int get(String key) {
        for (int slot = spread(key.hashCode()) & mask; ; slot = (slot + 1) & mask) {
            String k = keys[slot];
            if (k == null) {
                return FREE;
            }
            if (k.equals(key)) {
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
        for (int slot = spread(key.hashCode()) & mask; ; slot = (slot + 1) & mask) {
            String k = keys[slot];
            if (k == null) {
                keys[slot] = key;
                values[slot] = value;
                size++;
                return FREE;
            }
            if (k.equals(key)) {
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
        keys = new String[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        Arrays.fill(values, FREE);
        mask = keys.length - 1;
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
