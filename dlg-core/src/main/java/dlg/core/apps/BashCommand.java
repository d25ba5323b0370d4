package dlg.core.apps;

import dlg.core.app.AppContext;
import dlg.core.app.DataDrop;
import dlg.core.codec.Encoding;
import dlg.core.codec.PyStr;
import dlg.core.graph.AppArg;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds a BashShellApp's command line from its {@code command} template.
 *
 * <ul>
 * <li>DALiuGE v5+ templates: {@code {<uid>}} becomes the path of that input or output;
 *     {@code {name}} becomes the value of the applicationArgs entry {@code name}, read from the
 *     input or output port of that name when there is one (per the argument's {@code encoding}:
 *     {@code path} gives the drop's path, {@code pickle} its unpickled value...). Arguments whose
 *     value is None, False or empty are left out unless {@code precious}; a {@code {...}} that
 *     matches nothing stays as written.
 * <li>Legacy (DALiuGE <= 4.9) placeholders, which DALiuGE 5+ silently drops: when the command or
 *     an argument uses {@code %i0}-style placeholders, the arguments are appended as
 *     {@code <argumentPrefix><name><paramValueSeparator><value>} (default {@code --} and space),
 *     then {@code command_line_arguments}, {@code input_redirection} / {@code output_redirection};
 *     {@code %iN} / {@code %oN} are the N-th input / output path, {@code %i[uid]} / {@code %o[uid]}
 *     the path of that drop, and {@code %iDataURLN}, {@code %iDataURL[uid]} (and {@code %o...})
 *     their data URLs.
 * </ul>
 */
final class BashCommand {

    private static final Pattern LEGACY = Pattern.compile("%([io])(DataURL)?(?:\\[([^\\]]+)]|(\\d+))");

    private BashCommand() {
    }

    static String build(AppContext ctx, String command) throws IOException {
        String cmd = command.strip();
        if (isLegacy(ctx, cmd)) {
            cmd = legacyArguments(ctx, cmd);
        }
        cmd = replaceUids(ctx, cmd);
        cmd = replaceNamedArguments(ctx, cmd);
        return replaceLegacyPlaceholders(ctx, cmd);
    }

    private static boolean isLegacy(AppContext ctx, String cmd) {
        if (LEGACY.matcher(cmd).find()) {
            return true;
        }
        for (AppArg a : ctx.appArgs().values()) {
            if (a.value() instanceof String s && LEGACY.matcher(s).find()) {
                return true;
            }
        }
        return false;
    }

    // ---- v5 templates ----

    private static String replaceUids(AppContext ctx, String cmd) {
        for (DataDrop d : ctx.inputs()) {
            cmd = cmd.replace("{" + d.uid() + "}", location(d));
        }
        for (DataDrop d : ctx.outputs()) {
            cmd = cmd.replace("{" + d.uid() + "}", location(d));
        }
        return cmd;
    }

    private static String replaceNamedArguments(AppContext ctx, String cmd) throws IOException {
        Map<String, Object> values = new LinkedHashMap<>();
        for (AppArg a : ctx.appArgs().values()) {
            values.put(a.name(), a.value());
        }
        portValues(ctx, ctx.inputs(), true, values);
        portValues(ctx, ctx.outputs(), false, values);
        for (var e : values.entrySet()) {
            AppArg arg = ctx.appArgs().get(e.getKey());
            Object v = e.getValue();
            boolean empty = v == null || Boolean.FALSE.equals(v) || "".equals(v);
            if (!empty || (arg != null && arg.precious())) {
                cmd = cmd.replace("{" + e.getKey() + "}", v == null ? "" : PyStr.str(v));
            }
        }
        return cmd;
    }

    /** Values of arguments bound to ports: an argument named like a port reads that drop. */
    private static void portValues(AppContext ctx, List<DataDrop> drops, boolean inputs, Map<String, Object> values)
            throws IOException {
        for (int i = 0; i < drops.size(); i++) {
            String port = inputs ? ctx.inputPort(i) : ctx.outputPort(i);
            AppArg arg = port == null ? null : ctx.appArgs().get(port);
            if (arg == null) {
                continue;
            }
            Encoding enc = Encoding.of(arg.encoding());
            DataDrop d = drops.get(i);
            // an output has no content yet: only where it is can go on a command line
            values.put(port, inputs ? enc.read(d) : enc == Encoding.DATAURL ? d.dataUrl() : location(d));
        }
    }

    // ---- Legacy ----

    private static String legacyArguments(AppContext ctx, String cmd) {
        String prefix = string(ctx.param("argumentPrefix"), "--");
        String separator = string(ctx.param("paramValueSeparator"), " ");
        List<String> parts = new ArrayList<>();
        parts.add(cmd);
        for (AppArg a : ctx.appArgs().values()) {
            Object v = a.value();
            if (v == null || "".equals(v) || Boolean.FALSE.equals(v) || a.isInputPort() || a.isOutputPort()) {
                continue;
            }
            if (a.positional()) {
                parts.add(PyStr.str(v));
            } else if (Boolean.TRUE.equals(v)) {
                parts.add(prefix + a.name());
            } else {
                parts.add(prefix + a.name() + separator + PyStr.str(v));
            }
        }
        String extra = string(ctx.param("command_line_arguments"), "");
        if (!extra.isBlank()) {
            parts.add(extra);
        }
        String joined = String.join(" ", parts);
        String in = string(ctx.param("input_redirection"), "");
        String out = string(ctx.param("output_redirection"), "");
        if (!in.isBlank()) {
            joined = "cat " + in + " | " + joined;
        }
        if (!out.isBlank()) {
            joined = joined + " > " + out;
        }
        return joined;
    }

    private static String replaceLegacyPlaceholders(AppContext ctx, String cmd) {
        Matcher m = LEGACY.matcher(cmd);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            boolean input = m.group(1).equals("i");
            boolean url = m.group(2) != null;
            List<DataDrop> drops = input ? ctx.inputs() : ctx.outputs();
            DataDrop d;
            if (m.group(3) != null) {
                d = drops.stream().filter(x -> x.uid().equals(m.group(3))).findFirst().orElseThrow(() ->
                        new IllegalArgumentException("the command uses " + m.group() + " but no "
                                + (input ? "input" : "output") + " has uid " + m.group(3)));
            } else {
                int i = Integer.parseInt(m.group(4));
                if (i >= drops.size()) {
                    throw new IllegalArgumentException("the command uses " + m.group() + " but the app has "
                            + drops.size() + (input ? " inputs" : " outputs"));
                }
                d = drops.get(i);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(url ? d.dataUrl() : location(d)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A drop's path, or its data URL when it has none. */
    private static String location(DataDrop d) {
        return d.path().map(Object::toString).orElseGet(d::dataUrl);
    }

    private static String string(Object v, String byDefault) {
        return v == null ? byDefault : v.toString();
    }
}
