package dlg.manager.rest;

import io.javalin.http.Context;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * Reads request bodies as DALiuGE's Python client sends them: chunked (the server undoes that),
 * and for {@code graph/append} labelled {@code Content-Encoding: gzip} while really a zlib stream.
 * The first bytes tell which it is: {@code 1f 8b} is gzip, a valid zlib header is zlib, anything
 * else is taken as plain.
 */
final class RequestBodies {

    private RequestBodies() {
    }

    /** The body as a stream, decompressed if labelled so, with no size limit (graphs are huge). */
    static InputStream stream(Context ctx) throws IOException {
        InputStream raw = new BufferedInputStream(ctx.req().getInputStream(), 1 << 16);
        String encoding = ctx.header("Content-Encoding");
        if (encoding == null || encoding.isBlank() || encoding.equalsIgnoreCase("identity")) {
            return raw;
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
            return new GZIPInputStream(raw, 1 << 16);
        }
        if (b0 >= 0 && b1 >= 0 && (b0 & 0x0f) == 8 && ((b0 << 8) | b1) % 31 == 0) {
            return new InflaterInputStream(raw, new java.util.zip.Inflater(), 1 << 16);
        }
        return raw; // labelled compressed but is not: DALiuGE_COMPRESSED_JSON off, or a hand-made request
    }

    /**
     * The whole body as text, refused with 413 when over {@code maxBytes}. An oversized body is
     * still read to its end (and dropped): a client that sends its whole body before reading the
     * reply, as Python's does, would otherwise see a broken pipe instead of the 413.
     */
    static String text(Context ctx, long maxBytes) throws IOException {
        try (InputStream in = stream(ctx)) {
            byte[] body = in.readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 8));
            if (body.length > maxBytes) {
                long total = body.length + drain(in);
                throw tooLarge(total, maxBytes);
            }
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** The whole body as text, however large (bodies that grow with the graph: deploy, trigger). */
    static String text(Context ctx) throws IOException {
        try (InputStream in = stream(ctx)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * Reads what is left of the request body and drops it, so that a client still sending (an
     * error found early in a big graph) gets the error reply instead of a connection reset.
     */
    static void discardRest(Context ctx) {
        try {
            drain(ctx.req().getInputStream());
        } catch (IOException | RuntimeException e) { // the client has gone: nothing to tell it
            // ignored
        }
    }

    private static long drain(InputStream in) throws IOException {
        long n = 0;
        byte[] buf = new byte[1 << 16];
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

    static RequestRefused tooLarge(long size, long max) {
        return new RequestRefused(413, "request body of " + size + " bytes is over the limit of "
                + max + " bytes (--max-request-size)");
    }
}
