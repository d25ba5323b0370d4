package dlg.core.codec;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A dense n-dimensional array of numbers in C order, what a numpy {@code ndarray} holds: 64-bit
 * integers ({@link #ints}) or 64-bit floats ({@link #floats}), exactly one of them non-null. A
 * 0-dimensional array (empty shape) is a scalar.
 */
public record NdArray(int[] shape, long[] ints, double[] floats) {

    public NdArray {
        shape = shape.clone();
        if ((ints == null) == (floats == null)) {
            throw new IllegalArgumentException("exactly one of ints and floats must be given");
        }
        long size = sizeOf(shape);
        int length = ints != null ? ints.length : floats.length;
        if (size != length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + size
                    + " values, got " + length);
        }
    }

    public static NdArray ofLongs(int[] shape, long... values) {
        return new NdArray(shape, values, null);
    }

    public static NdArray ofDoubles(int[] shape, double... values) {
        return new NdArray(shape, null, values);
    }

    public boolean integral() {
        return ints != null;
    }

    public int size() {
        return ints != null ? ints.length : floats.length;
    }

    public int ndim() {
        return shape.length;
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    public double doubleAt(int i) {
        return ints != null ? ints[i] : floats[i];
    }

    public static long sizeOf(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /**
     * The array a Python value stands for, as {@code numpy.asarray} sees it: an int, float or bool
     * is a scalar, a (nested, rectangular) list or tuple of them an array; floats anywhere make
     * the whole array float.
     *
     * @throws IllegalArgumentException naming what is not a number or not rectangular
     */
    public static NdArray of(Object value) {
        List<Integer> shape = new ArrayList<>();
        Object v = value;
        while (v instanceof List<?> || v instanceof Object[]) {
            List<?> l = asList(v);
            shape.add(l.size());
            if (l.isEmpty()) {
                break;
            }
            v = l.getFirst();
        }
        int[] dims = shape.stream().mapToInt(Integer::intValue).toArray();
        int n = Math.toIntExact(sizeOf(dims));
        List<Object> flat = new ArrayList<>(n);
        flatten(value, dims, 0, flat);
        boolean integral = flat.stream().allMatch(x -> !(x instanceof Double || x instanceof Float));
        if (integral) {
            long[] out = new long[n];
            for (int i = 0; i < n; i++) {
                out[i] = flat.get(i) instanceof Boolean b ? (b ? 1 : 0) : ((Number) flat.get(i)).longValue();
            }
            return ofLongs(dims, out);
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = flat.get(i) instanceof Boolean b ? (b ? 1 : 0) : ((Number) flat.get(i)).doubleValue();
        }
        return ofDoubles(dims, out);
    }

    private static void flatten(Object v, int[] dims, int depth, List<Object> flat) {
        if (depth == dims.length) {
            if (v instanceof BigInteger big) {
                try {
                    flat.add(big.longValueExact());
                } catch (ArithmeticException e) {
                    throw new IllegalArgumentException("integer " + big + " does not fit 64 bits");
                }
            } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte
                    || v instanceof Double || v instanceof Float || v instanceof Boolean) {
                flat.add(v);
            } else {
                throw new IllegalArgumentException("not a number or a list of numbers: " + describe(v));
            }
            return;
        }
        if (!(v instanceof List<?> || v instanceof Object[])) {
            throw new IllegalArgumentException("not a rectangular array: " + describe(v) + " where a list of "
                    + dims[depth] + " was expected");
        }
        List<?> l = asList(v);
        if (l.size() != dims[depth]) {
            throw new IllegalArgumentException("not a rectangular array: a list of " + l.size()
                    + " where " + dims[depth] + " were expected");
        }
        for (Object x : l) {
            flatten(x, dims, depth + 1, flat);
        }
    }

    private static List<?> asList(Object v) {
        return v instanceof Object[] a ? Arrays.asList(a) : (List<?>) v;
    }

    private static String describe(Object v) {
        String s = String.valueOf(v);
        String shown = s.length() > 80 ? s.substring(0, 80) + "..." : s;
        return v == null ? "None" : v.getClass().getSimpleName() + " " + shown;
    }

    /** The Python value: a Long or Double for a scalar, else nested lists. */
    public Object toValue() {
        int[] pos = {0};
        return toValue(0, pos);
    }

    private Object toValue(int depth, int[] pos) {
        if (depth == shape.length) {
            int i = pos[0]++;
            return ints != null ? (Object) ints[i] : (Object) floats[i];
        }
        List<Object> l = new ArrayList<>(shape[depth]);
        for (int k = 0; k < shape[depth]; k++) {
            l.add(toValue(depth + 1, pos));
        }
        return l;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NdArray a && Arrays.equals(shape, a.shape) && Arrays.equals(ints, a.ints)
                && Arrays.equals(floats, a.floats);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + (ints != null ? Arrays.hashCode(ints) : Arrays.hashCode(floats));
    }

    @Override
    public String toString() {
        return "NdArray" + Arrays.toString(shape) + (ints != null ? "i" : "f") + "=" + toValue();
    }
}
