package dlg.manager.data;

import dlg.core.app.DataDrop;

/**
 * Finds the data drops a {@link DataServer} may serve. Called on the server's connection threads,
 * possibly many at once: implementations are thread-safe.
 */
@FunctionalInterface
public interface DropLookup {

    /**
     * The drop whose data may be read now.
     *
     * @throws DataRefusedException saying why not (no such session or drop, not data, not completed, released)
     */
    DataDrop find(String sessionId, String uid) throws DataRefusedException;
}
