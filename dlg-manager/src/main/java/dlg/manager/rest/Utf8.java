package dlg.manager.rest;

import io.javalin.http.Context;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Text from a request, decoded strictly: bytes that are not UTF-8 are refused with 400 naming
 * where they are, as Jackson refuses them in a graph, instead of being silently replaced with
 * U+FFFD (a session id {@code "\xff\xfe"} would otherwise become another, made-up one). Jetty
 * itself refuses such %-escapes in the path.
 */
final class Utf8 {

    private Utf8() {
    }

    /** @param what what the bytes are, for the error ("the request body") */
    static String decode(byte[] bytes, String what) {
        String text = new String(bytes, StandardCharsets.UTF_8); // the fast way, for the lists of millions of uids
        if (text.indexOf('\uFFFD') >= 0) { // a replacement, or that character really sent
            check(bytes, what);
        }
        return text;
    }

    private static void check(byte[] bytes, String what) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(8192);
        CoderResult r;
        do { // decoded a buffer at a time, and dropped: only where it fails matters
            out.clear();
            r = decoder.decode(in, out, true);
        } while (r.isOverflow());
        if (r.isError()) {
            throw new RequestRefused(400, what + " is not valid UTF-8: byte " + in.position()
                    + " starts an invalid sequence (0x" + Integer.toHexString(bytes[in.position()] & 0xff) + ")");
        }
    }

    /**
     * Undoes %-escapes (and {@code +} for a space, as forms and query strings have it).
     *
     * @throws RequestRefused 400 for a malformed escape or escaped bytes that are not UTF-8
     */
    static String percentDecode(String s, String what) {
        if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
            return s;
        }
        // one pass into one array: a form's million uids have a million escaped commas ("%2C")
        byte[] bytes = new byte[s.length()];
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '+') {
                bytes[n++] = ' ';
            } else if (c < 0x80 && c != '%') {
                bytes[n++] = (byte) c;
            } else if (c != '%') { // not ASCII: its UTF-8 bytes, the run of such characters at once
                int end = i;
                while (end < s.length() && s.charAt(end) >= 0x80) {
                    end++;
                }
                byte[] utf8 = s.substring(i, end).getBytes(StandardCharsets.UTF_8);
                if (n + utf8.length > bytes.length) {
                    bytes = Arrays.copyOf(bytes, Math.max(2 * bytes.length, n + utf8.length));
                }
                System.arraycopy(utf8, 0, bytes, n, utf8.length);
                n += utf8.length;
                i = end - 1;
            } else {
                int hi = i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
                int lo = hi >= 0 ? Character.digit(s.charAt(i + 2), 16) : -1;
                if (lo < 0) {
                    throw new RequestRefused(400, what + " has a malformed %-escape at character " + i
                            + ": '" + s.substring(i, Math.min(s.length(), i + 3)) + "'");
                }
                bytes[n++] = (byte) (hi << 4 | lo);
                i += 2;
            }
        }
        return decode(n == bytes.length ? bytes : Arrays.copyOf(bytes, n), what + " (once %-decoded)");
    }

    /** Refuses a query string whose parameters would be decoded to something else than what was sent. */
    static void checkQuery(Context ctx) {
        String query = ctx.req().getQueryString();
        if (query != null) {
            percentDecode(query, "the query string");
        }
    }
}
