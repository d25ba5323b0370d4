package dlg.core.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dlg.core.error.InvalidGraphException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** A large graph read in chunks in parallel reads as the same graph, or fails the same way, as read in one pass. */
class ChunkedReadTest {

    private static final ExecutorService PARSERS = Executors.newFixedThreadPool(3);
    private static final int MAX_STRING = GraphReader.DEFAULT_MAX_STRING_LENGTH;

    @AfterAll
    static void stopParsers() {
        PARSERS.shutdownNow();
    }

    /** {@code n} drops as gen_graph's wide graph writes them, {@code drop} making each. */
    private static byte[] graph(int n, String separator, IntFunction<String> drop) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : separator).append(drop.apply(i));
        }
        return b.append("]\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String wideDrop(int i) {
        return switch (i % 3) {
            case 0 -> "{\"oid\": \"i" + i + "\", \"categoryType\": \"Data\", \"dropclass\": "
                    + "\"dlg.data.drops.memory.InMemoryDROP\", \"consumers\": [\"a" + (i + 1) + "\"]}";
            case 1 -> "{\"oid\": \"a" + i + "\", \"categoryType\": \"Application\", \"dropclass\": "
                    + "\"dlg.apps.simple.SleepApp\", \"sleep_time\": 0, \"outputs\": [\"o" + (i + 1) + "\"]}";
            default -> "{\"oid\": \"o" + i + "\", \"categoryType\": \"Data\", \"dropclass\": "
                    + "\"dlg.data.drops.memory.InMemoryDROP\", \"pydata\": {\"v\": [" + i + ", 2.5]}}";
        };
    }

    private static ParsedGraph chunked(byte[] doc, Executor parsers) throws IOException {
        return GraphReader.read(new ByteArrayInputStream(doc), MAX_STRING, parsers, 2);
    }

    private static ParsedGraph oneByOne(byte[] doc) throws IOException {
        return GraphReader.read(new ByteArrayInputStream(doc), MAX_STRING);
    }

    private static void assertSameGraph(ParsedGraph actual, ParsedGraph expected) {
        assertThat(actual.drops()).isEqualTo(expected.drops());
        assertThat(actual.problems()).isEqualTo(expected.problems());
        assertThat(actual.reproData()).isEqualTo(expected.reproData());
        assertThat(actual.name()).isEqualTo(expected.name());
        PartIndex a = ((IndexedDrops) actual.drops()).index();
        PartIndex e = ((IndexedDrops) expected.drops()).index();
        assertThat(a.linkTargets).isEqualTo(e.linkTargets);
        assertThat(a.linkStarts).isEqualTo(e.linkStarts);
        assertThat(a.duplicates).isEqualTo(e.duplicates);
    }

    @Test
    void aGraphOfManyChunks_readsAsInOnePass() throws IOException {
        byte[] doc = graph(60_000, ", ", ChunkedReadTest::wideDrop);
        assertThat(doc.length).isGreaterThan(4 * ChunkedRead.CHUNK);

        ParsedGraph g = chunked(doc, PARSERS);

        assertThat(g.drops()).hasSize(60_000);
        assertSameGraph(g, oneByOne(doc));
    }

    @Test
    void aGraphLargerThanTheFirstReadButNoChunk_readsAsInOnePass() throws IOException {
        byte[] doc = graph(4_000, ", ", ChunkedReadTest::wideDrop);
        assertThat(doc.length).isBetween(64 << 10, ChunkedRead.CHUNK);

        assertSameGraph(chunked(doc, PARSERS), oneByOne(doc));
    }

    @Test
    void prettyPrintedGraph_withAReproElement_readsAsInOnePass() throws IOException {
        byte[] body = graph(30_000, ",\n    ", i -> wideDrop(i).replace(", ", ",\n        "));
        String doc = new String(body, StandardCharsets.UTF_8).replaceFirst("]\n$",
                ",\n    {\"rmode\": \"1\", \"meta\": {\"a\": [1, 2]}},\n    {}\n]\n");

        byte[] bytes = doc.getBytes(StandardCharsets.UTF_8);
        ParsedGraph g = chunked(bytes, PARSERS);

        assertThat(g.reproData()).isNotNull();
        assertSameGraph(g, oneByOne(bytes));
    }

    @Test
    void cutsInsideNestedObjects_areFoundOutAndReadAgain() throws IOException {
        // every drop ends with nested objects that look like drops: the cuts land inside them
        byte[] doc = graph(40_000, ", ", i -> wideDrop(i).replaceFirst("}$",
                ", \"ports\": [{\"oid\": \"p" + i + "\"}, {\"oid\": \"q" + i + "\"}]}"));

        assertSameGraph(chunked(doc, PARSERS), oneByOne(doc));
    }

    @Test
    void dropsWithoutOidFirst_areCutAtAnyObjectBoundary() throws IOException {
        byte[] doc = graph(40_000, ",", i -> wideDrop(i).replace("{\"oid\": \"", "{\"name\": \"n\", \"oid\": \""));

        assertSameGraph(chunked(doc, PARSERS), oneByOne(doc));
    }

    @Test
    void anElementLargerThanAChunk_isReadWhole() throws IOException {
        String big = "x".repeat(3 * ChunkedRead.CHUNK);
        byte[] doc = graph(20_000, ", ", i -> i == 9_000
                ? "{\"oid\": \"big\", \"categoryType\": \"Data\", \"pydata\": \"" + big + "\"}" : wideDrop(i));

        ParsedGraph g = chunked(doc, PARSERS);

        assertThat(g.drops().get(9_000).params().get("pydata")).isEqualTo(big);
        assertSameGraph(g, oneByOne(doc));
    }

    @Test
    void problemsOfDropsInLaterChunks_nameTheirElementAsInOnePass() throws IOException {
        byte[] doc = graph(50_000, ", ", i -> switch (i) {
            case 20_000 -> "{\"categoryType\": \"Data\"}";
            case 35_001 -> "{\"oid\": 7, \"categoryType\": \"Data\"}";
            case 49_000 -> "{\"oid\": \"x\", \"categoryType\": \"Nothing\"}";
            default -> wideDrop(i);
        });

        ParsedGraph g = chunked(doc, PARSERS);

        assertThat(g.problems()).extracting(Object::toString)
                .contains("element #20001 of the graph has no 'oid'");
        assertSameGraph(g, oneByOne(doc));
    }

    @Test
    void malformedJsonInALaterChunk_isReportedWhereItIs() throws IOException {
        byte[] body = graph(40_000, ",\n", ChunkedReadTest::wideDrop);
        String doc = new String(body, StandardCharsets.UTF_8).replace("\"oid\": \"a30001\",", "\"oid\": \"a30001\",,");
        byte[] bytes = doc.getBytes(StandardCharsets.UTF_8);

        String expected = messageOf(() -> oneByOne(bytes));
        assertThat(expected).contains("line 30002");
        assertThatThrownBy(() -> chunked(bytes, PARSERS)).isInstanceOf(InvalidGraphException.class)
                .hasMessage(expected);
    }

    @Test
    void aListNotClosed_isReportedAsInOnePass() throws IOException {
        byte[] body = graph(30_000, ", ", ChunkedReadTest::wideDrop);
        byte[] open = java.util.Arrays.copyOf(body, body.length - 2); // without "]\n"

        assertThatThrownBy(() -> chunked(open, PARSERS)).isInstanceOf(InvalidGraphException.class)
                .hasMessage(messageOf(() -> oneByOne(open)));
    }

    @Test
    void contentAfterTheList_isReportedAsInOnePass() throws IOException {
        byte[] body = graph(30_000, ",\n", ChunkedReadTest::wideDrop);
        byte[] after = (new String(body, StandardCharsets.UTF_8) + "\n[]").getBytes(StandardCharsets.UTF_8);

        String expected = messageOf(() -> oneByOne(after));
        assertThat(expected).contains("at line 30002");
        assertThatThrownBy(() -> chunked(after, PARSERS)).hasMessage(expected);
    }

    @Test
    void aStringOverTheLimitInALaterChunk_namesItsDrop() {
        byte[] doc = graph(30_000, ", ", i -> i == 25_000
                ? "{\"oid\": \"long\", \"categoryType\": \"Data\", \"pydata\": \"" + "y".repeat(5000) + "\"}"
                : wideDrop(i));

        assertThatThrownBy(() -> GraphReader.read(new ByteArrayInputStream(doc), 4000, PARSERS, 2))
                .isInstanceOf(InvalidGraphException.class)
                .hasMessageContaining("drop 'long'").hasMessageContaining("4000 characters");
    }

    @Test
    void parsersThatNeverRun_orRefuse_leaveTheCallerToParseAll() throws IOException {
        byte[] doc = graph(30_000, ", ", ChunkedReadTest::wideDrop);
        List<Runnable> neverRun = new ArrayList<>();
        ParsedGraph expected = oneByOne(doc);

        assertSameGraph(chunked(doc, neverRun::add), expected);
        assertThat(neverRun).hasSizeGreaterThan(2);
        assertSameGraph(chunked(doc, r -> {
            throw new RejectedExecutionException("shut down");
        }), expected);
        neverRun.forEach(Runnable::run); // a worker starting late finds its chunk taken
    }

    @Test
    void theTranslatorsWrapperAndSmallGraphs_areReadInOnePass() throws IOException {
        byte[] list = graph(30_000, ", ", ChunkedReadTest::wideDrop);
        byte[] wrapped = ("[\"name\", " + new String(list, StandardCharsets.UTF_8) + "]")
                .getBytes(StandardCharsets.UTF_8);
        byte[] small = graph(10, ", ", ChunkedReadTest::wideDrop);

        assertSameGraph(chunked(wrapped, PARSERS), oneByOne(wrapped));
        assertThat(chunked(wrapped, PARSERS).name()).isEqualTo("name");
        assertSameGraph(chunked(small, PARSERS), oneByOne(small));
    }

    @Test
    void lastCut_isTheLastBraceThatStartsADrop() {
        byte[] b = "[{\"oid\": \"a\", \"p\": [{\"x\": 1}, {\"y\": 2}]}, {\"oid\": \"b\"}, {\"k\": \"}, {\\\"oid\\\"\"}"
                .getBytes(StandardCharsets.UTF_8);
        int cut = ChunkedRead.lastCut(b, 0, b.length);

        assertThat(new String(b, 0, cut, StandardCharsets.UTF_8)).isEqualTo("[{\"oid\": \"a\", \"p\": [{\"x\": 1}, {\"y\": 2}]}");
        assertThat(ChunkedRead.lastCut("[{\"oid\": 1}]".getBytes(StandardCharsets.UTF_8), 0, 12)).isEqualTo(-1);
    }

    private static String messageOf(ThrowingRead read) {
        try {
            read.run();
        } catch (InvalidGraphException | IOException e) {
            return e.getMessage();
        }
        throw new AssertionError("read without an error");
    }

    @FunctionalInterface
    private interface ThrowingRead {
        void run() throws IOException;
    }
}
