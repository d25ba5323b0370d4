package dlg.core.catalog;

import dlg.core.app.Application;

/** An application class that cannot be instantiated. */
public abstract class AbstractTestingApp implements Application {
}
