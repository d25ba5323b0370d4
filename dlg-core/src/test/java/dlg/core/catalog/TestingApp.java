package dlg.core.catalog;

import dlg.core.app.AppContext;
import dlg.core.app.Application;

/** A user's own Java application, as {@link DropCatalog} finds it by its class name. */
public class TestingApp implements Application {

    @Override
    public void run(AppContext ctx) {
    }
}
