package dlg.core.graph;

import dlg.core.error.GraphProblem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a large graph (a plain JSON list of drops) in chunks that several threads parse at once:
 * one reader alone parses about 200 MB/s, and graphs come in hundreds of MB.
 *
 * <p>The caller reads the stream in 1 MB chunks and cuts each before the last element that the
 * bytes around it show to start a drop: {@code }, {"oid"}. Each chunk is then parsed as a list of
 * its own ({@code [} and {@code ]} take the place of the commas around it). A cut is only a
 * guess (the same bytes may open a nested object), but a good one is proven by the chunk before
 * it: a chunk that starts between two elements parses as a list only when its end is between two
 * elements too. So the chunks are taken in order, and the first one that does not parse, whatever
 * the reason, is read again with everything after it as one stream by one reader: it finds the
 * same drops, or reports the real problem with its line, column and element number.
 *
 * <p>The caller reads the next chunk while the parsers parse those before; it takes a chunk no
 * worker has started itself, so a busy or refusing executor slows the read but never stops it.
 * At most one chunk per parser waits to be taken.
 */
final class ChunkedRead {

    private static final Logger log = LoggerFactory.getLogger(ChunkedRead.class);

    static final int CHUNK = 1 << 20;
    /** What is read first, before a graph is known to need a chunk. */
    private static final int SMALL = 1 << 16;
    private static final byte[] COMMA = {','};
    /** How far before a cut of the second kind to look for one of the first. */
    private static final int OTHER_CUT_SEARCH = 64 << 10;

    private final int maxStringLength;
    /** Whether to keep each drop's bytes (then the chunks are kept, not reused). */
    private final boolean keepBytes;
    private final List<DropBytes.Run> runs = new ArrayList<>();
    private int dropsTaken;
    private final Executor parsers;
    private final int window;
    private final ArrayDeque<Chunk> pending = new ArrayDeque<>();
    private final ArrayDeque<byte[]> spare = new ArrayDeque<>();
    private final List<DropRecords> records = new ArrayList<>();
    private final List<GraphProblem> problems = new ArrayList<>();
    private RawJson repro;
    private int elements;
    /** Where the next chunk to be taken starts in the document. */
    private TextPosition next = TextPosition.FIRST;

    private ChunkedRead(int maxStringLength, Executor parsers, int parallelism, boolean keepBytes) {
        this.maxStringLength = maxStringLength;
        this.keepBytes = keepBytes;
        this.parsers = parsers;
        this.window = Math.max(1, parallelism);
    }

    static ParsedGraph read(InputStream in, int maxStringLength, Executor parsers, int parallelism,
                            boolean keepBytes) throws IOException {
        byte[] first = new byte[SMALL]; // most graphs are small: no MB buffer for each
        int filled = in.readNBytes(first, 0, SMALL);
        if (filled == SMALL) {
            first = Arrays.copyOf(first, CHUNK);
            filled += in.readNBytes(first, SMALL, CHUNK - SMALL);
        }
        if (filled < CHUNK) {
            return GraphReader.readWhole(first, filled, maxStringLength, keepBytes);
        }
        if (!startsDropList(first, filled)) { // the translator's wrapper
            return GraphReader.read(new SequenceInputStream(new ByteArrayInputStream(first), in), maxStringLength);
        }
        return new ChunkedRead(maxStringLength, parsers, parallelism, keepBytes).readAll(first, in);
    }

    /** Whether the text starts with a list whose first element is an object. */
    static boolean startsDropList(byte[] b, int length) {
        int i = skipSpace(b, 0, length);
        if (i == length || b[i] != '[') {
            return false;
        }
        i = skipSpace(b, i + 1, length);
        return i < length && b[i] == '{';
    }

    private ParsedGraph readAll(byte[] first, InputStream in) throws IOException {
        byte[] buf = first;
        int filled = first.length;
        int from = 0; // where to look for a cut: the tail carried over may hold none
        while (true) {
            int cut = lastCut(buf, from, filled);
            if (cut < 0) { // one element larger than the buffer: read on into a larger one
                buf = Arrays.copyOf(buf, buf.length * 2);
                int more = in.readNBytes(buf, filled, buf.length - filled);
                filled += more;
                if (filled < buf.length) {
                    return finish(buf, filled);
                }
                continue;
            }
            byte[] nextBuf = spareBuffer(filled - cut);
            int tail = filled - cut - 1;
            nextBuf[0] = '[';
            System.arraycopy(buf, cut + 1, nextBuf, 1, tail);
            buf[cut] = ']';
            if (submit(new Chunk(buf, cut + 1, false))) {
                return fallback(new SequenceInputStream(new ByteArrayInputStream(nextBuf, 1, tail), in));
            }
            buf = nextBuf;
            filled = 1 + tail;
            from = 1;
            filled += in.readNBytes(buf, filled, buf.length - filled);
            if (filled < buf.length) {
                return finish(buf, filled);
            }
        }
    }

    private byte[] spareBuffer(int atLeast) {
        byte[] b = spare.poll();
        return b != null && b.length >= atLeast + CHUNK / 2 ? b : new byte[Math.max(CHUNK, atLeast + CHUNK / 2)];
    }

    /** The last chunk; then the whole graph. */
    private ParsedGraph finish(byte[] buf, int filled) throws IOException {
        if (submit(new Chunk(buf, filled, true))) {
            return fallback(InputStream.nullInputStream());
        }
        while (!pending.isEmpty()) {
            if (take(pending.peek())) {
                return fallback(InputStream.nullInputStream());
            }
        }
        return GraphReader.parsed(null, records, repro, problems, DropBytes.of(runs));
    }

