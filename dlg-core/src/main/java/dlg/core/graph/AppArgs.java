package dlg.core.graph;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Parses an {@code applicationArgs} object into {@link AppArg}s. */
final class AppArgs {

    private AppArgs() {
    }

    static Map<String, AppArg> parse(JsonFactory json, RawJson raw) {
        try (JsonParser p = json.createParser(raw.json())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return Map.of(); // not DALiuGE's shape; kept raw in params, ignored here
            }
            Map<String, AppArg> args = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                args.put(name, t == JsonToken.START_OBJECT ? entry(p, name) : bare(p, t, name));
            }
            return args.isEmpty() ? Map.of() : args;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An older form: {@code "applicationArgs": {"name": value}}. */
    private static AppArg bare(JsonParser p, JsonToken t, String name) throws IOException {
        return new AppArg(name, GraphReader.value(p, t), null, null, false, false, null);
    }

    private static AppArg entry(JsonParser p, String name) throws IOException {
        Object value = null;
        String usage = null;
        String encoding = null;
        String type = null;
        boolean positional = false;
        boolean precious = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken t = p.nextToken();
            switch (key) {
                case "value" -> value = GraphReader.value(p, t);
                case "usage" -> usage = scalar(p, t);
                case "encoding" -> encoding = scalar(p, t);
                case "type" -> type = scalar(p, t);
                case "positional" -> positional = truthy(GraphReader.value(p, t));
                case "precious" -> precious = truthy(GraphReader.value(p, t));
                default -> p.skipChildren();
            }
        }
        return new AppArg(name, value, usage, encoding, positional, precious, type);
    }

    private static String scalar(JsonParser p, JsonToken t) throws IOException {
        if (t.isScalarValue() && t != JsonToken.VALUE_NULL) {
            return p.getText();
        }
        p.skipChildren();
        return null;
    }

    /** {@code true}, {@code "True"}, {@code 1} and {@code "1"} are set; anything else is not. */
    private static boolean truthy(Object v) {
        return switch (v) {
            case Boolean b -> b;
            case Number n -> n.doubleValue() != 0;
            case String s -> s.equalsIgnoreCase("true") || s.equals("1");
            case null, default -> false;
        };
    }
}
