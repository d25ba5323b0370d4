package dlg.core.runtime;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A drop's list of linked drops held as one object: none (null or an empty array), one (the drop
 * itself) or several (an array). Most drops link to one other on each side, and a one-element
 * array each made millions of live objects in large graphs, every one a copy for the collector.
 */
final class OneOrMany {

    private OneOrMany() {
    }

    /** What to hold for {@code items}: its only element, or the array itself (kept, not copied). */
    static Object of(Object[] items) {
        return items.length == 1 ? items[0] : items;
    }

    static int count(Object held) {
        return held instanceof Object[] several ? several.length : held == null ? 0 : 1;
    }

    /** Item {@code k} (0 to {@link #count} - 1). */
    @SuppressWarnings("unchecked")
    static <T> T at(Object held, int k) {
        if (held instanceof Object[] several) {
            return (T) several[k];
        }
        Objects.checkIndex(k, count(held));
        return (T) held;
    }

    /** What to hold for the items held followed by {@code more}; {@code empty} gives the array's type. */
    static <T> Object append(Object held, T[] more, T[] empty) {
        T[] mine = array(held, empty);
        T[] all = Arrays.copyOf(mine, mine.length + more.length);
        System.arraycopy(more, 0, all, mine.length, more.length);
        return of(all);
    }

    /** The items as an unmodifiable list. */
    @SuppressWarnings("unchecked")
    static <T> List<T> list(Object held) {
        if (held instanceof Object[] several) {
            return Collections.unmodifiableList(Arrays.asList((T[]) several));
        }
        return held == null ? List.of() : List.of((T) held);
    }

    /** The items as a new array of {@code empty}'s type, or the held array itself. */
    @SuppressWarnings("unchecked")
    static <T> T[] array(Object held, T[] empty) {
        if (held instanceof Object[] several) {
            return (T[]) several;
        }
        if (held == null) {
            return empty;
        }
        T[] one = Arrays.copyOf(empty, 1);
        one[0] = (T) held;
        return one;
    }
}
