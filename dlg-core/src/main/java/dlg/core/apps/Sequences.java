package dlg.core.apps;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Unpickled values seen as sequences, the way numpy's {@code np.array(x)} would see them. */
final class Sequences {

    private Sequences() {
    }

    /** Lists and tuples as they are, primitive arrays boxed, a scalar as a one-element list. */
    static List<?> of(Object value) {
        return switch (value) {
            case List<?> l -> l;
            case Object[] a -> Arrays.asList(a);
            case int[] a -> Arrays.stream(a).boxed().toList();
            case long[] a -> Arrays.stream(a).boxed().toList();
            case double[] a -> Arrays.stream(a).boxed().toList();
            case null -> List.of();
            default -> {
                List<Object> one = new ArrayList<>(1);
                one.add(value);
                yield one;
            }
        };
    }
}
