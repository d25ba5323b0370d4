package dlg.core.apps;

import dlg.core.app.DataDrop;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An in-memory {@link DataDrop} for unit tests of apps: content set up front or written by the
 * app, an optional path (the drop then pretends to be a file drop) and data URL.
 */
final class TestingDataDrop implements DataDrop {

    private final String oid;
    private final String uid;
    private final String name;
    private final ByteArrayOutputStream content = new ByteArrayOutputStream();
    private Path path;
    private String dataUrl;
    private boolean forbidReadAll;
    private int largestRead;

    TestingDataDrop(String oid) {
        this(oid, oid, oid);
    }

    TestingDataDrop(String oid, String uid, String name) {
        this.oid = oid;
        this.uid = uid;
        this.name = name;
        this.dataUrl = "mem://test/" + oid;
    }

    static TestingDataDrop of(String oid, byte[] data) {
        TestingDataDrop d = new TestingDataDrop(oid);
        d.content.writeBytes(data);
        return d;
    }

    static TestingDataDrop of(String oid, String text) {
        return of(oid, text.getBytes(StandardCharsets.UTF_8));
    }

    TestingDataDrop path(Path p) {
        this.path = p;
        this.dataUrl = "file://test" + p;
        return this;
    }

    TestingDataDrop dataUrl(String url) {
        this.dataUrl = url;
        return this;
    }

    /** Makes {@link #readAll()} fail: for apps that must stream. */
    TestingDataDrop forbidReadAll() {
        this.forbidReadAll = true;
        return this;
    }

    /** The largest single read an app made from {@link #open()}'s stream. */
    synchronized int largestRead() {
        return largestRead;
    }

    synchronized byte[] bytes() {
        return content.toByteArray();
    }

    String text() {
        return new String(bytes(), StandardCharsets.UTF_8);
    }

    @Override
    public String oid() {
        return oid;
    }

    @Override
    public String uid() {
        return uid;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized InputStream open() {
        return new ByteArrayInputStream(content.toByteArray()) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                int n = super.read(b, off, len);
                synchronized (TestingDataDrop.this) {
                    largestRead = Math.max(largestRead, n);
                }
                return n;
            }
        };
    }

    @Override
    public byte[] readAll() throws IOException {
        if (forbidReadAll) {
            throw new AssertionError("drop " + oid + " must be streamed, not read whole");
        }
        return DataDrop.super.readAll();
    }

    @Override
    public synchronized void write(byte[] data, int offset, int length) {
        content.write(data, offset, length);
    }

    @Override
    public synchronized long size() {
        return content.size();
    }

    @Override
    public Optional<Path> path() {
        return Optional.ofNullable(path);
    }

    @Override
    public String dataUrl() {
        return dataUrl;
    }
}
