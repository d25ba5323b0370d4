package dlg.manager.rest;

import io.javalin.http.Context;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

/**
 * Reads request bodies as DALiuGE's Python client sends them: chunked (the server undoes that),
 * and for {@code graph/append} labelled {@code Content-Encoding: gzip} while really a zlib stream.
 * The first bytes tell which it is: {@code 1f 8b} is gzip, a valid zlib header is zlib, anything
 * else is taken as plain.
 *
 * <p>A compressed body is inflated only as far as it is read: a body with a limit is read up to
 * its limit and one byte more, so a compression bomb never inflates further; what is left of it
 * is then read as it came, compressed. A body that ends early (before its Content-Length or
 * last chunk) or does not inflate is refused with 400 naming why.
 */
final class RequestBodies {

    private static final int BUFFER = 1 << 16;
    /** The largest array a JVM makes. */
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private RequestBodies() {
    }

    /** The body as a stream, decompressed if labelled so, with no size limit (graphs are huge). */
    static InputStream stream(Context ctx) throws IOException {
        return open(ctx).decoded();
    }

    /**
     * The whole body as text, refused with 413 when over {@code limit} once decompressed. What is
     * left of an oversized body is still read (as it came, never inflated) and dropped: a client
     * that sends its whole body before reading the reply, as Python's does, would otherwise see a
     * broken pipe instead of the 413.
     */
    static String text(Context ctx, BodyLimit limit) throws IOException {
        return Utf8.decode(bytes(ctx, limit), "the request body");
    }

    /** The whole body, decompressed, up to {@code limit}, as bytes (whoever reads them checks their UTF-8). */
    static byte[] bytes(Context ctx, BodyLimit limit) throws IOException {
        Body body = open(ctx);
        int cap = (int) Math.min(limit.bytes(), MAX_ARRAY - 1);
        long declared = ctx.req().getContentLengthLong();
        try (InputStream in = body.decoded()) {
            if (!body.compressed() && declared >= 0 && declared <= cap) {
                return declaredLength(in, (int) declared);
            }
            byte[] bytes = in.readNBytes(cap + 1);
            if (bytes.length > cap) {
                long rest = drain(body.raw());
                throw tooLarge(body.compressed() ? -1 : bytes.length + rest, cap, limit.setBy());
            }
            return bytes;
        }
    }

    /**
     * A plain body of the length its Content-Length says, read into one array of that size (a
     * million roots: 11 MB), not in blocks then copied.
     */
    private static byte[] declaredLength(InputStream in, int length) throws IOException {
        byte[] bytes = new byte[length];
        int read = in.readNBytes(bytes, 0, length);
        if (read < length) { // the server reports a short body as an EOFException: never truncate quietly
            throw new RequestRefused(400, "the request body ended before its Content-Length of " + length
                    + " bytes (" + read + " came)");
        }
        return bytes;
    }

    /** The whole body as text, up to {@code --max-request-size} ({@code maxBytes}). */
    static String text(Context ctx, long maxBytes) throws IOException {
        return text(ctx, BodyLimit.maxRequestSize(maxBytes));
    }

    /**
     * Reads what is left of the request body, as it came, and drops it, so that a client still
     * sending (an error found early in a big graph) gets the error reply instead of a connection
     * reset.
     */
    static void discardRest(Context ctx) {
        try {
            drain(ctx.req().getInputStream());
        } catch (IOException | RuntimeException e) { // the client has gone, or sent less than it said: nothing to read
            // ignored
        }
    }

    /** The body as it came (buffered) and as it reads decompressed (the same stream if plain). */
    private record Body(InputStream raw, InputStream decoded, boolean compressed) {
    }

