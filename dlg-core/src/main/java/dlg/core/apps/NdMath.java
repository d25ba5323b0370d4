package dlg.core.apps;

import dlg.core.codec.NdArray;
import java.util.Arrays;
import java.util.BitSet;

/**
 * numpy's element-wise binary ufuncs ({@code add}, {@code multiply}, {@code maximum},
 * {@code minimum}) with broadcasting, and their reductions over axes ({@code sum}, {@code prod},
 * {@code max}, {@code min}). Integers stay integers (wrapping on overflow, as numpy's int64 does);
 * one float operand makes the result float; NaN propagates through maximum and minimum.
 */
enum NdMath {
    ADD("add", 0, 0) {
        @Override
        long apply(long a, long b) {
            return a + b;
        }

        @Override
        double apply(double a, double b) {
            return a + b;
        }
    },
    MULTIPLY("multiply", 1, 1) {
        @Override
        long apply(long a, long b) {
            return a * b;
        }

        @Override
        double apply(double a, double b) {
            return a * b;
        }
    },
    MAXIMUM("maximum", null, null) {
        @Override
        long apply(long a, long b) {
            return Math.max(a, b);
        }

        @Override
        double apply(double a, double b) {
            return Math.max(a, b);
        }
    },
    MINIMUM("minimum", null, null) {
        @Override
        long apply(long a, long b) {
            return Math.min(a, b);
        }

        @Override
        double apply(double a, double b) {
            return Math.min(a, b);
        }
    };

    final String ufunc;
    private final Long intIdentity;
    private final Double floatIdentity;

    NdMath(String ufunc, Integer intIdentity, Integer floatIdentity) {
        this.ufunc = ufunc;
        this.intIdentity = intIdentity == null ? null : (long) intIdentity;
        this.floatIdentity = floatIdentity == null ? null : (double) floatIdentity;
    }

    abstract long apply(long a, long b);

    abstract double apply(double a, double b);

    /** {@code numpy.<ufunc>(a, b)}: element-wise, the shapes broadcast as numpy broadcasts them. */
    NdArray apply(NdArray a, NdArray b) {
        int[] sa = a.shape();
        int[] sb = b.shape();
        int nd = Math.max(sa.length, sb.length);
        int[] out = new int[nd];
        int[] strideA = new int[nd];
        int[] strideB = new int[nd];
        int ka = 1;
        int kb = 1;
        for (int d = nd - 1; d >= 0; d--) {
            int da = d - (nd - sa.length) >= 0 ? sa[d - (nd - sa.length)] : 1;
            int db = d - (nd - sb.length) >= 0 ? sb[d - (nd - sb.length)] : 1;
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException("operands could not be broadcast together with shapes "
                        + Arrays.toString(sa) + " " + Arrays.toString(sb));
            }
            out[d] = da == 1 ? db : da;
            strideA[d] = da == 1 ? 0 : ka;
            strideB[d] = db == 1 ? 0 : kb;
            ka *= da;
            kb *= db;
        }
        int n = Math.toIntExact(NdArray.sizeOf(out));
        boolean integral = a.integral() && b.integral();
        long[] li = integral ? new long[n] : null;
        double[] lf = integral ? null : new double[n];
        int[] idx = new int[nd];
        int ia = 0;
        int ib = 0;
        for (int i = 0; i < n; i++) {
            if (integral) {
                li[i] = apply(a.ints()[ia], b.ints()[ib]);
            } else {
                lf[i] = apply(a.doubleAt(ia), b.doubleAt(ib));
            }
            for (int d = nd - 1; d >= 0; d--) {
                ia += strideA[d];
                ib += strideB[d];
                if (++idx[d] < out[d]) {
                    break;
                }
                ia -= strideA[d] * out[d];
                ib -= strideB[d] * out[d];
                idx[d] = 0;
            }
        }
        return new NdArray(out, li, lf);
    }

    /**
     * {@code numpy.<reduction>(a, axis=axes)}: the reduction over the given axes (all of them when
     * {@code axes} is null, giving a scalar).
     *
     * @throws IllegalArgumentException for an axis out of range or repeated, or an empty reduction
     *     without identity (max, min)
     */
    NdArray reduce(NdArray a, int[] axes) {
        int[] shape = a.shape();
        BitSet reduced = new BitSet();
        if (axes == null) {
            reduced.set(0, shape.length);
        } else {
            for (int ax : axes) {
                int d = ax < 0 ? ax + shape.length : ax;
                if (d < 0 || d >= shape.length) {
                    throw new IllegalArgumentException("axis " + ax + " is out of bounds for array of dimension "
                            + shape.length);
                }
                if (reduced.get(d)) {
                    throw new IllegalArgumentException("duplicate value in 'axis'");
                }
                reduced.set(d);
            }
        }
        int[] out = new int[shape.length - reduced.cardinality()];
        int[] stride = new int[shape.length];
        int k = 1;
        for (int d = shape.length - 1, o = out.length - 1; d >= 0; d--) {
            if (!reduced.get(d)) {
                out[o--] = shape[d];
                stride[d] = k;
                k *= shape[d];
            }
        }
        int n = Math.toIntExact(NdArray.sizeOf(out));
        if (a.size() == 0 && n > 0 && intIdentity == null) {
            throw new IllegalArgumentException("zero-size array to reduction operation " + ufunc
                    + " which has no identity");
        }
        BitSet seen = new BitSet(n);
        long[] li = a.integral() ? new long[n] : null;
        double[] lf = a.integral() ? null : new double[n];
        if (intIdentity != null) {
            seen.set(0, n);
            if (li != null) {
                Arrays.fill(li, intIdentity);
            } else {
                Arrays.fill(lf, floatIdentity);
            }
        }
        int[] idx = new int[shape.length];
        int target = 0;
        for (int i = 0; i < a.size(); i++) {
            if (li != null) {
                li[target] = seen.get(target) ? apply(li[target], a.ints()[i]) : a.ints()[i];
            } else {
                lf[target] = seen.get(target) ? apply(lf[target], a.floats()[i]) : a.floats()[i];
            }
            seen.set(target);
            for (int d = shape.length - 1; d >= 0; d--) {
                target += stride[d];
                if (++idx[d] < shape[d]) {
                    break;
                }
                target -= stride[d] * shape[d];
                idx[d] = 0;
            }
        }
        return new NdArray(out, li, lf);
    }
}
