package dlg.core.graph;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The bytes each drop of a graph had in the document it was read from, kept by a reader asked to
 * (see {@link GraphReader#readKeepingBytes}): a composite manager forwards a drop it does not
 * change as these bytes instead of writing its spec again, which costs as much as reading it.
 * Its NodeManager reads them as the composite did, so it gets the same spec.
 *
 * <p>Holds the document's text (in the chunks it was read in) for as long as it is referenced:
 * a graph is forwarded, then its bytes are let go ({@link ParsedGraph#withoutBytes()}).
 */
public final class DropBytes {

    /** No drop's bytes. */
    public static final DropBytes NONE = new DropBytes(List.of(), null);

    /** A run of drops read from one text: drop {@code first + k} is {@code text[ranges[2k], ranges[2k + 1])}. */
    record Run(int first, byte[] text, int[] ranges, int count) {
    }

    private final List<Run> runs;
    /** By drop of this view, its drop among the runs', or -1 if it has none; null for the runs' own order. */
    private final int[] drops;

    private DropBytes(List<Run> runs, int[] drops) {
        this.runs = runs;
        this.drops = drops;
    }

    static DropBytes of(List<Run> runs) {
        return runs.isEmpty() ? NONE : new DropBytes(List.copyOf(runs), null);
    }

    /**
     * A view of some drops: drop {@code j} of the view is drop {@code drops[j]} of this one, or
     * has no bytes when that is -1 (a drop that was changed).
     */
    public DropBytes select(int[] drops) {
        if (this == NONE) {
            return NONE;
        }
        int[] map = drops.clone();
        if (this.drops != null) {
            for (int j = 0; j < map.length; j++) {
                map[j] = map[j] < 0 ? -1 : this.drops[map[j]];
            }
        }
        return new DropBytes(runs, map);
    }

    /** Writes drop {@code i}'s bytes as a value of {@code g}; false (nothing written) when it has none. */
    public boolean write(JsonGenerator g, int i, Slice reusable) throws IOException {
        int d = drops == null ? i : i < drops.length ? drops[i] : -1;
        if (d < 0 || runs.isEmpty()) {
            return false;
        }
        Run run = run(d);
        if (run == null) {
            return false;
        }
        int k = d - run.first;
        reusable.set(run.text, run.ranges[2 * k], run.ranges[2 * k + 1]);
        g.writeRawValue(reusable);
        return true;
    }

    private Run run(int drop) {
        int lo = 0;
        int hi = runs.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Run r = runs.get(mid);
            if (drop < r.first) {
                hi = mid - 1;
            } else if (drop >= r.first + r.count) {
                lo = mid + 1;
            } else {
                return r;
            }
        }
        return null;
    }

    /**
     * A drop's bytes as Jackson writes raw values: copied straight into its output buffer, never
     * decoded to characters and encoded back. One per writer, set for each drop.
     */
    public static final class Slice implements SerializableString {
        private byte[] text;
        private int from;
        private int to;

        void set(byte[] text, int from, int to) {
            this.text = text;
            this.from = from;
            this.to = to;
        }

        @Override
        public String getValue() {
            return new String(text, from, to - from, StandardCharsets.UTF_8);
        }

        @Override
        public int charLength() {
            return getValue().length();
        }

        @Override
        public char[] asQuotedChars() {
            throw new UnsupportedOperationException("a raw JSON value is never quoted");
        }

        @Override
        public byte[] asUnquotedUTF8() {
            return Arrays.copyOfRange(text, from, to);
        }

        @Override
        public byte[] asQuotedUTF8() {
            throw new UnsupportedOperationException("a raw JSON value is never quoted");
        }

        @Override
        public int appendQuotedUTF8(byte[] buffer, int offset) {
            throw new UnsupportedOperationException("a raw JSON value is never quoted");
        }

        @Override
        public int appendQuoted(char[] buffer, int offset) {
            throw new UnsupportedOperationException("a raw JSON value is never quoted");
        }

        @Override
        public int appendUnquotedUTF8(byte[] buffer, int offset) {
            int length = to - from;
            if (offset + length > buffer.length) {
                return -1; // the generator then writes asUnquotedUTF8()
            }
            System.arraycopy(text, from, buffer, offset, length);
            return length;
        }

        @Override
        public int appendUnquoted(char[] buffer, int offset) {
            String s = getValue();
            if (offset + s.length() > buffer.length) {
                return -1;
            }
            s.getChars(0, s.length(), buffer, offset);
            return s.length();
        }

        @Override
        public int writeQuotedUTF8(OutputStream out) {
            throw new UnsupportedOperationException("a raw JSON value is never quoted");
        }

        @Override
        public int writeUnquotedUTF8(OutputStream out) throws IOException {
            out.write(text, from, to - from);
            return to - from;
        }

        @Override
        public int putQuotedUTF8(ByteBuffer buffer) {
            throw new UnsupportedOperationException("a raw JSON value is never quoted");
        }

        @Override
        public int putUnquotedUTF8(ByteBuffer buffer) {
            int length = to - from;
            if (length > buffer.remaining()) {
                return -1;
            }
            buffer.put(text, from, length);
            return length;
        }
    }
}
