package dlg.core.app;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The types of drop parameters, with the conversions DALiuGE's graphs need: numbers often arrive
 * as strings ({@code "low": "0"}), booleans as {@code "1"}, {@code "False"} or {@code 0}. An empty
 * string or null means "not set" (the default applies).
 */
public enum ParamType {
    INT {
        @Override
        Object parse(Object raw) {
            if (raw instanceof Long || raw instanceof Integer || raw instanceof Short || raw instanceof Byte) {
                return ((Number) raw).longValue();
            }
            if (raw instanceof Number || raw instanceof String) {
                // exact: a fraction, NaN or a value beyond a long is refused, never rounded or clamped
                try {
                    return new BigDecimal(raw.toString().trim()).longValueExact();
                } catch (ArithmeticException | NumberFormatException e) {
                    throw new IllegalArgumentException("not an integer: " + quoted(raw));
                }
            }
            throw new IllegalArgumentException("not an integer: " + raw);
        }
    },
    FLOAT {
        @Override
        Object parse(Object raw) {
            if (raw instanceof Number n) {
                return n.doubleValue();
            }
            if (raw instanceof String s) {
                return parseFloat(s);
            }
            throw new IllegalArgumentException("not a number: " + raw);
        }
    },
    BOOL {
        @Override
        Object parse(Object raw) {
            if (raw instanceof Boolean b) {
                return b;
            }
            if (raw instanceof Number n) {
                return n.doubleValue() != 0;
            }
            if (raw instanceof String s) {
                return switch (s.trim().toLowerCase(Locale.ROOT)) {
                    case "1", "true", "yes", "on" -> true;
                    case "0", "false", "no", "off", "none" -> false;
                    default -> throw new IllegalArgumentException("not a boolean: '" + s + "'");
                };
            }
            throw new IllegalArgumentException("not a boolean: " + raw);
        }
    },
    STRING {
        @Override
        Object parse(Object raw) {
            if (raw instanceof String || raw instanceof Number || raw instanceof Boolean) {
                return raw.toString();
            }
            throw new IllegalArgumentException("not a string: " + raw);
        }
    };

    /**
     * Converts a raw spec value: Long for INT, Double for FLOAT, Boolean for BOOL, String for
     * STRING; null when unset.
     *
     * @throws IllegalArgumentException naming the value when it has the wrong type
     */
    public Object convert(Object raw) {
        if (raw == null || (raw instanceof String s && s.isEmpty())) {
            return null;
        }
        return parse(raw);
    }

    abstract Object parse(Object raw);

    /** Decimal notation as Python's {@code float()} reads it; not Java's extras ({@code 1f}, {@code 0x1p3}). */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private static double parseFloat(String s) {
        String t = s.trim();
        switch (t.toLowerCase(Locale.ROOT)) {
            case "nan", "+nan", "-nan" -> {
                return Double.NaN;
            }
            case "inf", "+inf", "infinity", "+infinity" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-inf", "-infinity" -> {
                return Double.NEGATIVE_INFINITY;
            }
            default -> {
                if (!DECIMAL.matcher(t).matches()) {
                    throw new IllegalArgumentException("not a number: '" + s + "'");
                }
                return Double.parseDouble(t);
            }
        }
    }

    private static String quoted(Object raw) {
        return raw instanceof String s ? "'" + s + "'" : raw.toString();
    }
}
