package dlg.manager.data;

import dlg.core.app.DataDrop;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

/** A data drop for the server's tests: its content is whatever stream {@code open} makes. */
final class TestingDataDrop implements DataDrop {

    interface Opener {
        InputStream open() throws IOException;
    }

    private final String uid;
    private final Opener opener;

    TestingDataDrop(String uid, Opener opener) {
        this.uid = uid;
        this.opener = opener;
    }

    @Override
    public String oid() {
        return uid;
    }

    @Override
    public String uid() {
        return uid;
    }

    @Override
    public String name() {
        return uid;
    }

    @Override
    public InputStream open() throws IOException {
        return opener.open();
    }

    @Override
    public void write(byte[] data, int offset, int length) throws IOException {
        throw new IOException("read only");
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
        return "test://" + uid;
    }
}
