package dlg.core.graph;

import java.util.Arrays;

/**
 * Maps drop oids (or uids) to dense int indexes: an open-addressing table of two arrays (the
 * keys, and each key's hash next to its value), about 20 bytes per entry where a
 * {@code HashMap<String, Integer>} costs about 50. A probe reads one int pair, and the key only
 * when the hashes match, so that it rarely touches a String it does not want. Graphs of millions
 * of drops are looked up through it. Not thread-safe.
 *
 * <p>The reader also looks keys up by their characters ({@link #slotOf(char[], int, int, int)}),
 * before it has made a String of them.
 */
public final class OidIndex {

    private static final int FREE = -1;

    private String[] keys;
    /** By slot: the key's spread hash at {@code 2 * slot}, its value (or FREE) at {@code 2 * slot + 1}. */
    private int[] entries;
    private int size;
    private int mask;

    public OidIndex(int expected) {
        int capacity = Integer.highestOneBit(Math.max(4, expected * 2 - 1)) << 1;
        allocate(capacity);
    }

    private void allocate(int capacity) {
        keys = new String[capacity];
        entries = new int[2 * capacity];
        for (int i = 1; i < entries.length; i += 2) {
            entries[i] = FREE;
        }
        mask = capacity - 1;
    }

    /** The index of {@code key}, or -1. */
    public int get(String key) {
        int slot = slotOf(key);
        return slot >= 0 ? entries[2 * slot + 1] : FREE;
    }

    /** The slot of {@code key}, or -1. */
    int slotOf(String key) {
        int h = spread(key.hashCode());
        for (int slot = h & mask; ; slot = (slot + 1) & mask) {
            if (entries[2 * slot + 1] == FREE) {
                return FREE;
            }
            if (entries[2 * slot] == h) {
                String k = keys[slot];
                if (k == key || k.equals(key)) {
                    return slot;
                }
            }
        }
    }

    /**
     * Loads the first slot that looking {@code key} up probes, and returns something of it: a
     * caller that touches the slots of many keys first, then looks them up, waits for the cache
     * misses together rather than one after the other.
     */
    int touch(String key) {
        int slot = spread(key.hashCode()) & mask;
        return entries[2 * slot + 1] + (keys[slot] == null ? 0 : 1);
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
            int v = entries[2 * slot + 1];
            if (v == FREE) {
                keys[slot] = key;
                entries[2 * slot] = h;
                entries[2 * slot + 1] = value;
                size++;
                return FREE;
            }
            if (entries[2 * slot] == h) {
                String k = keys[slot];
                if (k == key || k.equals(key)) {
                    return v;
                }
            }
        }
    }

    public int size() {
        return size;
    }

    /** An independent copy. */
    OidIndex copy() {
        OidIndex c = new OidIndex(0);
        c.keys = keys.clone();
        c.entries = entries.clone();
        c.size = size;
        c.mask = mask;
        return c;
    }

    // ---- Lookups by characters (for the reader) ----

    /** The String hash code of {@code chars[offset, offset + length)}, as {@link String#hashCode()}. */
    static int hash(char[] chars, int offset, int length) {
        int h = 0;
        for (int i = offset, end = offset + length; i < end; i++) {
            h = 31 * h + chars[i];
        }
        return h;
    }

    /**
     * The slot of the key made of {@code chars[offset, offset + length)}, or -1.
     *
     * @param hashCode the characters' {@link #hash}
     */
    int slotOf(char[] chars, int offset, int length, int hashCode) {
        int h = spread(hashCode);
        for (int slot = h & mask; ; slot = (slot + 1) & mask) {
            if (entries[2 * slot + 1] == FREE) {
                return FREE;
            }
            if (entries[2 * slot] == h && sameChars(keys[slot], chars, offset, length)) {
                return slot;
            }
        }
    }

    String keyAt(int slot) {
        return keys[slot];
    }

    int valueAt(int slot) {
        return entries[2 * slot + 1];
    }

    static boolean sameChars(String s, char[] chars, int offset, int length) {
        if (s.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (s.charAt(i) != chars[offset + i]) {
                return false;
            }
        }
        return true;
    }

    /** Rehashes from the stored hashes: the keys themselves (scattered Strings) are not touched. */
    private void grow() {
        String[] oldKeys = keys;
        int[] oldEntries = entries;
        allocate(oldKeys.length * 2);
        for (int i = 0; i < oldKeys.length; i++) {
            int v = oldEntries[2 * i + 1];
            if (v != FREE) {
                int h = oldEntries[2 * i];
                int slot = h & mask;
                while (entries[2 * slot + 1] != FREE) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = oldKeys[i];
                entries[2 * slot] = h;
                entries[2 * slot + 1] = v;
            }
        }
    }

    /** String hashes of similar oids ("d1", "d2", ...) cluster; mix the bits before masking. */
    static int spread(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
