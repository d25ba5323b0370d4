package dlg.core.catalog;

import dlg.core.app.Application;
import dlg.core.app.ParamSpec;
import java.util.List;
import java.util.function.Supplier;

/** An application class: its parameters and how to make one instance per drop. */
public record AppType(String className, List<ParamSpec> params, Supplier<Application> factory)
        implements DropType {

    public AppType {
        params = List.copyOf(params);
    }
}
