package dlg.core.apps;

import dlg.core.app.AppContext;
import dlg.core.app.Application;
import dlg.core.app.DataDrop;
import dlg.core.app.ParamSpec;
import dlg.core.codec.NdArray;
import dlg.core.codec.Npy;
import dlg.core.codec.Pickles;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code dlg.apps.simple.GenericNpyGatherApp}: combines its inputs, in order, with a numpy
 * function and writes the result as npy to every output. {@code sum}, {@code prod}, {@code max}
 * and {@code min} first reduce each input over {@code reduce_axes} (all axes when None), then
 * combine the reduced inputs element-wise with {@code add}, {@code multiply}, {@code maximum} or
 * {@code minimum}; those four names combine the inputs as they are (shapes must broadcast).
 *
 * <p>Inputs are read as DALiuGE reads them ({@code numpy.load} with pickles allowed): npy data, or
 * a pickle of a number or a (nested) list of numbers, which is what dlg's apps write. A pickled
 * numpy array cannot be read here (dlg runs no numpy): such an input fails with that message.
 * DALiuGE's numpy refuses a list for {@code reduce_axes}; dlg takes it as numpy takes a tuple.
 */
public final class GenericNpyGatherApp implements Application {

    public static final ParamSpec FUNCTION = ParamSpec.ofString("function", "sum");
    /** Read raw: {@code None}, an axis, or a list of axes, as a value or as Python text. */
    public static final String REDUCE_AXES = "reduce_axes";
    public static final List<ParamSpec> PARAMS = List.of(FUNCTION);
    public static final GenericNpyGatherApp INSTANCE = new GenericNpyGatherApp();

    /** DALiuGE's function names: a reduction then its gathering ufunc, or a gathering ufunc alone. */
    private static final Map<String, NdMath> REDUCTIONS = Map.of(
            "sum", NdMath.ADD, "prod", NdMath.MULTIPLY, "max", NdMath.MAXIMUM, "min", NdMath.MINIMUM);
    private static final Map<String, NdMath> GATHERS = Map.of(
            "add", NdMath.ADD, "multiply", NdMath.MULTIPLY, "maximum", NdMath.MAXIMUM, "minimum", NdMath.MINIMUM);

    @Override
    public void run(AppContext ctx) throws IOException {
        if (ctx.inputs().isEmpty()) {
            throw new IllegalArgumentException("GenericNpyGatherApp needs at least one input");
        }
        if (ctx.outputs().isEmpty()) {
            throw new IllegalArgumentException("GenericNpyGatherApp needs at least one output");
        }
        String function = ctx.stringParam(FUNCTION);
        NdMath reduction = REDUCTIONS.get(function);
        NdMath gather = reduction != null ? reduction : GATHERS.get(function);
        if (gather == null) {
            throw new IllegalArgumentException("function '" + function + "' is not supported; use one of "
                    + "sum, prod, max, min, add, multiply, maximum, minimum");
        }
        int[] axes = reduction == null ? null : axes(ctx.param(REDUCE_AXES));
        NdArray result = null;
        for (DataDrop in : ctx.inputs()) {
            NdArray data = read(in);
            if (reduction != null) {
                data = reduction.reduce(data, axes);
            }
            result = result == null ? data : gather.apply(result, data);
        }
        byte[] npy = Npy.write(result);
        for (DataDrop out : ctx.outputs()) {
            out.write(npy);
        }
    }

    /** An input's array: npy, or a pickle of numbers or lists of numbers. */
    static NdArray read(DataDrop in) throws IOException {
        byte[] data = in.readAll();
        try {
            if (Npy.looksNpy(data)) {
                return Npy.read(data);
            }
            Object value;
            try {
                value = Pickles.loads(data);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("neither npy data nor a readable pickle ("
                        + e.getMessage() + "); a pickled numpy array is not supported, save it with numpy.save"
                        + " (npy) or pickle a list", e);
            }
            try {
                return NdArray.of(value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the pickled value is not supported: " + e.getMessage()
                        + " (dlg reads numbers and lists of numbers; a pickled numpy array is not supported,"
                        + " save it with numpy.save (npy) instead)", e);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("input '" + in.oid() + "': " + e.getMessage(), e);
        }
    }

    /** {@code reduce_axes}: null for all axes. */
    static int[] axes(Object raw) {
        if (raw == null) {
            return null;
        }
        if (raw instanceof Number n) {
            return new int[] {Math.toIntExact(n.longValue())};
        }
        if (raw instanceof List<?> l) {
            int[] axes = new int[l.size()];
            for (int i = 0; i < axes.length; i++) {
                if (!(l.get(i) instanceof Number n) || n.doubleValue() != n.longValue()) {
                    throw new IllegalArgumentException("reduce_axes: not an axis: " + l.get(i));
                }
                axes[i] = Math.toIntExact(n.longValue());
            }
            return axes;
        }
        String s = raw.toString().strip();
        if (s.isEmpty() || s.equals("None") || s.toLowerCase(Locale.ROOT).equals("null")) {
            return null;
        }
        if ((s.startsWith("[") && s.endsWith("]")) || (s.startsWith("(") && s.endsWith(")"))) {
            s = s.substring(1, s.length() - 1);
        }
        try {
            return Arrays.stream(s.split(",")).map(String::strip).filter(x -> !x.isEmpty())
                    .mapToInt(Integer::parseInt).toArray();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("reduce_axes must be None, an axis or a list of axes: '" + raw + "'");
        }
    }
}
