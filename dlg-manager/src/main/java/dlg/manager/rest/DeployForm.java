package dlg.manager.rest;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code completed} uids of a deploy request: DALiuGE's client sends a form
 * ({@code completed=A%2CB}) or an empty body; a query parameter or a JSON body
 * ({@code {"completed": [...]}} or {@code "A,B"}) are taken too.
 */
final class DeployForm {

    private DeployForm() {
    }

    static List<String> completedUids(Context ctx, String body) {
        String type = ctx.header("Content-Type");
        String value = ctx.queryParam("completed");
        if (!body.isBlank()) {
            if (type != null && type.toLowerCase(Locale.ROOT).contains("json")) {
                Object json = Json.parse(body);
                if (json instanceof Map<?, ?> m) {
                    json = m.get("completed");
                }
                if (json instanceof String s) {
                    return split(s);
                }
                return json == null ? List.of() : Json.stringList(json,
                        "'completed' must be a list of drop uids or a comma-separated string");
            }
            value = formField(body, "completed");
        }
        return value == null ? List.of() : split(value);
    }

    /** A form field of the body, else a query parameter of that name, else null. */
    static String field(Context ctx, String body, String name) {
        String v = body.isBlank() ? null : formField(body, name);
        return v != null ? v : ctx.queryParam(name);
    }

    private static String formField(String body, String name) {
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String key = Utf8.percentDecode(eq < 0 ? pair : pair.substring(0, eq), "a form field's name");
            if (key.equals(name)) {
                return eq < 0 ? "" : Utf8.percentDecode(pair.substring(eq + 1), "form field '" + name + "'");
            }
        }
        return null;
    }

    private static List<String> split(String csv) {
        List<String> out = new ArrayList<>();
        for (String s : csv.split(",")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out;
    }
}
