package dlg.core.catalog;

/** A public class with a no-argument constructor that is not an {@link dlg.core.app.Application}. */
public class NotAnApplication {
}
