package dlg.core.app;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * The types of drop parameters, with the conversions DALiuGE's graphs need: numbers often arrive
 * as strings ({@code "low": "0"}), booleans as {@code "1"}, {@code "False"} or {@code 0}. An empty
 * string or null means "not set" (the default applies).
 */
public enum ParamType {
    INT {
        @Override
        Object parse(Object raw) {
            if (raw instanceof Number n) {
                double d = n.doubleValue();
                if (d != Math.rint(d) || Double.isInfinite(d)) {
                    throw new IllegalArgumentException("not an integer: " + raw);
                }
                return n.longValue();
            }
            if (raw instanceof String s) {
                try {
                    return new BigDecimal(s.trim()).longValueExact();
                } catch (ArithmeticException | NumberFormatException e) {
                    throw new IllegalArgumentException("not an integer: '" + s + "'");
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
                try {
                    return Double.parseDouble(s.trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("not a number: '" + s + "'");
                }
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
}
