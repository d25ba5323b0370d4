package dlg.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class EncodingTest {

    // ---- of ----

    @ParameterizedTest
    @CsvSource({
            "pickle, PICKLE", "Pickle, PICKLE", "dill, DILL", "utf-8, UTF8", "UTF-8, UTF8", "utf8, UTF8",
            "utf_8, UTF8", "string, UTF8", "str, UTF8", "eval, EVAL", "json, EVAL", "path, PATH", "' path ', PATH",
            "dataurl, DATAURL", "dataURL, DATAURL", "binary, BINARY", "bytes, BINARY", "raw, RAW", "npy, NPY"})
    void of_knownName_isItsEncoding(String name, Encoding expected) {
        assertThat(Encoding.of(name)).isEqualTo(expected);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "  "})
    void of_absentName_isDaliugesDefaultDill(String name) {
        assertThat(Encoding.of(name)).isEqualTo(Encoding.DILL);
    }

    @Test
    void of_unknownName_isRefusedNamingIt() {
        assertThatThrownBy(() -> Encoding.of("base64"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown encoding 'base64'");
    }

    // ---- read ----

    @Test
    void readPath_dropWithPath_isThePath() throws IOException {
        var drop = FakeDataDrop.holding("content").withPath(Path.of("/data/in.txt"));

        assertThat(Encoding.PATH.read(drop)).isEqualTo("/data/in.txt");
    }

    @Test
    void readPath_dropWithoutPath_isItsText() throws IOException {
        assertThat(Encoding.PATH.read(FakeDataDrop.holding("/some/where"))).isEqualTo("/some/where");
    }

    @Test
    void readDataUrl_isTheDropsUrl() throws IOException {
        var drop = FakeDataDrop.holding("x").withPath(Path.of("/d/f"));

        assertThat(Encoding.DATAURL.read(drop)).isEqualTo("file://localhost/d/f");
    }

    @Test
    void readUtf8AndEval_areTheText() throws IOException {
        var drop = FakeDataDrop.holding("héllo [1, 2]");

        assertThat(Encoding.UTF8.read(drop)).isEqualTo("héllo [1, 2]");
        assertThat(Encoding.EVAL.read(drop)).isEqualTo("héllo [1, 2]");
    }

    @Test
    void readBinaryAndRaw_areTheBytes() throws IOException {
        byte[] bytes = {0, 1, (byte) 0xff};

        assertThat((byte[]) Encoding.BINARY.read(FakeDataDrop.holding(bytes))).containsExactly(bytes);
        assertThat((byte[]) Encoding.RAW.read(FakeDataDrop.holding(bytes))).containsExactly(bytes);
    }

    @Test
    void readPickleAndDill_pickledContent_isTheValue() throws IOException {
        var drop = FakeDataDrop.holding(Pickles.dumps(List.of(2.5, "x")));

        assertThat(Encoding.PICKLE.read(drop)).isEqualTo(List.of(2.5, "x"));
        assertThat(Encoding.DILL.read(drop)).isEqualTo(List.of(2.5, "x"));
    }

    @Test
    void readPickle_textContent_fallsBackToText() throws IOException {
        assertThat(Encoding.PICKLE.read(FakeDataDrop.holding("2048"))).isEqualTo("2048");
        assertThat(Encoding.DILL.read(FakeDataDrop.holding("Hello World"))).isEqualTo("Hello World");
    }

    @Test
    void readPickle_emptyDrop_isNull() throws IOException {
        assertThat(Encoding.PICKLE.read(new FakeDataDrop("E"))).isNull();
    }

    @Test
    void readPickle_brokenPickle_isIllegalArgument() {
        byte[] broken = {(byte) 0x80, 4, 'x', 'y'};

        assertThatThrownBy(() -> Encoding.PICKLE.read(FakeDataDrop.holding(broken)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a readable pickle");
    }

    @Test
    void readNpy_isAClearError() {
        var drop = new FakeDataDrop("arr");

        assertThatThrownBy(() -> Encoding.NPY.read(drop))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("drop 'arr': the npy encoding needs Python/numpy, which dlg does not run");
    }

    @Test
    void read_failingDrop_throwsItsIOException() {
        for (Encoding e : List.of(Encoding.UTF8, Encoding.EVAL, Encoding.PATH, Encoding.PICKLE, Encoding.BINARY)) {
            var drop = FakeDataDrop.holding("x".getBytes(StandardCharsets.UTF_8)).failingReads();

            assertThatThrownBy(() -> e.read(drop)).as("%s", e)
                    .isInstanceOf(IOException.class)
                    .hasMessage("disk on fire");
        }
    }
}
