package dlg.manager.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * A JSON request body generated while it is sent, so that a graph of millions of drops is never
 * held whole as a String or a byte array: each time the HttpClient asks for the body, a virtual
 * thread runs the generator into a {@link ChunkPipe} that the HttpClient reads. Optionally a zlib
 * stream (what DALiuGE's NodeManager takes, and ours sniffs).
 *
 * <p>Close it once the exchange is over, whatever its outcome: a generator blocked on a pipe that
 * nobody reads any more (the request failed or timed out) then ends. A generator that fails
 * makes the read fail, so the request is aborted instead of sending a truncated graph; the client
 * then rethrows that failure with {@link #rethrowFailure()}.
 */
final class StreamedBody implements AutoCloseable {

    /** Writes the whole body into a generator. */
    @FunctionalInterface
    interface Generator {
        void write(JsonGenerator g) throws IOException;
    }

    /** Non-finite floats stay numbers, as GraphReader reads and writes them. */
    static final JsonFactory JSON = JsonFactory.builder()
            .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .build();
    private static final int CHUNK = 1 << 16;

    private final Generator generator;
    private final boolean zlib;
    private final List<ChunkPipe> pipes = new CopyOnWriteArrayList<>();

    StreamedBody(Generator generator, boolean zlib) {
        this.generator = generator;
        this.zlib = zlib;
    }

    BodyPublisher publisher() {
        return BodyPublishers.ofInputStream(this::open);
    }

    private InputStream open() {
        ChunkPipe pipe = new ChunkPipe(CHUNK, 4);
        pipes.add(pipe);
        Thread.ofVirtual().name("dlg-request-body").start(() -> generate(pipe));
        return pipe.source();
    }

    private void generate(ChunkPipe pipe) {
        Throwable failure = null;
        // Closing these on a failure ends the JSON and the zlib stream properly, which is why the
        // end of the body is a separate step: the reader learns of the failure, not of a clean end.
        try (OutputStream out = zlib ? new DeflaterOutputStream(pipe.sink(), new Deflater(), CHUNK) : pipe.sink();
             JsonGenerator g = JSON.createGenerator(out)) {
            generator.write(g);
        } catch (IOException | RuntimeException | Error e) {
            failure = readerGone(e) ? null : e; // the exchange is over: nothing left to write for
        }
        pipe.finish(failure);
    }

    private static boolean readerGone(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ChunkPipe.ReaderGone) {
                return true;
            }
        }
        return false;
    }

    /** Throws what made a generator fail, if one did. */
    void rethrowFailure() {
        for (ChunkPipe pipe : pipes) {
            switch (pipe.failure()) {
                case null -> { }
                case RuntimeException e -> throw e;
                case Error e -> throw e;
                case IOException e -> throw new UncheckedIOException(e);
                case Throwable t -> throw new IllegalStateException(t);
            }
        }
    }

    @Override
    public void close() {
        pipes.forEach(ChunkPipe::closeSource);
    }
}
