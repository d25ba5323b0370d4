package dlg.core.graph;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import dlg.core.error.GraphProblem;
import dlg.core.error.InvalidGraphException;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Streams a physical graph's JSON into {@link DropSpec}s without building a JSON tree per drop:
 * one pass over the tokens, scalars kept as Java values, nested values kept as {@link RawJson}.
 *
 * <p>Accepts DALiuGE's v6 format ({@code categoryType} + {@code dropclass}), the legacy format
 * ({@code type}, {@code storage}, {@code app}), the translator's {@code ["name", [drops]]} wrapper,
 * and a trailing {@code {}} or {@code {"rmode": ...}} element. Malformed JSON throws
 * {@link InvalidGraphException} at once; problems of single drops are collected in
 * {@link ParsedGraph#problems()} so that validation can report them all together.
 *
 * <p>While reading, it also takes what indexing needs of each drop ({@link DropRecords}), and
 * at the end indexes the drops' oids and resolves their links to positions ({@link PartIndex}).
 * Oids are looked up by their characters among the few read last before a String is made of
 * them, so that a link and the drop it names (mostly close by) share one; Strings that many drops
 * repeat (classes, nodes, islands) are shared likewise.
 *
 * <p>Not thread-safe: use one reader per document.
 */
public final class GraphReader {

    public static final String SOCKET_CLASS = "dlg.apps.socket_listener.SocketListenerApp";
    public static final String DEFAULT_DATA_CLASS = "dlg.data.drops.file.FileDROP";

    /**
     * Characters a JSON string of a graph may have unless told otherwise: a pydata value or a
     * script may be large, but a graph streamed from anyone must not make one String of GBs.
     */
    public static final int DEFAULT_MAX_STRING_LENGTH = 64 << 20;

    private static final JsonFactory JSON = factory(DEFAULT_MAX_STRING_LENGTH);
    /** A factory per string limit (a process uses one or two). */
    private static final Map<Integer, JsonFactory> FACTORIES =
            new ConcurrentHashMap<>(Map.of(DEFAULT_MAX_STRING_LENGTH, JSON));

    /** Legacy {@code storage} names and what DALiuGE creates for them. */
    private static final Map<String, String> STORAGE_CLASSES = Map.of(
            "memory", "dlg.data.drops.memory.InMemoryDROP",
            "file", "dlg.data.drops.file.FileDROP",
            "null", "dlg.data.drops.data_base.NullDROP",
            "sharedmemory", "dlg.data.drops.memory.SharedMemoryDROP",
            "ngas", "dlg.data.drops.ngas.NgasDROP",
            "json", "dlg.data.drops.json_drop.JsonDROP",
            "parameterset", "dlg.data.drops.parset_drop.ParameterSetDROP",
            "s3", "dlg.data.drops.s3_drop.S3DROP");

    /** Size of the cache of recent oids (a power of two). */
    private static final int RECENT = 1024;

    private final List<GraphProblem> problems = new ArrayList<>();
    /** Shares one String instance between the many drops that repeat a class, node or island. */
    private final RepeatedStrings categoryTypes = new RepeatedStrings();
    private final RepeatedStrings classes = new RepeatedStrings();
    private final RepeatedStrings places = new RepeatedStrings();
    /** The categories of the last (canonical) categoryType values seen, by identity. */
    private final String[] categoryTypesSeen = new String[4];
    private final Category[] categoriesSeen = new Category[4];
    private int categorySeenNext;
    /** The drops read. */
    private final DropRecords records = new DropRecords();
    /** The oids read last (drops' and links'), by their hash: a direct-mapped cache. */
    private final String[] recentNames = new String[RECENT];
    private final int[] recentHashes = new int[RECENT];
    /** The links and the parameters of the drop being read. */
    private final List<Link> links = new ArrayList<>();
    private final ParamMap.Builder params = ParamMap.builder();
    private final ParamMap.Sharing sharedParams = new ParamMap.Sharing();
    private int element;
    /** Elements of the graph before this reader's first (it reads the rest of a graph read in chunks). */
    private int elementBase;
    /** The problems of {@link #problems} that name an element by its number: their index, element and text. */
    private final List<ReadPart.ElementProblem> elementProblems = new ArrayList<>();
    /** Where this reader's text starts in the document, for the positions of malformed JSON. */
    private TextPosition start = TextPosition.FIRST;
    /** Where the list of drops closed (its ']'), in this reader's text. */
    private TextPosition listEnd;
    /** The byte ranges of the drops read (start, end, start, end...) when asked to keep them, else null. */
    private int[] ranges;
    /** The oid of the drop being read, once read, and the key whose value is being read (for errors). */
    private String currentOid;
    private String currentKey;

    private GraphReader() {
    }

    private static JsonFactory factory(int maxStringLength) {
        return JsonFactory.builder()
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS) // Python's json writes NaN and Infinity
                .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS) // so a nested NaN kept as RawJson stays a number
                .disable(StreamReadFeature.AUTO_CLOSE_SOURCE) // the caller owns the stream
                .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(maxStringLength).build())
                .build();
    }

    private void elementProblem(String text) {
        elementProblems.add(new ReadPart.ElementProblem(problems.size(), element, text));
        problems.add(ReadPart.ElementProblem.render(elementBase + element, text));
    }

    /** Reads a whole graph document, strings of up to {@link #DEFAULT_MAX_STRING_LENGTH}; does not close {@code in}. */
    public static ParsedGraph read(InputStream in) throws IOException {
        return read(in, DEFAULT_MAX_STRING_LENGTH);
    }

    /**
     * Reads a whole graph document; does not close {@code in}.
     *
     * @param maxStringLength characters a JSON string may have: a longer one is refused, naming
     *     its drop and key, once this many are read (one nested in a list or an object, within
     *     a buffer segment more)
     */
    public static ParsedGraph read(InputStream in, int maxStringLength) throws IOException {
        GraphReader reader = new GraphReader();
        String name = reader.readAll(in, maxStringLength);
        return parsed(name, List.of(reader.records), reader.repro, reader.problems);
    }

    /**
     * Reads a whole graph document, its chunks parsed by {@code parsers} at the same time when
     * it is large (see {@link ChunkedRead}); does not close {@code in}.
     *
     * @param parallelism how many chunks {@code parsers} may parse at once
     */
    public static ParsedGraph read(InputStream in, int maxStringLength, Executor parsers, int parallelism)
            throws IOException {
        return ChunkedRead.read(in, maxStringLength, parsers, parallelism, false);
    }

    /**
     * As {@link #read(InputStream, int, Executor, int)}, keeping the bytes of each drop as it
     * came ({@link ParsedGraph#bytes()}) for a manager that forwards them. Drops read after a
     * problem in the text's structure, or in the translator's wrapper, may have none.
     */
    public static ParsedGraph readKeepingBytes(InputStream in, int maxStringLength, Executor parsers,
                                               int parallelism) throws IOException {
        return ChunkedRead.read(in, maxStringLength, parsers, parallelism, true);
    }

    public static ParsedGraph read(String json) {
        GraphReader reader = new GraphReader();
        try (JsonParser p = JSON.createParser(json)) {
            String name = reader.readDocument(p);
            return parsed(name, List.of(reader.records), reader.repro, reader.problems);
        } catch (JsonProcessingException e) {
            throw reader.malformed(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a document into this reader; returns its name (the translator's wrapper's) or null. */
    private String readAll(InputStream in, int maxStringLength) throws IOException {
        return readAll(cachedFactory(maxStringLength).createParser(in), maxStringLength);
    }

    /** Reads a document from {@code p} into this reader, then closes {@code p}. */
    private String readAll(JsonParser parser, int maxStringLength) throws IOException {
        try (JsonParser p = parser) {
            return readDocument(p);
        } catch (StreamConstraintsException e) {
            throw overLimit(e, maxStringLength);
        } catch (JsonProcessingException e) {
            throw malformed(e);
        }
    }

    private static JsonFactory cachedFactory(int maxStringLength) {
        return FACTORIES.computeIfAbsent(maxStringLength, GraphReader::factory);
    }

    /** Reads a whole document held in {@code bytes[0, length)}, keeping its drops' bytes if asked. */
    static ParsedGraph readWhole(byte[] bytes, int length, int maxStringLength, boolean keepBytes) throws IOException {
        GraphReader reader = new GraphReader();
        reader.ranges = keepBytes ? new int[Math.max(64, length / 64)] : null;
        String name = reader.readAll(cachedFactory(maxStringLength).createParser(bytes, 0, length), maxStringLength);
        return parsed(name, List.of(reader.records), reader.repro, reader.problems,
                keepBytes ? DropBytes.of(List.of(reader.run(0, bytes))) : DropBytes.NONE);
    }

    /** The bytes of the drops this reader kept, the first being drop {@code first} of a graph. */
    private DropBytes.Run run(int first, byte[] text) {
        return new DropBytes.Run(first, text, ranges, records.size());
    }

    /**
     * Reads one chunk of a plain list's elements, given as a list of its own ({@code [} elements
     * {@code ]}) that starts at {@code start} of the document.
     *
     * @throws IOException or a {@link RuntimeException} when the chunk is not such a list, for
     *     whatever reason: its reader ({@link ChunkedRead}) then reads the rest of the document as
     *     one, which tells why
     */
    static ReadPart readChunk(byte[] bytes, int length, int maxStringLength, boolean keepBytes) throws IOException {
        GraphReader reader = new GraphReader();
        reader.ranges = keepBytes ? new int[Math.max(64, length / 64)] : null;
        try (JsonParser p = cachedFactory(maxStringLength).createParser(bytes, 0, length)) {
            if (reader.readDocument(p) != null) {
                throw new IllegalStateException("a chunk is a plain list");
            }
        }
        return reader.part();
    }

    /** Reads the rest of a document read in chunks: elements from {@code elementBase + 1} on, from {@code start}. */
    static ReadPart readRest(InputStream in, int maxStringLength, int elementBase, TextPosition start)
            throws IOException {
        GraphReader reader = new GraphReader();
        reader.elementBase = elementBase;
        reader.start = start;
        if (reader.readAll(in, maxStringLength) != null) {
            throw new IllegalStateException("the rest of a plain list is a plain list");
        }
        return reader.part();
    }

    private ReadPart part() {
        return new ReadPart(records, problems, elementProblems, element, repro, listEnd, ranges);
    }

    static ParsedGraph parsed(String name, List<DropRecords> parts, RawJson repro, List<GraphProblem> problems) {
        return parsed(name, parts, repro, problems, DropBytes.NONE);
    }

    static ParsedGraph parsed(String name, List<DropRecords> parts, RawJson repro, List<GraphProblem> problems,
                              DropBytes bytes) {
        int n = 0;
        for (DropRecords r : parts) {
            n += r.size();
        }
        DropSpec[] drops = new DropSpec[n];
        int at = 0;
        for (DropRecords r : parts) {
            r.copySpecs(drops, at);
            at += r.size();
        }
        return new ParsedGraph(name, new IndexedDrops(drops, PartIndex.ofRecords(parts)), repro, problems, bytes);
    }

    /** A string over the limit names its drop (if its oid came first) and key; another limit is malformed JSON. */
    private InvalidGraphException overLimit(StreamConstraintsException e, int maxStringLength) {
        if (!e.getOriginalMessage().startsWith("String value length")) { // nesting depth, number length, name length
            return malformed(e);
        }
        String what = (currentKey == null ? "a value" : "its '" + currentKey + "'")
                + " holds a string longer than the limit of " + maxStringLength + " characters (--max-string-size)";
        return new InvalidGraphException(currentOid != null ? new GraphProblem(currentOid, what)
                : GraphProblem.ofGraph("element #" + element + " of the graph: " + what));
    }

    private InvalidGraphException malformed(JsonProcessingException e) {
        var loc = e.getLocation();
        String where = "";
        if (loc != null) {
            TextPosition at = start.plus(loc.getLineNr(), loc.getColumnNr());
            where = " at line " + at.line() + ", column " + at.column();
        }
        return new InvalidGraphException(GraphProblem.ofGraph(
                "malformed JSON" + where + ": " + e.getOriginalMessage()));
    }

    // ---- Document structure ----

    /** The drops' repro element (the trailing {@code {"rmode": ...}}), once read. */
    private RawJson repro;

    /** Reads a document into this reader; returns its name (the translator's wrapper's) or null. */
    private String readDocument(JsonParser p) throws IOException {
        JsonToken first = p.nextToken();
        if (first != JsonToken.START_ARRAY) {
            throw new InvalidGraphException(GraphProblem.ofGraph(
                    "a physical graph must be a JSON list of drop specs, not " + describe(first)));
        }
        String name = null;
        JsonToken t = p.nextToken();
        if (t == JsonToken.VALUE_STRING) { // the translator's ["name", [drops]] wrapper
            name = p.getText();
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new InvalidGraphException(GraphProblem.ofGraph(
                        "a [\"name\", [drops]] graph must have the list of drops as its second element"));
            }
            repro = readDrops(p, p.nextToken());
            listEnd = position(p.currentTokenLocation());
            if (p.nextToken() != JsonToken.END_ARRAY) {
                throw new InvalidGraphException(GraphProblem.ofGraph(
                        "a [\"name\", [drops]] graph must have exactly two elements"));
            }
        } else {
            repro = readDrops(p, t);
            listEnd = position(p.currentTokenLocation());
        }
        if (p.nextToken() != null) {
            throw new InvalidGraphException(GraphProblem.ofGraph(
                    "unexpected content after the graph's closing ']' at line "
                            + start.plus(p.currentLocation().getLineNr(), 1).line()));
        }
        return name;
    }

    private static TextPosition position(com.fasterxml.jackson.core.JsonLocation at) {
        return new TextPosition(at.getLineNr(), at.getColumnNr());
    }

    /** Reads list elements from {@code t} up to the list's END_ARRAY; returns the repro element. */
    private RawJson readDrops(JsonParser p, JsonToken t) throws IOException {
        RawJson repro = null;
        for (; t != JsonToken.END_ARRAY; t = p.nextToken()) {
            element++;
            if (t == null) {
                throw new InvalidGraphException(GraphProblem.ofGraph("the graph's list is not closed"));
            }
            if (t != JsonToken.START_OBJECT) {
                elementProblem(" of the graph is " + describe(t) + ", not a drop spec object");
                p.skipChildren();
                continue;
            }
            currentOid = null;
            currentKey = null;
            long start = ranges == null ? 0 : p.currentTokenLocation().getByteOffset();
            Object spec = readDrop(p);
            if (spec instanceof DropSpec d) {
                if (ranges != null) {
                    keepRange(start, p.currentLocation().getByteOffset());
                }
                records.add(d);
            } else if (spec instanceof RawJson r) {
                repro = r;
            }
        }
        return repro;
    }

    private void keepRange(long start, long end) {
        int k = 2 * records.size();
        if (k + 2 > ranges.length) {
            ranges = java.util.Arrays.copyOf(ranges, Math.max(64, ranges.length * 2));
        }
        ranges[k] = (int) start;
        ranges[k + 1] = (int) end;
    }

    // ---- One drop ----

    /** Returns a DropSpec, a RawJson (the reproducibility element), or null (empty or broken). */
    private Object readDrop(JsonParser p) throws IOException {
        String oid = null;
        String uid = null;
        String categoryType = null;
        String legacyType = null;
        String dropClass = null;
        String appClass = null;
        String legacyApp = null;
        String storage = null;
        String name = null;
        String node = null;
        String island = null;
        links.clear();
        Map<String, AppArg> appArgs = Map.of();
        params.clear();
        int keys = 0;
        String oidIsNot = null; // what a non-string oid or uid is instead
        String uidIsNot = null;
        for (String key = p.nextFieldName(); key != null; key = p.nextFieldName()) {
            keys++;
            currentKey = key;
            JsonToken t = p.nextToken();
            switch (key) {
                case "oid" -> {
                    oidIsNot = notAString(p, t);
                    currentOid = oid = oid(p, t);
                }
                case "uid" -> {
                    uidIsNot = notAString(p, t);
                    uid = text(p, t);
                }
                case "categoryType" -> categoryType = repeated(p, t, categoryTypes);
                case "dropclass" -> dropClass = repeated(p, t, classes);
                case "name" -> name = text(p, t);
                case "node" -> node = repeated(p, t, places);
                case "island" -> island = repeated(p, t, places);
                case "inputs", "outputs", "streamingInputs", "consumers", "streamingConsumers",
                     "producers", "children", "parent" -> readLinks(p, t, LinkType.ofKey(key));
                case "applicationArgs" -> {
                    Object raw = value(p, t);
                    params.put(key, raw);
                    if (raw instanceof RawJson json) {
                        appArgs = AppArgs.parse(JSON, json);
                    }
                }
                default -> {
                    Object value = value(p, t);
                    params.put(key, value);
                    switch (key) {
                        case "type" -> legacyType = value instanceof String s ? s : null;
                        case "appclass" -> appClass = value instanceof String s ? s : null;
                        case "app" -> legacyApp = value instanceof String s ? s : null;
                        case "storage" -> storage = value instanceof String s ? s : null;
                        default -> { }
                    }
                }
            }
        }
        ParamMap built = sharedParams.build(params);
        if (oidIsNot != null) { // a number would be taken as its digits, an object as no oid at all
            elementProblem(" of the graph: its 'oid' is " + oidIsNot + ", not a string");
            return null;
        }
        if (uidIsNot != null) {
            String what = "its 'uid' is " + uidIsNot + ", not a string";
            if (oid == null || oid.isEmpty()) {
                elementProblem(" of the graph: " + what);
            } else {
                problems.add(new GraphProblem(oid, what));
            }
            return null;
        }
        if (oid == null || oid.isEmpty()) {
            if (keys == 0) {
                return null; // the translator's empty trailer
            }
            if (built.containsKey("rmode")) {
                return reproElement(built);
            }
            elementProblem(" of the graph has no 'oid'");
            return null;
        }
        Category category = category(oid, categoryType, legacyType);
        if (category == null) {
            return null;
        }
        String effectiveClass = switch (category) {
            case APPLICATION -> firstNonNull(dropClass, appClass, legacyApp);
            case SOCKET -> dropClass != null ? dropClass : SOCKET_CLASS;
            case DATA -> dropClass != null ? dropClass : storageClass(storage);
            case CONTAINER -> dropClass != null ? dropClass : "dlg.data.drops.container.ContainerDROP";
        };
        if (effectiveClass == null) {
            problems.add(new GraphProblem(oid, "application drop has no 'dropclass'"));
            return null;
        }
        if (effectiveClass.startsWith("dfms.")) { // DALiuGE's old package name
            effectiveClass = "dlg." + effectiveClass.substring("dfms.".length());
        }
        return new DropSpec(oid, uid == null || uid.isEmpty() || uid.equals(oid) ? oid : uid, category,
                effectiveClass == dropClass ? dropClass : classes.of(effectiveClass), name, node, island, links,
                built, appArgs);
    }

    private Category category(String oid, String categoryType, String legacyType) {
        if (categoryType != null) {
            Category c = null;
            for (int i = 0; i < categoryTypesSeen.length && c == null; i++) {
                if (categoryTypesSeen[i] == categoryType) {
                    c = categoriesSeen[i];
                }
            }
            if (c == null && (c = Category.ofCategoryType(categoryType)) != null) {
                categoryTypesSeen[categorySeenNext] = categoryType;
                categoriesSeen[categorySeenNext] = c;
                categorySeenNext = (categorySeenNext + 1) % categoryTypesSeen.length;
            }
            if (c == null) {
                problems.add(new GraphProblem(oid, "unknown categoryType '" + categoryType
                        + "' (expected Application, Data or Socket)"));
            }
            return c;
        }
        if (legacyType != null) {
            Category c = Category.ofLegacyType(legacyType);
            if (c == null) {
                problems.add(new GraphProblem(oid, "unknown legacy type '" + legacyType
                        + "' (expected plain, app or socket)"));
            }
            return c;
        }
        problems.add(new GraphProblem(oid, "has no 'categoryType'"));
        return null;
    }

    private static String storageClass(String storage) {
        if (storage == null) {
            return DEFAULT_DATA_CLASS; // as DALiuGE
        }
        return STORAGE_CLASSES.getOrDefault(storage.toLowerCase(java.util.Locale.ROOT), storage);
    }

    private RawJson reproElement(ParamMap params) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            for (var e : params.entrySet()) {
                g.writeFieldName(e.getKey());
                writeValue(g, e.getValue());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new RawJson(out.toString());
    }

    /** Writes a value as read by this class (scalar or RawJson) back as JSON. */
    public static void writeValue(JsonGenerator g, Object value) throws IOException {
        switch (value) {
            case null -> g.writeNull();
            case RawJson raw -> g.writeRawValue(raw.json());
            case String s -> g.writeString(s);
            case Boolean b -> g.writeBoolean(b);
            case Integer i -> g.writeNumber(i);
            case Long l -> g.writeNumber(l);
            case Double d -> g.writeNumber(d);
            case java.math.BigInteger b -> g.writeNumber(b);
            case java.math.BigDecimal b -> g.writeNumber(b);
            default -> g.writeString(value.toString());
        }
    }

    // ---- Links ----

    /** Adds the links of one key to those of the other keys read so far; a repeated key replaces its own. */
    private void readLinks(JsonParser p, JsonToken t, LinkType type) throws IOException {
        for (int i = links.size() - 1; i >= 0; i--) {
            if (links.get(i).type() == type) {
                links.remove(i);
            }
        }
        if (t == JsonToken.VALUE_NULL) {
            return;
        }
        if (t != JsonToken.START_ARRAY) { // "parent": "X", or a single entry
            addLink(p, t, type);
            return;
        }
        for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
            addLink(p, e, type);
        }
    }

    private void addLink(JsonParser p, JsonToken t, LinkType type) throws IOException {
        switch (t) {
            case VALUE_STRING -> links.add(new Link(type, oid(p, t), null));
            case VALUE_NUMBER_INT -> links.add(new Link(type, p.getText(), null));
            case START_OBJECT -> { // {"<oid>": "<port name>"}
                if (p.nextToken() != JsonToken.FIELD_NAME) {
                    elementProblem(": an empty object in '" + type.key() + "'");
                    return;
                }
                String oid = p.currentName();
                JsonToken v = p.nextToken();
                String port = v.isScalarValue() && v != JsonToken.VALUE_NULL ? p.getText() : null;
                if (!v.isScalarValue()) {
                    p.skipChildren();
                }
                links.add(new Link(type, oid, port));
                for (JsonToken extra = p.nextToken(); extra != JsonToken.END_OBJECT; extra = p.nextToken()) {
                    p.nextToken();
                    p.skipChildren(); // more than one key: DALiuGE uses the first
                }
            }
            default -> {
                elementProblem(": '" + type.key() + "' holds " + describe(t) + ", not a drop oid");
                p.skipChildren();
            }
        }
    }

    // ---- Values ----

    /** An oid (of a drop or in a link): the String of a recent one if equal (oids are millions). */
    private String oid(JsonParser p, JsonToken t) throws IOException {
        if (t != JsonToken.VALUE_STRING) {
            return text(p, t);
        }
        char[] chars = p.getTextCharacters();
        int offset = p.getTextOffset();
        int length = p.getTextLength();
        int hash = OidIndex.hash(chars, offset, length);
        int slot = OidIndex.spread(hash) & (RECENT - 1);
        String recent = recentNames[slot];
        if (recent != null && recentHashes[slot] == hash && OidIndex.sameChars(recent, chars, offset, length)) {
            return recent;
        }
        String oid = new String(chars, offset, length);
        recentNames[slot] = oid;
        recentHashes[slot] = hash;
        return oid;
    }

    /** What a value that must be a string (or null) is instead, e.g. "a number (12)"; null if it is one. */
    private static String notAString(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_NULL) {
            return null;
        }
        return t.isScalarValue() ? describe(t) + " (" + p.getText() + ")" : describe(t);
    }

    /** A value that many drops repeat (a class, a node): one interned String for them all. */
    private static String repeated(JsonParser p, JsonToken t, RepeatedStrings strings) throws IOException {
        if (t != JsonToken.VALUE_STRING) {
            String s = text(p, t);
            return s == null ? null : strings.of(s);
        }
        return strings.of(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
    }

    private static String text(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (!t.isScalarValue()) {
            p.skipChildren();
            return null;
        }
        return p.getText();
    }

    /** A scalar as a Java value, or a nested structure as RawJson. */
    static Object value(JsonParser p, JsonToken t) throws IOException {
        return switch (t) {
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT -> p.getNumberValue();
            case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            case START_OBJECT, START_ARRAY -> {
                StringWriter out = new StringWriter();
                try (JsonGenerator g = JSON.createGenerator(out)) {
                    g.copyCurrentStructure(p);
                }
                yield new RawJson(out.toString());
            }
            default -> throw new IllegalStateException("unexpected token " + t);
        };
    }

    private static String firstNonNull(String a, String b, String c) {
        return a != null ? a : b != null ? b : c;
    }

    private static String describe(JsonToken t) {
        if (t == null) {
            return "empty";
        }
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "a list";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.toString();
        };
    }

    /**
     * Parses raw JSON values (for callers that need a nested parameter, or a JSON text given as a
     * parameter).
     *
     * @throws IllegalArgumentException when {@code raw} is not exactly one JSON value
     */
    public static Object parseValue(RawJson raw) {
        try (JsonParser p = JSON.createParser(raw.json())) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new IllegalArgumentException("not valid JSON: no value in '" + raw.json() + "'");
            }
            Object value = toJava(p, t);
            if (p.nextToken() != null) {
                throw new IllegalArgumentException("not valid JSON: more than one value in '" + raw.json() + "'");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** JSON to plain Java values: Map (ordered), List, String, Number, Boolean, null. */
    static Object toJava(JsonParser p, JsonToken t) throws IOException {
        return switch (t) {
            case START_OBJECT -> {
                Map<String, Object> m = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String k = p.currentName();
                    m.put(k, toJava(p, p.nextToken()));
                }
                yield m;
            }
            case START_ARRAY -> {
                List<Object> l = new ArrayList<>();
                for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                    l.add(toJava(p, e));
                }
                yield l;
            }
            default -> value(p, t);
        };
    }
}
