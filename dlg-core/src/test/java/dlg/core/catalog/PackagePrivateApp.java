package dlg.core.catalog;

import dlg.core.app.AppContext;
import dlg.core.app.Application;

/** An application class that the engine could not instantiate from another package. */
class PackagePrivateApp implements Application {

    public PackagePrivateApp() {
    }

    @Override
    public void run(AppContext ctx) {
    }
}
