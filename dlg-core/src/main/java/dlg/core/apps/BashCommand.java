package dlg.core.apps;

import dlg.core.app.AppContext;
import dlg.core.app.DataDrop;
import dlg.core.codec.Encoding;
import dlg.core.codec.PyStr;
import dlg.core.graph.AppArg;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds a BashShellApp's command line from its {@code command} template.
 *
 * <ul>
 * <li>DALiuGE v5+ templates, in one pass (a replacement is never expanded again):
 *     {@code {<uid>}} becomes the path of that input or output (drops without a path are left
 *     alone; an input held by another node is copied here first, see
 *     {@link DataDrop#readablePath()}); {@code {name}} becomes the value of the applicationArgs entry {@code name}, read from
 *     the input or output port of that name when the (non-positional) entry is bound to one (per
 *     its {@code encoding}: {@code path} gives the drop's path, {@code pickle} its unpickled
 *     value...). Arguments whose value is None, False or empty are left out unless
 *     {@code precious}; a {@code {...}} that matches nothing stays as written.
 * <li>Legacy (DALiuGE <= 4.9) placeholders, which DALiuGE 5+ silently drops: when the command, an
 *     argument or a redirection uses {@code %i0}-style placeholders, the command line is built as
 *     DALiuGE 4 did: positional argument values, then keyword arguments as
 *     {@code <argumentPrefix><name><paramValueSeparator><value>} (default {@code --} and space;
 *     {@code -n value} for one-letter names with {@code --}; each stripped), then
 *     {@code command_line_arguments}, then {@code > output_redirection} and
 *     {@code cat input_redirection |}; an argument bound to a port takes its drop's path. Then
 *     {@code %iN} / {@code %oN} are the N-th input / output path, {@code %i[uid]} /
 *     {@code %o[uid]} the path of that drop, and {@code %iDataURLN}, {@code %iDataURL[uid]} (and
 *     {@code %o...}) their data URLs.
 * </ul>
 */
final class BashCommand {

    private static final Pattern LEGACY = Pattern.compile("%([io])(DataURL)?(?:\\[([^\\]]+)]|(\\d+))");
    private static final Pattern TEMPLATE = Pattern.compile("\\{([^{}]*)}");
    private static final List<String> LEGACY_PARAMS =
            List.of("command_line_arguments", "input_redirection", "output_redirection");

    private BashCommand() {
    }

    static String build(AppContext ctx, String command) throws IOException {
        String cmd = command.strip();
        if (isLegacy(ctx, cmd)) {
            cmd = legacyCommandLine(ctx, cmd);
        }
        cmd = replaceTemplates(ctx, cmd);
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
        for (String p : LEGACY_PARAMS) {
            if (ctx.param(p) instanceof String s && LEGACY.matcher(s).find()) {
                return true;
            }
        }
        return false;
    }

    // ---- v5 templates ----

    private static String replaceTemplates(AppContext ctx, String cmd) throws IOException {
        if (cmd.indexOf('{') < 0) {
            return cmd;
        }
        Map<String, String> values = new HashMap<>();
        Map<String, Object> args = new LinkedHashMap<>();
        for (AppArg a : ctx.appArgs().values()) {
            args.put(a.name(), a.value());
        }
        portValues(ctx, cmd, ctx.inputs(), true, args);
        portValues(ctx, cmd, ctx.outputs(), false, args);
        for (var e : args.entrySet()) {
            AppArg arg = ctx.appArgs().get(e.getKey());
            Object v = e.getValue();
            if (!isEmpty(v) || (arg != null && arg.precious())) {
                values.put(e.getKey(), v == null ? "" : PyStr.str(v));
            }
        }
        for (DataDrop d : ctx.outputs()) { // uids first in DALiuGE's order: they win over names
            d.path().ifPresent(p -> values.put(d.uid(), p.toString()));
        }
        for (DataDrop d : ctx.inputs()) { // only those the command names: another node's data is fetched
            if (cmd.contains("{" + d.uid() + "}")) {
                d.readablePath().ifPresent(p -> values.put(d.uid(), p.toString()));
            }
        }
        Matcher m = TEMPLATE.matcher(cmd);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = values.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(v != null ? v : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * Values of arguments bound to ports: a non-positional argument named like a port reads that
     * drop (only when the command uses it: an input may be large).
     */
    private static void portValues(AppContext ctx, String cmd, List<DataDrop> drops, boolean inputs,
                                   Map<String, Object> values) throws IOException {
        for (int i = 0; i < drops.size(); i++) {
            String port = inputs ? ctx.inputPort(i) : ctx.outputPort(i);
            AppArg arg = port == null ? null : ctx.appArgs().get(port);
            if (arg == null || arg.positional() || !cmd.contains("{" + port + "}")) {
                continue;
            }
            Encoding enc = Encoding.of(arg.encoding());
            DataDrop d = drops.get(i);
            // an output has no content yet: only where it is can go on a command line
            values.put(port, inputs ? enc.read(d) : enc == Encoding.DATAURL ? d.dataUrl() : location(d));
        }
    }

    private static boolean isEmpty(Object v) {
        return v == null || Boolean.FALSE.equals(v) || "".equals(v);
    }

    // ---- Legacy ----

    private static String legacyCommandLine(AppContext ctx, String cmd) throws IOException {
        String prefix = string(ctx.param("argumentPrefix"), "--");
        String separator = string(ctx.param("paramValueSeparator"), " ");
        Map<String, DataDrop> bound = new HashMap<>(); // by port name
        for (int i = ctx.outputs().size() - 1; i >= 0; i--) {
            putPort(bound, ctx.outputPort(i), ctx.outputs().get(i));
        }
        for (int i = ctx.inputs().size() - 1; i >= 0; i--) {
            putPort(bound, ctx.inputPort(i), ctx.inputs().get(i));
        }
        List<String> positional = new ArrayList<>();
        List<String> keyword = new ArrayList<>();
        for (AppArg a : ctx.appArgs().values()) {
            Object v = a.value();
            if ((a.isInputPort() || a.isOutputPort()) && bound.containsKey(a.name())) {
                v = location(bound.get(a.name()));
            }
            if (isEmpty(v) && !a.precious()) {
                continue;
            }
            // a bare {"name": true} is a flag; {"value": true} is written out, as DALiuGE 4 did
            String value = v == null || (Boolean.TRUE.equals(v) && a.usage() == null) ? "" : PyStr.str(v);
            if (a.positional()) {
                positional.add(value.strip());
            } else if (prefix.equals("--") && a.name().length() == 1) {
                keyword.add(("-" + a.name() + " " + value).strip());
            } else {
                keyword.add((prefix + a.name() + separator + value).strip());
            }
        }
        List<String> parts = new ArrayList<>();
        parts.add(cmd);
        parts.addAll(positional);
        parts.addAll(keyword);
        parts.add(string(ctx.param("command_line_arguments"), "").strip());
        String out = string(ctx.param("output_redirection"), "").strip();
        if (!out.isEmpty()) {
            parts.add("> " + out);
        }
        String in = string(ctx.param("input_redirection"), "").strip();
        if (!in.isEmpty()) { // DALiuGE 4 wrote "cat in > cmd", which cannot have been meant
            parts.addFirst("cat " + in + " |");
        }
        parts.removeIf(String::isEmpty);
        return String.join(" ", parts);
    }

    private static void putPort(Map<String, DataDrop> bound, String port, DataDrop d) {
        if (port != null) {
            bound.put(port, d);
        }
    }

    private static String replaceLegacyPlaceholders(AppContext ctx, String cmd) throws IOException {
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

    /** A drop's path (for another node's data, a local copy), or its data URL when it has none. */
    private static String location(DataDrop d) throws IOException {
        return d.readablePath().map(Object::toString).orElseGet(d::dataUrl);
    }

    private static String string(Object v, String byDefault) {
        return v == null ? byDefault : v.toString();
    }
}