    /**
     * Hands a chunk to the parsers once fewer than {@code window} are with them, taking the oldest
     * first if need be (so at most that many chunks are parsed at once); true if one failed.
     */
    private boolean submit(Chunk c) {
        while (pending.size() >= window) { // no more chunks with the parsers than they are
            if (take(pending.peek())) {
                pending.add(c); // read again with the failed one
                return true;
            }
        }
        pending.add(c);
        try {
            parsers.execute(c::parseIfUnclaimed);
        } catch (RejectedExecutionException e) {
            // the caller parses it when its turn comes
        }
        return false;
    }

    /** Adds the oldest chunk's drops (parsing it here if no worker has begun); true if it failed. */
    private boolean take(Chunk c) {
        ReadPart part = c.result();
        if (part == null) {
            return true; // left in pending: the fallback reads it again
        }
        pending.poll();
        records.add(part.records());
        if (keepBytes) {
            runs.add(new DropBytes.Run(dropsTaken, c.bytes, part.ranges(), part.records().size()));
        }
        dropsTaken += part.records().size();
        problems.addAll(part.problemsAfter(elements));
        elements += part.elements();
        if (part.repro() != null) {
            repro = part.repro();
        }
        next = next.plus(part.listEnd().line(), part.listEnd().column());
        if (!keepBytes && !c.last && c.bytes.length == CHUNK && spare.size() < window) {
            spare.add(c.bytes);
        }
        return false;
    }

    /**
     * Reads the pending chunks (the first of which did not parse) and the rest of the stream as
     * one: the same drops if a cut was only misplaced, the real problem otherwise.
     */
    private ParsedGraph fallback(InputStream rest) throws IOException {
        log.info("a chunk of the graph did not parse as a list after element #{}: the rest is read as one stream",
                elements);
        List<InputStream> parts = new ArrayList<>();
        boolean first = true;
        for (Chunk c : pending) {
            int from = first ? 0 : 1; // the first keeps its '[' (or the document's start), the others follow a comma
            parts.add(new ByteArrayInputStream(c.bytes, from, (c.last ? c.length : c.length - 1) - from));
            if (!c.last) {
                parts.add(new ByteArrayInputStream(COMMA));
            }
            first = false;
        }
        parts.add(rest);
        ReadPart part = GraphReader.readRest(new SequenceInputStream(Collections.enumeration(parts)),
                maxStringLength, elements, next);
        records.add(part.records());
        problems.addAll(part.problems());
        return GraphReader.parsed(null, records, part.repro() != null ? part.repro() : repro, problems,
                DropBytes.of(runs)); // the drops read here have none
    }

    /**
     * The position of the last comma in {@code b[from, to)} that looks like it separates two
     * drops ({@code }, {"oid"}, spaces allowed), else of the last {@code }, {} (if no drop's start is
     * found within 64 KB before it), else -1. A
     * {@code "oid"} right after a brace is never inside a string (a string's quote there would
     * end it, and JSON allows no name right after a string).
     */
    static int lastCut(byte[] b, int from, int to) {
        int other = -1;
        for (int i = to - 1; i > from && (other < 0 || other - i < OTHER_CUT_SEARCH); i--) {
            if (b[i] != '{') {
                continue;
            }
            int j = skipSpaceBack(b, i - 1, from);
            if (j <= from || b[j] != ',') {
                continue;
            }
            int comma = j;
            j = skipSpaceBack(b, j - 1, from);
            if (j < from || b[j] != '}') {
                continue;
            }
            int k = skipSpace(b, i + 1, to);
            if (k + 5 <= to && b[k] == '"' && b[k + 1] == 'o' && b[k + 2] == 'i' && b[k + 3] == 'd'
                    && b[k + 4] == '"') {
                return comma;
            }
            if (other < 0) {
                other = comma;
            }
        }
        return other;
    }

    private static int skipSpace(byte[] b, int i, int to) {
        while (i < to && isSpace(b[i])) {
            i++;
        }
        return i;
    }

    private static int skipSpaceBack(byte[] b, int i, int from) {
        while (i >= from && isSpace(b[i])) {
            i--;
        }
        return i;
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t';
    }

    /** A chunk as a list of its own: {@code bytes[0, length)}, whoever parses it first. */
    private final class Chunk {
        final byte[] bytes;
        final int length;
        final boolean last;
        private final AtomicBoolean claimed = new AtomicBoolean();
        private final CompletableFuture<ReadPart> parsed = new CompletableFuture<>();

        Chunk(byte[] bytes, int length, boolean last) {
            this.bytes = bytes;
            this.length = length;
            this.last = last;
        }

        void parseIfUnclaimed() {
            if (claimed.compareAndSet(false, true)) {
                try {
                    parsed.complete(GraphReader.readChunk(bytes, length, maxStringLength, keepBytes));
                } catch (IOException | RuntimeException e) {
                    parsed.complete(null);
                } catch (Error e) { // out of memory, say: the caller fails with it instead of waiting forever
                    parsed.completeExceptionally(e);
                    throw e;
                }
            }
        }

        /** Its drops, or null when it does not parse as a list. */
        ReadPart result() {
            try {
                parseIfUnclaimed();
                return parsed.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw e;
            }
        }
    }
}
