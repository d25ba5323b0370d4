package dlg.web;

import java.util.ArrayList;
import java.util.List;

/** Managers a test fixture started, closed in the reverse order (closing one twice does nothing more). */
abstract class StartedServices implements AutoCloseable {

    private final List<AutoCloseable> open = new ArrayList<>();

    /** Notes {@code service} to be closed with the others; returns it. */
    final <T extends AutoCloseable> T keep(T service) {
        open.add(service);
        return service;
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }
}
