package dlg.manager;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * A drop's data as a sub-manager serves it, still to be read: close it (the connection is held
 * until then).
 *
 * @param fileName the download name the sub-manager gave it
 * @param length its size in bytes, or -1 if the reply did not say
 * @param stream the bytes, read as they arrive
 */
public record DropData(String fileName, long length, InputStream stream) implements Closeable {

    @Override
    public void close() throws IOException {
        stream.close();
    }
}
