package dlg.core.graph;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * The extra parameters of a drop spec: an immutable, insertion-ordered map backed by one array.
 * Millions of drops each carry one, so it must be far smaller than a HashMap; it allows null
 * values (JSON nulls) and finds keys by a linear scan (specs have a handful of keys).
 */
public final class ParamMap extends AbstractMap<String, Object> {

    private static final ParamMap EMPTY = new ParamMap(new Object[0]);

    /** Keys at even, values at odd indexes. */
    private final Object[] entries;

    private ParamMap(Object[] entries) {
        this.entries = entries;
    }

    public static ParamMap of() {
        return EMPTY;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Object get(Object key) {
        for (int i = 0; i < entries.length; i += 2) {
            if (entries[i].equals(key)) {
                return entries[i + 1];
            }
        }
        return null;
    }

    @Override
    public boolean containsKey(Object key) {
        for (int i = 0; i < entries.length; i += 2) {
            if (entries[i].equals(key)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int size() {
        return entries.length / 2;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int i;

                    @Override
                    public boolean hasNext() {
                        return i < entries.length;
                    }

                    @Override
                    public Entry<String, Object> next() {
                        if (i >= entries.length) {
                            throw new NoSuchElementException();
                        }
                        var e = new SimpleImmutableEntry<>((String) entries[i], entries[i + 1]);
                        i += 2;
                        return e;
                    }
                };
            }

            @Override
            public int size() {
                return entries.length / 2;
            }
        };
    }

    /** Collects entries; a key put twice keeps its first position and its last value (as JSON does). */
    public static final class Builder {
        private Object[] entries = new Object[8];
        private int size;

        public Builder put(String key, Object value) {
            Objects.requireNonNull(key, "key");
            for (int i = 0; i < size; i += 2) {
                if (entries[i].equals(key)) {
                    entries[i + 1] = value;
                    return this;
                }
            }
            if (size == entries.length) {
                entries = Arrays.copyOf(entries, size * 2);
            }
            entries[size++] = key;
            entries[size++] = value;
            return this;
        }

        public ParamMap build() {
            return size == 0 ? EMPTY : new ParamMap(Arrays.copyOf(entries, size));
        }

        /** Empties the builder, so that the reader uses one for every drop. */
        void clear() {
            Arrays.fill(entries, 0, size, null);
            size = 0;
        }
    }

    /**
     * Builds maps as {@link Builder#build()} does, but returns the same instance for equal small
     * maps of plain values: thousands of drops of one kind often have the very same parameters
     * (a {@code sleep_time} of 0), and immutable maps can be shared. Keeps at most
     * {@value #MAX_SHARED} maps. Not thread-safe: one per reader.
     */
    static final class Sharing {
        static final int MAX_SHARED = 4096;
        private static final int MAX_ENTRIES = 8;
        private static final int MAX_STRING = 64;

        private ParamMap[] table = new ParamMap[64];
        private int[] hashes = new int[64];
        private int shared;

        ParamMap build(Builder b) {
            if (b.size == 0) {
                return EMPTY;
            }
            if (b.size > 2 * MAX_ENTRIES) {
                return b.build();
            }
            int h = 1;
            for (int i = 0; i < b.size; i++) {
                Object o = b.entries[i];
                if (!isPlain(o)) {
                    return b.build();
                }
                h = 31 * h + (o == null ? 0 : o.hashCode());
            }
            int mask = table.length - 1;
            int slot = h & mask;
            for (ParamMap m = table[slot]; m != null; m = table[slot = (slot + 1) & mask]) {
                if (hashes[slot] == h && Arrays.equals(m.entries, 0, m.entries.length, b.entries, 0, b.size)) {
                    return m;
                }
            }
            ParamMap m = b.build();
            if (shared < MAX_SHARED) {
                table[slot] = m;
                hashes[slot] = h;
                if (++shared * 2 > table.length) {
                    grow();
                }
            }
            return m;
        }

        /** Keys, and values that equal each other only when interchangeable. */
        private static boolean isPlain(Object o) {
            return o == null || o instanceof Integer || o instanceof Long || o instanceof Boolean
                    || o instanceof Double || o instanceof String s && s.length() <= MAX_STRING;
        }

        private void grow() {
            ParamMap[] oldTable = table;
            int[] oldHashes = hashes;
            table = new ParamMap[oldTable.length * 2];
            hashes = new int[table.length];
            int mask = table.length - 1;
            for (int i = 0; i < oldTable.length; i++) {
                if (oldTable[i] != null) {
                    int slot = oldHashes[i] & mask;
                    while (table[slot] != null) {
                        slot = (slot + 1) & mask;
                    }
                    table[slot] = oldTable[i];
                    hashes[slot] = oldHashes[i];
                }
            }
        }
    }
}
