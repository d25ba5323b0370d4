package dlg.core.codec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

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
            case String s -> quote(s, false);
            case Double d -> floatRepr(d);
            case Float f -> floatRepr(f.doubleValue());
            case BigDecimal b -> floatRepr(b.doubleValue());
            case Integer i -> i.toString();
            case Long l -> l.toString();
            case BigInteger b -> b.toString();
            case Map<?, ?> m -> join(m);
            case Set<?> s -> s.isEmpty() ? "set()" : "{" + join(s.iterator()) + "}";
            case Collection<?> c -> "[" + join(c.iterator()) + "]";
            case Object[] a -> "(" + join(java.util.Arrays.asList(a).iterator()) + (a.length == 1 ? ",)" : ")");
            case byte[] b -> "b" + quote(new String(b, java.nio.charset.StandardCharsets.ISO_8859_1), true);
            default -> v.toString();
        };
    }

    /** Python's float repr: the shortest digits that read back, positional for exponents -4..15. */
    private static String floatRepr(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        String sign = d < 0 || (d == 0 && 1 / d < 0) ? "-" : "";
        // Double.toString gives the shortest digits that round-trip, as Python's repr does
        BigDecimal digits = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
        if (digits.precision() == 2) { // Java never gives one digit where Python may (4.9e-324 is 5e-324)
            BigDecimal one = digits.round(new MathContext(1, RoundingMode.HALF_EVEN));
            if (Double.parseDouble(one.toString()) == Math.abs(d)) {
                digits = one.stripTrailingZeros();
            }
        }
        String unscaled = digits.unscaledValue().toString();
        int exponent = unscaled.length() - 1 - digits.scale(); // of the first significant digit
        if (exponent < -4 || exponent >= 16) {
            String mantissa = unscaled.length() == 1 ? unscaled : unscaled.charAt(0) + "." + unscaled.substring(1);
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (Math.abs(exponent) < 10 ? "0" : "")
                    + Math.abs(exponent);
        }
        String plain = digits.toPlainString();
        return sign + (plain.indexOf('.') < 0 ? plain + ".0" : plain);
    }

    /**
     * Python's quoting of str and bytes: single quotes unless the text holds a single quote and
     * no double quote; backslash escapes for the quote, the backslash and what Python deems not
     * printable (controls, separators but the space, unassigned; for bytes all but printable ASCII).
     */
    private static String quote(String s, boolean bytes) {
        char q = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder b = new StringBuilder(s.length() + 2).append(q);
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c == q) {
                        b.append('\\').append((char) c);
                    } else if (bytes ? c < 0x20 || c >= 0x7f : !isPrintable(c)) {
                        b.append(c < 0x100 ? String.format("\\x%02x", c)
                                : c < 0x10000 ? String.format("\\u%04x", c) : String.format("\\U%08x", c));
                    } else {
                        b.appendCodePoint(c);
                    }
                }
            }
        }
        return b.append(q).toString();
    }

    /** Python's {@code str.isprintable()} for one character. */
    private static boolean isPrintable(int c) {
        if (c == ' ') {
            return true;
        }
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
                 Character.UNASSIGNED, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                 Character.SPACE_SEPARATOR -> false;
            default -> true;
        };
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
