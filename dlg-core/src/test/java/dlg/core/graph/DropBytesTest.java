package dlg.core.graph;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** A reader keeping each drop's bytes lets a writer forward them as they came. */
class DropBytesTest {

    private static final ExecutorService PARSERS = Executors.newFixedThreadPool(2);

    @AfterAll
    static void stopParsers() {
        PARSERS.shutdownNow();
    }

    /** A legacy-format drop with odd spacing and key order, which writing its spec would change. */
    private static String drop(int i) {
        return "{ \"oid\" : \"d" + i + "\",\"type\":\"plain\", \"storage\": \"memory\" ,\"z\": [1,  2], \"a\": \"\\u00e9t\u00e9\" }";
    }

    private static String list(int n) {
        StringBuilder b = new StringBuilder("[\n");
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ",\n").append(drop(i));
        }
        return b.append(",\n{\"rmode\": \"1\"}\n]").toString();
    }

    private static ParsedGraph readKeeping(String doc) throws IOException {
        return GraphReader.readKeepingBytes(new ByteArrayInputStream(doc.getBytes(StandardCharsets.UTF_8)),
                GraphReader.DEFAULT_MAX_STRING_LENGTH, PARSERS, 2);
    }

    private static String written(ParsedGraph part) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            GraphWriter.writeList(g, part);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aSmallGraph_isWrittenBackAsItCame() throws IOException {
        ParsedGraph g = readKeeping(list(3));

        assertThat(written(g)).isEqualTo("[" + drop(0) + "," + drop(1) + "," + drop(2) + ",{\"rmode\":\"1\"}]");
    }

    @Test
    void aGraphOfManyChunks_isWrittenBackAsItCame_andReadsAsTheSameDrops() throws IOException {
        int n = 3 * ChunkedRead.CHUNK / drop(0).length();
        ParsedGraph g = readKeeping(list(n));

        String out = written(g);

        assertThat(g.drops()).hasSize(n);
        assertThat(out).startsWith("[" + drop(0) + "," + drop(1)).contains("," + drop(n / 2) + ",")
                .endsWith(drop(n - 1) + ",{\"rmode\":\"1\"}]");
        assertThat(GraphReader.read(out).drops()).isEqualTo(g.drops());
    }

    @Test
    void aSelection_forwardsTheDropsItKeeps_andWritesTheChangedOnesFromTheirSpecs() throws IOException {
        ParsedGraph g = readKeeping(list(3));
        DropSpec changed = new DropSpec("d1", "d1", Category.DATA, "dlg.data.drops.memory.InMemoryDROP", null,
                null, null, List.of(), ParamMap.builder().build(), java.util.Map.of());

        ParsedGraph part = new ParsedGraph(null, List.of(g.drops().get(2), changed), null, List.of(),
                g.bytes().select(new int[] {2, -1}));

        assertThat(written(part)).isEqualTo("[" + drop(2) + ",{\"oid\":\"d1\",\"categoryType\":\"Data\","
                + "\"dropclass\":\"dlg.data.drops.memory.InMemoryDROP\"}]");
        assertThat(written(part.withoutBytes())).doesNotContain(drop(2));
    }

    @Test
    void aGraphReadWithoutKeeping_hasNoBytes() throws IOException {
        ParsedGraph g = GraphReader.read(new ByteArrayInputStream(list(3).getBytes(StandardCharsets.UTF_8)),
                GraphReader.DEFAULT_MAX_STRING_LENGTH, PARSERS, 2);

        assertThat(g.bytes()).isSameAs(DropBytes.NONE);
        assertThat(written(g)).doesNotContain(drop(0));
    }
}
