package dlg.core.app;

import java.util.Objects;

/**
 * A parameter a drop class understands: checked when a graph is loaded, read by the app at run time.
 *
 * @param required the graph must set it (no default makes sense, e.g. a bash {@code command})
 */
public record ParamSpec(String name, ParamType type, Object defaultValue, boolean required) {

    public ParamSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    public ParamSpec(String name, ParamType type, Object defaultValue) {
        this(name, type, defaultValue, false);
    }

    public static ParamSpec required(String name, ParamType type) {
        return new ParamSpec(name, type, null, true);
    }

    public static ParamSpec ofInt(String name, long defaultValue) {
        return new ParamSpec(name, ParamType.INT, defaultValue);
    }

    public static ParamSpec ofFloat(String name, double defaultValue) {
        return new ParamSpec(name, ParamType.FLOAT, defaultValue);
    }

    public static ParamSpec ofBool(String name, boolean defaultValue) {
        return new ParamSpec(name, ParamType.BOOL, defaultValue);
    }

    public static ParamSpec ofString(String name, String defaultValue) {
        return new ParamSpec(name, ParamType.STRING, defaultValue);
    }
}
