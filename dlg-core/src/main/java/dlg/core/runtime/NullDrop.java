package dlg.core.runtime;

import dlg.core.graph.DropSpec;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code NullDROP}: discards what is written, reads empty. As {@code EndDROP} its completion ends
 * the session: drops that have not settled yet are skipped.
 */
final class NullDrop extends AbstractDataDrop {

    private final boolean endsSession;

    NullDrop(DropSpec spec, Execution execution, boolean endsSession) {
        super(spec, execution, false);
        this.endsSession = endsSession;
    }

    @Override
    void writeBytes(byte[] data, int offset, int length) {
    }

    @Override
    void completed() {
        if (endsSession) {
            execution.endEarly(this);
        }
    }

    @Override
    public InputStream open() {
        return InputStream.nullInputStream();
    }

    @Override
    public long size() {
        return 0;
    }

    @Override
    public Optional<Path> path() {
        return Optional.empty();
    }

    @Override
    public String dataUrl() {
        return "null://";
    }
}
