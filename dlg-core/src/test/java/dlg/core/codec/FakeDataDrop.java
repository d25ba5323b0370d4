package dlg.core.codec;

import dlg.core.app.DataDrop;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/** A data drop held in memory, optionally claiming a file path, optionally failing every read. */
final class FakeDataDrop implements DataDrop {

    private final String oid;
    private final ByteArrayOutputStream content = new ByteArrayOutputStream();
    private Path path;
    private boolean failing;

    FakeDataDrop(String oid) {
        this.oid = oid;
    }

    static FakeDataDrop holding(byte[] data) {
        FakeDataDrop d = new FakeDataDrop("D");
        d.content.writeBytes(data);
        return d;
    }

    static FakeDataDrop holding(String text) {
        return holding(text.getBytes(StandardCharsets.UTF_8));
    }

    FakeDataDrop withPath(Path path) {
        this.path = path;
        return this;
    }

    FakeDataDrop failingReads() {
        this.failing = true;
        return this;
    }

    @Override
    public String oid() {
        return oid;
    }

    @Override
    public String uid() {
        return oid;
    }

    @Override
    public String name() {
        return oid;
    }

    @Override
    public InputStream open() throws IOException {
        if (failing) {
            throw new IOException("disk on fire");
        }
        return new ByteArrayInputStream(content.toByteArray());
    }

    @Override
    public void write(byte[] data, int offset, int length) {
        content.write(data, offset, length);
    }

    @Override
    public long size() {
        return content.size();
    }

    @Override
    public Optional<Path> path() {
        return Optional.ofNullable(path);
    }

    @Override
    public String dataUrl() {
        return path != null ? "file://localhost" + path : "mem://localhost/1/" + oid;
    }
}
