package dlg.manager.repro;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Python's {@code str()} and {@code repr()} of JSON values, because DALiuGE hashes them: merklelib
 * turns every leaf that is not bytes or str into bytes with {@code str(leaf).encode()}, and the
 * leaves of a drop's data are the {@code (key, value)} tuples of {@code dict.items()}, so
 * {@code {"status": 2}} is hashed as the text {@code ('status', 2)}. One character off and no
 * signature matches DALiuGE's.
 *
 * <p>Values are what Jackson reads JSON into (String, Integer, Long, BigInteger, Double,
 * BigDecimal, Boolean, null, List, Map) plus byte arrays (Python bytes).
 */
final class PyRepr {

    private PyRepr() {
    }

    /** What merklelib hashes for a leaf: bytes as they are, a str's UTF-8, else {@code str(leaf)}'s. */
    static byte[] leafBytes(Object leaf) {
        if (leaf instanceof byte[] b) {
            return b;
        }
        String s = leaf instanceof String str ? str : repr(leaf); // str() is repr() for every other JSON value
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Python's {@code str((key, value))}: how {@code dict.items()} leaves are hashed. */
    static String item(String key, Object value) {
        return "(" + repr(key) + ", " + repr(value) + ")";
    }

    static String repr(Object v) {
        StringBuilder out = new StringBuilder();
        repr(v, out);
        return out.toString();
    }

    private static void repr(Object v, StringBuilder out) {
        switch (v) {
            case null -> out.append("None");
            case String s -> string(s, out);
            case Boolean b -> out.append(b ? "True" : "False");
            case Integer i -> out.append(i);
            case Long l -> out.append(l);
            case BigInteger b -> out.append(b);
            case Short s -> out.append(s);
            case Double d -> out.append(floatRepr(d));
            case Float f -> out.append(floatRepr(f.doubleValue()));
            case BigDecimal b -> out.append(floatRepr(b.doubleValue())); // Python reads any JSON fraction as a float
            case byte[] b -> bytes(b, out);
            case List<?> list -> {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) {
                        out.append(", ");
                    }
                    repr(list.get(i), out);
                }
                out.append(']');
            }
            case Map<?, ?> map -> {
                out.append('{');
                boolean first = true;
                for (var e : map.entrySet()) {
                    if (!first) {
                        out.append(", ");
                    }
                    first = false;
                    repr(e.getKey(), out);
                    out.append(": ");
                    repr(e.getValue(), out);
                }
                out.append('}');
            }
            default -> throw new IllegalArgumentException("no Python form for " + v.getClass().getName());
        }
    }

    /** {@code repr(str)}: single quotes unless the text has ' and no ", escapes as CPython writes them. */
    private static void string(String s, StringBuilder out) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        out.append(quote);
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            if (c == quote || c == '\\') {
                out.append('\\').appendCodePoint(c);
            } else if (c == '\t') {
                out.append("\\t");
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\x%02x", c));
            } else if (c < 0x7f || isPrintable(c)) {
                out.appendCodePoint(c);
            } else if (c <= 0xff) {
                out.append(String.format("\\x%02x", c));
            } else if (c <= 0xffff) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.append(String.format("\\U%08x", c));
            }
        }
        out.append(quote);
    }

    /** Python's {@code str.isprintable()} for one character: not a control, format, separator (but space) or unassigned one. */
    private static boolean isPrintable(int c) {
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
                 Character.UNASSIGNED, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                 Character.SPACE_SEPARATOR -> c == ' ';
            default -> true;
        };
    }

    private static void bytes(byte[] b, StringBuilder out) {
        boolean hasSingle = false;
        boolean hasDouble = false;
        for (byte x : b) {
            hasSingle |= x == '\'';
            hasDouble |= x == '"';
        }
        char quote = hasSingle && !hasDouble ? '"' : '\'';
        out.append('b').append(quote);
        for (byte x : b) {
            int c = x & 0xff;
            if (c == quote || c == '\\') {
                out.append('\\').append((char) c);
            } else if (c == '\t') {
                out.append("\\t");
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c < 0x20 || c >= 0x7f) {
                out.append(String.format("\\x%02x", c));
            } else {
                out.append((char) c);
            }
        }
        out.append(quote);
    }

    /**
     * {@code repr(float)}: the shortest digits that read back to the same double (Java's
     * {@link Double#toString} finds the same ones), written positionally when the decimal exponent
     * is in [-4, 16), else as {@code 1e+16} / {@code 1.5e-05}; {@code inf}, {@code nan}.
     */
    static String floatRepr(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0.0" : "0.0";
        }
        BigDecimal exact = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
        String digits = exact.unscaledValue().toString();
        int decpt = digits.length() - exact.scale(); // value = 0.digits * 10^decpt
        StringBuilder out = new StringBuilder(d < 0 ? "-" : "");
        if (decpt > -4 && decpt <= 16) {
            if (decpt <= 0) {
                out.append("0.").append("0".repeat(-decpt)).append(digits);
            } else if (decpt >= digits.length()) {
                out.append(digits).append("0".repeat(decpt - digits.length())).append(".0");
            } else {
                out.append(digits, 0, decpt).append('.').append(digits, decpt, digits.length());
            }
        } else {
            out.append(digits.charAt(0));
            if (digits.length() > 1) {
                out.append('.').append(digits, 1, digits.length());
            }
            int exp = decpt - 1;
            out.append('e').append(exp < 0 ? '-' : '+');
            String e = Integer.toString(Math.abs(exp));
            out.append(e.length() < 2 ? "0" + e : e);
        }
        return out.toString();
    }
}
