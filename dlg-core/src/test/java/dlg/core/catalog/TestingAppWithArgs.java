package dlg.core.catalog;

import dlg.core.app.AppContext;
import dlg.core.app.Application;

/** An application class without a no-argument constructor. */
public class TestingAppWithArgs implements Application {

    public TestingAppWithArgs(String greeting) {
    }

    @Override
    public void run(AppContext ctx) {
    }
}
