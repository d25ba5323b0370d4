package dlg.core.catalog;

import dlg.core.app.ParamSpec;
import java.util.List;

public record DataType(String className, DataKind kind, List<ParamSpec> params) implements DropType {

    public DataType {
        params = List.copyOf(params);
    }
}
