package dlg.core.runtime;

import dlg.core.codec.Pickles;
import dlg.core.graph.AppArg;
import dlg.core.graph.DropSpec;
import dlg.core.graph.GraphReader;
import dlg.core.graph.RawJson;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

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
            return Pickles.dumps(GraphReader.parseValue(raw));
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
