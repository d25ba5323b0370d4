package dlg.core.codec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/**
 * Python's {@code str()} of unpickled values, for placing them into command lines and messages
 * the way DALiuGE does ({@code 2048}, {@code 0.5}, {@code True}, {@code None}, {@code [1, 2]}).
 */
public final class PyStr {

    private PyStr() {
    }

    public static String str(Object v) {
        return v instanceof String s ? s : repr(v);
    }

    public static String repr(Object v) {
        return switch (v) {
            case null -> "None";
            case Boolean b -> b ? "True" : "False";
            case String s -> "'" + s.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "'";
            case Double d -> floatRepr(d);
            case Float f -> floatRepr(f.doubleValue());
            case BigDecimal b -> floatRepr(b.doubleValue());
            case Integer i -> i.toString();
            case Long l -> l.toString();
            case BigInteger b -> b.toString();
            case Map<?, ?> m -> join(m);
            case Collection<?> c -> "[" + join(c.iterator()) + "]";
            case Object[] a -> "(" + join(java.util.Arrays.asList(a).iterator()) + (a.length == 1 ? ",)" : ")");
            case byte[] b -> "b'" + new String(b, java.nio.charset.StandardCharsets.ISO_8859_1) + "'";
            default -> v.toString();
        };
    }

    private static String floatRepr(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e16) {
            return String.format("%.1f", d);
        }
        String s = Double.toString(d); // shortest round-trip digits, like Python's repr
        int e = s.indexOf('E');
        if (e < 0) {
            return s;
        }
        String mantissa = s.substring(0, e).replaceAll("\\.0$", "");
        int exp = Integer.parseInt(s.substring(e + 1));
        return mantissa + "e" + (exp < 0 ? "-" : "+") + String.format("%02d", Math.abs(exp));
    }

    private static String join(Iterator<?> it) {
        StringBuilder b = new StringBuilder();
        while (it.hasNext()) {
            b.append(repr(it.next()));
            if (it.hasNext()) {
                b.append(", ");
            }
        }
        return b.toString();
    }

    private static String join(Map<?, ?> m) {
        StringBuilder b = new StringBuilder("{");
        Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator();
        while (it.hasNext()) {
            var e = it.next();
            b.append(repr(e.getKey())).append(": ").append(repr(e.getValue()));
            if (it.hasNext()) {
                b.append(", ");
            }
        }
        return b.append('}').toString();
    }
}
