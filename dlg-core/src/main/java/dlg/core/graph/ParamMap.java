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
}
