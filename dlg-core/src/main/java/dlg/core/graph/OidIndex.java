package dlg.core.graph;

/**
 * Maps drop oids (or uids) to dense int indexes: an open-addressing table of int pairs (a key's
 * hash and its index), at most 3/4 full, over the caller's array of the keys by index: 11 to 22
 * bytes per entry where a {@code HashMap<String, Integer>} costs about 50. A probe reads one int
 * pair, and the key only when the hashes match, so that it rarely touches a String it does not
 * want; the table holds no references (the collector need not scan it, and filling it stores no
 * references). Graphs of millions of drops are looked up through it. Not thread-safe.
 *
 * <p>The reader passes hash codes it has already (see {@link DropRecords}), and looks keys up by
 * their characters before it has made a String of them.
 */
public final class OidIndex {

    private static final int FREE = -1;

    /** The key of each index: {@code keys[i]} for index {@code i}. The caller's; it may replace it. */
    private String[] keys;
    /**
     * By slot: the key's spread hash at {@code 2 * slot}, its index + 1 at {@code 2 * slot + 1}
     * (0 for a free slot, so that a new array is all free).
     */
    private int[] entries;
    /** True when another index has these entries too: copy them before changing them. */
    private boolean shared;
    private int size;
    private int mask;

    /**
     * @param expected how many keys it will hold (it grows beyond if need be)
     * @param keys the key of each index to be added, {@code keys[i]} for index {@code i}: the
     *     caller fills it before adding an index, and passes a larger array to {@link #keys} when
     *     it needs one
     */
    public OidIndex(int expected, String[] keys) {
        int capacity = 4;
        while (capacity < 1 << 30 && (long) capacity * 3 < (long) expected * 4) {
            capacity <<= 1;
        }
        this.keys = keys;
        entries = new int[2 * capacity];
        mask = capacity - 1;
    }

    private OidIndex(OidIndex other, String[] keys) {
        this.keys = keys;
        this.entries = other.entries;
        this.size = other.size;
        this.mask = other.mask;
        this.shared = true;
        other.shared = true;
    }

    /** The same entries over another array of the same keys by index (copied before either changes). */
    OidIndex withKeys(String[] keys) {
        return new OidIndex(this, keys);
    }

    /** The caller's array of keys by index, now larger. */
    void keys(String[] keys) {
        this.keys = keys;
    }

    /** The index of {@code key}, or -1. */
    public int get(String key) {
        return get(key, key.hashCode());
    }

    /** The index of {@code key}, whose {@link String#hashCode()} is {@code hashCode}, or -1. */
    int get(String key, int hashCode) {
        int h = spread(hashCode);
        for (int slot = h & mask; ; slot = (slot + 1) & mask) {
            int v = entries[2 * slot + 1];
            if (v == 0) {
                return FREE;
            }
            if (entries[2 * slot] == h) {
                String k = keys[v - 1];
                if (k == key || k.equals(key)) {
                    return v - 1;
                }
            }
        }
    }

    /** The index of the key made of {@code length} characters of {@code chars} from {@code offset}, or -1. */
    public int get(char[] chars, int offset, int length) {
        return get(chars, offset, length, hash(chars, offset, length)); // String.hashCode's, over the characters
    }

    /**
     * Adds index {@code value} for {@code key}, which must be {@code keys[value]}, unless the key
     * is there already; returns the index already there, or -1.
     */
    public int putIfAbsent(String key, int value) {
        return putIfAbsent(key, key.hashCode(), value);
    }

    /** As {@link #putIfAbsent(String, int)}, with the key's {@link String#hashCode()}. */
    int putIfAbsent(String key, int hashCode, int value) {
        if (value < 0) {
            throw new IllegalArgumentException("index must be >= 0: " + value);
        }
        if (shared) {
            entries = entries.clone();
            shared = false;
        }
        if ((long) (size + 1) * 4 > (long) (mask + 1) * 3) {
            grow();
        }
        int h = spread(hashCode);
        for (int slot = h & mask; ; slot = (slot + 1) & mask) {
            int v = entries[2 * slot + 1];
            if (v == 0) {
                entries[2 * slot] = h;
                entries[2 * slot + 1] = value + 1;
                size++;
                return FREE;
            }
            if (entries[2 * slot] == h) {
                String k = keys[v - 1];
                if (k == key || k.equals(key)) {
                    return v - 1;
                }
            }
        }
    }

    // ---- Filling a large index in cache-sized regions (see PartIndex) ----

    private static final int REGION_SHIFT = 12;

    /** How many regions of {@code 2^12} slots the table has: keys of one region probe there (mostly). */
    int regions() {
        return Math.max(1, (mask + 1) >>> REGION_SHIFT);
    }

    /** The region where a key of this {@link String#hashCode()} is looked for first. */
    int region(int hashCode) {
        return (spread(hashCode) & mask) >>> REGION_SHIFT;
    }

    /**
     * As {@link #putIfAbsent(String, int)} for the key {@code keys[value]}, which it reads only
     * when another key has the same hash.
     */
    int putIfAbsentAt(int hashCode, int value) {
        if (shared) {
            entries = entries.clone();
            shared = false;
        }
        if ((long) (size + 1) * 4 > (long) (mask + 1) * 3) {
            grow();
        }
        int h = spread(hashCode);
        for (int slot = h & mask; ; slot = (slot + 1) & mask) {
            int v = entries[2 * slot + 1];
            if (v == 0) {
                entries[2 * slot] = h;
                entries[2 * slot + 1] = value + 1;
                size++;
                return FREE;
            }
            if (entries[2 * slot] == h && keys[v - 1].equals(keys[value])) {
                return v - 1;
            }
        }
    }

    /**
     * The index of the first key with this {@link String#hashCode()}, or -1 when no key has it:
     * the index of the key wanted, unless another one has the same hash (the caller checks).
     */
    int candidate(int hashCode) {
        int h = spread(hashCode);
        for (int slot = h & mask; ; slot = (slot + 1) & mask) {
            int v = entries[2 * slot + 1];
            if (v == 0) {
                return FREE;
            }
            if (entries[2 * slot] == h) {
                return v - 1;
            }
        }
    }

    public int size() {
        return size;
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
     * The index of the key made of {@code chars[offset, offset + length)}, or -1.
     *
     * @param hashCode the characters' {@link #hash}
     */
    int get(char[] chars, int offset, int length, int hashCode) {
        int h = spread(hashCode);
        for (int slot = h & mask; ; slot = (slot + 1) & mask) {
            int v = entries[2 * slot + 1];
            if (v == 0) {
                return FREE;
            }
            if (entries[2 * slot] == h && sameChars(keys[v - 1], chars, offset, length)) {
                return v - 1;
            }
        }
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
        int[] old = entries;
        entries = new int[2 * old.length];
        mask = old.length - 1;
        for (int i = 0; i < old.length; i += 2) {
            if (old[i + 1] != 0) {
                int slot = old[i] & mask;
                while (entries[2 * slot + 1] != 0) {
                    slot = (slot + 1) & mask;
                }
                entries[2 * slot] = old[i];
                entries[2 * slot + 1] = old[i + 1];
            }
        }
    }

    /** String hashes of similar oids ("d1", "d2", ...) cluster; mix the bits before masking. */
    static int spread(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
