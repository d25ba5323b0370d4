package dlg.core.graph;

import java.util.Locale;

/**
 * One entry of a drop's {@code applicationArgs}: {@code {"value": 2048, "usage": "InputPort",
 * "encoding": "pickle", "positional": false, "precious": false, "type": "Integer"}}.
 *
 * @param value a String, Number, Boolean, {@link RawJson} or null
 * @param usage {@code NoPort}, {@code InputPort}, {@code OutputPort} or {@code InputOutput}; null
 *     when absent (DALiuGE fails on that, we treat it as NoPort)
 */
public record AppArg(String name, Object value, String usage, String encoding, boolean positional,
                     boolean precious, String type) {

    /** True when the argument's value may come from an input port of the same name. */
    public boolean isInputPort() {
        String u = usage == null ? "" : usage.toLowerCase(Locale.ROOT);
        return u.equals("inputport") || u.equals("inputoutput");
    }

    /** True when the argument's value may name an output port of the same name. */
    public boolean isOutputPort() {
        String u = usage == null ? "" : usage.toLowerCase(Locale.ROOT);
        return u.equals("outputport") || u.equals("inputoutput");
    }
}
