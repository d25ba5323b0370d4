package dlg.manager.rest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes response bodies the way DALiuGE's Python client needs them: always with a
 * Content-Length (it reads a response without one as empty), never chunked.
 *
 * <p>A small body is buffered; a body that grows past {@link #BUFFER_LIMIT} (a graph of millions
 * of drops) is generated twice instead, once to count its bytes and once to send them, so that
 * no response is ever held whole in memory.
 */
final class Responses {

    /** NaN and Infinity as Python's json writes them (numbers), not as strings: graphs round-trip. */
    static final JsonFactory JSON = JsonFactory.builder().disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS).build();
    static final String JSON_TYPE = "application/json";
    static final int BUFFER_LIMIT = 4 << 20;
    private static final byte[] SUCCESS = "{\"Status\": \"Success\"}".getBytes(StandardCharsets.UTF_8);

    /** Generates a JSON body. */
    @FunctionalInterface
    interface JsonBody {
        void write(JsonGenerator g) throws IOException;
    }

    private Responses() {
    }

    /** DALiuGE's reply for a call that returns nothing. */
    static void success(Context ctx) {
        bytes(ctx, 200, JSON_TYPE, SUCCESS);
    }

    /** The success reply, written and flushed at once (for a call that then stops the server). */
    static void successNow(Context ctx) throws IOException {
        ctx.status(200);
        ctx.contentType(JSON_TYPE);
        ctx.res().setContentLength(SUCCESS.length);
        ctx.res().getOutputStream().write(SUCCESS);
        ctx.res().flushBuffer();
    }

    static void json(Context ctx, JsonBody body) throws IOException {
        json(ctx, 200, body);
    }

    static void json(Context ctx, int status, JsonBody body) throws IOException {
        CappedBuffer buffer = new CappedBuffer(BUFFER_LIMIT);
        try {
            generate(buffer, body);
            bytes(ctx, status, JSON_TYPE, buffer.toByteArray());
            return;
        } catch (CappedBuffer.Full e) {
            // too big to buffer: count, then stream
        }
        CountingStream counter = new CountingStream();
        generate(counter, body);
        ctx.status(status);
        ctx.contentType(JSON_TYPE);
        ctx.res().setContentLengthLong(counter.count);
        try (OutputStream out = ctx.res().getOutputStream()) {
            generate(out, body);
        }
    }

    static void bytes(Context ctx, int status, String contentType, byte[] body) {
        ctx.status(status);
        ctx.contentType(contentType);
        ctx.res().setContentLength(body.length);
        ctx.result(body);
    }

    private static void generate(OutputStream out, JsonBody body) throws IOException {
        try (JsonGenerator g = JSON.createGenerator(out)) {
            body.write(g);
        }
    }

    /** Buffers up to a limit, then gives up by throwing {@link Full}. */
    private static final class CappedBuffer extends ByteArrayOutputStream {
        private final int limit;

        CappedBuffer(int limit) {
            super(1024);
            this.limit = limit;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (count + len > limit) {
                throw new Full();
            }
            super.write(b, off, len);
        }

        @Override
        public void write(int b) {
            if (count + 1 > limit) {
                throw new Full();
            }
            super.write(b);
        }

        static final class Full extends RuntimeException {
            Full() {
                super(null, null, false, false);
            }
        }
    }

    private static final class CountingStream extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