    private static Body open(Context ctx) throws IOException {
        InputStream raw = new BufferedInputStream(new EndChecked(ctx.req().getInputStream(),
                ctx.req().getContentLengthLong()), BUFFER);
        String encoding = ctx.header("Content-Encoding");
        if (encoding == null || encoding.isBlank() || encoding.equalsIgnoreCase("identity")) {
            return new Body(raw, raw, false);
        }
        if (!encoding.toLowerCase(Locale.ROOT).matches("(x-)?gzip|deflate")) {
            throw new RequestRefused(415, "unsupported Content-Encoding '" + encoding
                    + "' (expected gzip, deflate or none)");
        }
        raw.mark(2);
        int b0 = raw.read();
        int b1 = raw.read();
        raw.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            return new Body(raw, new Inflating(() -> new GZIPInputStream(raw, BUFFER), "a gzip stream", encoding), true);
        }
        if (b0 >= 0 && b1 >= 0 && (b0 & 0x0f) == 8 && ((b0 << 8) | b1) % 31 == 0) {
            return new Body(raw, new Inflating(() -> new InflaterInputStream(raw, new Inflater(), BUFFER) {
                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        inf.end(); // its native memory now, not when a GC gets to it (our own Inflater is not ended by close)
                    }
                }
            }, "a zlib stream", encoding), true);
        }
        // labelled compressed but is not: DALiuGE_COMPRESSED_JSON off, or a hand-made request
        return new Body(raw, raw, false);
    }

    private static long drain(InputStream in) throws IOException {
        long n = 0;
        byte[] buf = new byte[BUFFER];
        for (int r; (r = in.read(buf)) >= 0; ) {
            n += r;
        }
        return n;
    }

    /** Refuses the request with 415 unless its Content-Type is one of {@code accepted} (by prefix). */
    static void requireContentType(Context ctx, String... accepted) {
        String type = ctx.header("Content-Type");
        String t = type == null ? "" : type.toLowerCase(Locale.ROOT).trim();
        for (String a : accepted) {
            if (t.startsWith(a)) {
                return;
            }
        }
        throw new RequestRefused(415, "Content-Type must be " + String.join(" or ", accepted)
                + (type == null ? ", the request has none" : ", not '" + type + "'"));
    }

    /** @param size the body's size, or -1 when not known (a compressed body is not inflated to its end) */
    private static RequestRefused tooLarge(long size, long max, String setBy) {
        return new RequestRefused(413, (size < 0 ? "request body is over the limit of " + max
                + " bytes once decompressed" : "request body of " + size + " bytes is over the limit of " + max
                + " bytes") + " (" + setBy + ")");
    }

    /**
     * The body as the server gives it, where reaching its end early (the client stopped before
     * its Content-Length or its last chunk) is the client's mistake, a 400, not an I/O failure.
     */
    private static final class EndChecked extends FilterInputStream {
        private final long contentLength;

        EndChecked(InputStream in, long contentLength) {
            super(in);
            this.contentLength = contentLength;
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (EOFException e) {
                throw endedEarly(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (EOFException e) {
                throw endedEarly(e);
            }
        }

        private RequestRefused endedEarly(EOFException e) {
            return new RequestRefused(400, "the request body ended before "
                    + (contentLength >= 0 ? "its Content-Length of " + contentLength + " bytes" : "its last chunk")
                    + " (" + e.getMessage() + ")");
        }
    }

    /** A decompressing stream, made on first read, whose malformed input is the client's mistake: a 400. */
    private static final class Inflating extends InputStream {

        /** Makes the decompressing stream (a gzip one reads its header at once). */
        interface Opener {
            InputStream open() throws IOException;
        }

        private final Opener opener;
        private final String format;
        private final String encoding;
        private InputStream in;

        Inflating(Opener opener, String format, String encoding) {
            this.opener = opener;
            this.format = format;
            this.encoding = encoding;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                if (in == null) {
                    in = opener.open();
                }
                return in.read(b, off, len);
            } catch (ZipException | EOFException e) { // EOF: the compressed data stops in the middle
                throw new RequestRefused(400, "the request body (Content-Encoding: " + encoding + ", " + format
                        + ") is not valid compressed data: " + e.getMessage());
            }
        }

        @Override
        public void close() throws IOException {
            if (in != null) {
                in.close();
            }
        }
    }
}
