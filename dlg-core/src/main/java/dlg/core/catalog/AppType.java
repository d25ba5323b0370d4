package dlg.core.catalog;

import dlg.core.app.Application;
import dlg.core.app.ParamSpec;
import java.util.List;
import java.util.function.Supplier;

/**
 * An application class: its parameters, how to make one instance per drop, and whether it reads
 * inputs at all (a socket listener reads its socket: DALiuGE refuses to wire it an input).
 */
public record AppType(String className, List<ParamSpec> params, Supplier<Application> factory,
                      boolean takesInputs) implements DropType {

    public AppType {
        params = List.copyOf(params);
    }

    /** An application that takes inputs. */
    public AppType(String className, List<ParamSpec> params, Supplier<Application> factory) {
        this(className, params, factory, true);
    }
}
