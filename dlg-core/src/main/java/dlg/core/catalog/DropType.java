package dlg.core.catalog;

import dlg.core.app.ParamSpec;
import java.util.List;

/** A drop class the engine can create, named by DALiuGE's class name. */
public sealed interface DropType permits DataType, AppType {

    String className();

    /** Parameters checked when a graph is loaded. */
    List<ParamSpec> params();
}
