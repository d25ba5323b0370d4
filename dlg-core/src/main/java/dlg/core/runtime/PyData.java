package dlg.core.runtime;

import dlg.core.codec.Pickles;
import dlg.core.graph.AppArg;
import dlg.core.graph.DropSpec;
import dlg.core.graph.GraphReader;
import dlg.core.graph.RawJson;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The initial content of an InMemoryDROP from its {@code pydata} parameter, as DALiuGE stores it:
 * strings as their UTF-8 text, numbers, booleans, lists and dicts as pickles, and {@code Object}
 * values (base64 pickles written by EAGLE) as the pickle bytes themselves.
 */
final class PyData {

    private PyData() {
    }

    /** @return the bytes, or null when the drop has no initial data */
    static byte[] initialBytes(DropSpec spec) {
        Object v = spec.param("pydata");
        if (v == null || "".equals(v) || "None".equals(v)) {
            return null;
        }
        AppArg arg = spec.appArgs().get("pydata");
        String type = arg == null || arg.type() == null ? "" : arg.type().toLowerCase(Locale.ROOT);
        if (v instanceof RawJson raw) {
            Object parsed = GraphReader.parseValue(raw);
            if (parsed instanceof Map<?, ?> m && m.size() == 2 && m.containsKey("value")
                    && m.get("type") instanceof String t) {
                return typedValue(spec, m.get("value"), t);
            }
            return Pickles.dumps(parsed);
        }
        if (v instanceof String s) {
            return switch (type) {
                case "int", "integer" -> Pickles.dumps(parseLong(spec, s));
                case "float" -> Pickles.dumps(parseDouble(spec, s));
                case "bool", "boolean" -> Pickles.dumps(!s.isEmpty() && !s.equalsIgnoreCase("false") && !s.equals("0"));
                case "json", "list", "dict" -> Pickles.dumps(GraphReader.parseValue(new RawJson(s)));
                default -> type.startsWith("object") || type.equals("raw") ? base64(spec, s)
                        : s.getBytes(StandardCharsets.UTF_8);
            };
        }
        return Pickles.dumps(v); // a JSON number or boolean
    }

    /**
     * DALiuGE's own form {@code {"value": v, "type": t}} (what its {@code parse_pydata} makes, e.g.
     * in the graphs {@code dlg.dask_emulation} sends): the value converted as its type says, then
     * pickled, as DALiuGE's InMemoryDROP does.
     */
    private static byte[] typedValue(DropSpec spec, Object value, String type) {
        String t = type.toLowerCase(Locale.ROOT);
        if (value == null || "None".equals(value) || "".equals(value)) {
            return t.equals("str") || t.equals("string") ? Pickles.dumps("") : null;
        }
        String text = value instanceof String s ? s : null;
        return switch (t) {
            case "int", "integer" -> Pickles.dumps(value instanceof Number n ? n.longValue() : parseLong(spec, String.valueOf(value)));
            case "float" -> Pickles.dumps(value instanceof Number n ? n.doubleValue() : parseDouble(spec, String.valueOf(value)));
            case "bool", "boolean" -> Pickles.dumps(truthy(value)); // Python's bool(): "False" is true
            case "json" -> Pickles.dumps(text != null ? GraphReader.parseValue(new RawJson(text)) : value);
            case "raw" -> base64(spec, String.valueOf(value));
            case "eval" -> throw new IllegalArgumentException("pydata of type 'eval' needs Python to evaluate '"
                    + value + "': give its value with a type such as json, int or float");
            case "str", "string", "list", "dict" -> Pickles.dumps(value);
            default -> t.startsWith("object") ? base64(spec, String.valueOf(value))
                    : text != null ? pickledByClient(text).orElseGet(() -> Pickles.dumps(value)) : Pickles.dumps(value);
        };
    }

    /**
     * DALiuGE's client ({@code parse_pydata}) sends a value of any other type (a tuple, a numpy
     * array, a user's class) as base64 of its dill pickle, typed by its class name: the pickle
     * itself, then (DALiuGE's InMemoryDROP pickles the base64 text instead, and its apps get a string).
     */
    private static Optional<byte[]> pickledByClient(String text) {
        try {
            byte[] b = Base64.getDecoder().decode(text.trim());
            return b.length > 2 && (b[0] & 0xff) == 0x80 && b[b.length - 1] == '.' ? Optional.of(b) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static boolean truthy(Object v) {
        return switch (v) {
            case Boolean b -> b;
            case Number n -> n.doubleValue() != 0;
            case String s -> !s.isEmpty();
            case java.util.Collection<?> c -> !c.isEmpty();
            case Map<?, ?> m -> !m.isEmpty();
            default -> true;
        };
    }

    private static long parseLong(DropSpec spec, String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("pydata '" + s + "' is not an integer");
        }
    }

    private static double parseDouble(DropSpec spec, String s) {
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("pydata '" + s + "' is not a number");
        }
    }

    private static byte[] base64(DropSpec spec, String s) {
        try {
            return Base64.getDecoder().decode(s.trim());
        } catch (IllegalArgumentException e) {
            return s.getBytes(StandardCharsets.UTF_8); // plain text after all
        }
    }
}
