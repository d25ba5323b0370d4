package dlg.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dlg.core.codec.Pickles;
import dlg.core.error.InvalidGraphException;
import dlg.core.graph.DropSpec;
import dlg.core.graph.GraphReader;
import dlg.core.state.SessionState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PyDataTest {

    @TempDir
    Path dir;

    /** A memory drop whose pydata is an applicationArgs entry of this type. */
    private static DropSpec typed(Object value, String type) {
        Graph g = new Graph();
        g.memory("M").arg("pydata", value, "NoPort", null, type);
        return GraphReader.read(g.json()).drops().getFirst();
    }

    /** A memory drop whose pydata is a top-level key. */
    private static DropSpec bare(Object value) {
        Graph g = new Graph();
        g.memory("M").param("pydata", value);
        return GraphReader.read(g.json()).drops().getFirst();
    }

    private static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static Object unpickled(byte[] b) {
        assertThat(Pickles.looksPickled(b)).as("a pickle").isTrue();
        return Pickles.loads(b);
    }

    @Test
    void none_noInitialData() {
        assertThat(PyData.initialBytes(bare(null))).isNull();
        assertThat(PyData.initialBytes(bare(""))).isNull();
        assertThat(PyData.initialBytes(bare("None"))).isNull();
        Graph g = new Graph();
        g.memory("M");
        assertThat(PyData.initialBytes(GraphReader.read(g.json()).drops().getFirst())).isNull();
    }

    /** A memory drop whose pydata is DALiuGE's own form {"value": v, "type": t} (dask_emulation's graphs). */
    private static DropSpec daliugeForm(String valueJson, String type) {
        return GraphReader.read("[{\"oid\": \"M\", \"categoryType\": \"Data\", "
                + "\"dropclass\": \"dlg.data.drops.memory.InMemoryDROP\", "
                + "\"pydata\": {\"value\": " + valueJson + ", \"type\": \"" + type + "\"}}]").drops().getFirst();
    }

    @Test
    void daliugesValueAndTypeForm_isTheValueConvertedAndPickled() {
        assertThat(unpickled(PyData.initialBytes(daliugeForm("1.0", "float")))).isEqualTo(1.0);
        assertThat(unpickled(PyData.initialBytes(daliugeForm("\"12\"", "int")))).isEqualTo(12);
        assertThat(unpickled(PyData.initialBytes(daliugeForm("\"abc\"", "str")))).isEqualTo("abc");
        assertThat(unpickled(PyData.initialBytes(daliugeForm("[1, 2]", "list")))).isEqualTo(List.of(1, 2));
        assertThat(unpickled(PyData.initialBytes(daliugeForm("\"False\"", "bool")))).isEqualTo(true); // Python's bool()
        assertThat(unpickled(PyData.initialBytes(daliugeForm("\"[3]\"", "json")))).isEqualTo(List.of(3));
        assertThat(unpickled(PyData.initialBytes(daliugeForm("\"\"", "str")))).isEqualTo("");
        assertThat(PyData.initialBytes(daliugeForm("null", "NoneType"))).isNull();
        byte[] pickled = Pickles.dumps(7L);
        assertThat(PyData.initialBytes(daliugeForm("\"" + Base64.getEncoder().encodeToString(pickled) + "\"", "Object")))
                .isEqualTo(pickled);
    }

    @Test
    void daliugesValueAndTypeForm_aClassNamedType_isThePickleItsClientSent() {
        byte[] pickled = Pickles.dumps(List.of(1, 2)); // what serialize_data sends, base64, for a MyType
        String b64 = Base64.getEncoder().encodeToString(pickled);

        assertThat(PyData.initialBytes(daliugeForm("\"" + b64 + "\"", "MyType"))).isEqualTo(pickled);
        assertThat(unpickled(PyData.initialBytes(daliugeForm("\"" + b64 + "\"", "str")))).isEqualTo(b64);
        assertThat(unpickled(PyData.initialBytes(daliugeForm("\"not base64\"", "MyType")))).isEqualTo("not base64");
    }

    @Test
    void daliugesValueAndTypeForm_evalNeedsPython_isAnErrorSayingSo() {
        assertThatThrownBy(() -> PyData.initialBytes(daliugeForm("\"1 + 1\"", "eval")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'eval'");
    }

    @Test
    void string_isItsUtf8Text() {
        assertThat(utf8(PyData.initialBytes(bare("héllo")))).isEqualTo("héllo");
        assertThat(utf8(PyData.initialBytes(typed("hello", "str")))).isEqualTo("hello");
        assertThat(utf8(PyData.initialBytes(typed("hello", "String")))).isEqualTo("hello");
        assertThat(utf8(PyData.initialBytes(typed("2048", "String")))).isEqualTo("2048");
    }

    @Test
    void integer_isAPickledInt() {
        assertThat(unpickled(PyData.initialBytes(typed(2048, "Integer")))).isEqualTo(2048);
        assertThat(unpickled(PyData.initialBytes(typed("2048", "Integer")))).isEqualTo(2048);
        assertThat(unpickled(PyData.initialBytes(typed(" 7 ", "int")))).isEqualTo(7);
    }

    @Test
    void integer_notANumber_isAnError() {
        assertThatThrownBy(() -> PyData.initialBytes(typed("abc", "Integer")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("abc");
    }

    @Test
    void float_isAPickledFloat() {
        assertThat(unpickled(PyData.initialBytes(typed("0.5", "Float")))).isEqualTo(0.5);
        assertThat(unpickled(PyData.initialBytes(typed(1.25, "Float")))).isEqualTo(1.25);
    }

    @Test
    void boolean_isAPickledBool() {
        assertThat(unpickled(PyData.initialBytes(typed("False", "Boolean")))).isEqualTo(false);
        assertThat(unpickled(PyData.initialBytes(typed(true, "Boolean")))).isEqualTo(true);
    }

    @Test
    void object_isTheBase64DecodedPickle() {
        byte[] pickle = Pickles.dumps(List.of(1, 2, 3));
        String b64 = Base64.getEncoder().encodeToString(pickle);

        assertThat(PyData.initialBytes(typed(b64, "Object"))).isEqualTo(pickle);
        assertThat(PyData.initialBytes(typed(b64, "Object.Array"))).isEqualTo(pickle);
    }

    @Test
    void object_notBase64_isItsText() {
        assertThat(utf8(PyData.initialBytes(typed("not base64!", "Object")))).isEqualTo("not base64!");
    }

    @Test
    void json_isThePickledValue() {
        assertThat(unpickled(PyData.initialBytes(typed("[1, 2]", "Json")))).isEqualTo(List.of(1, 2));
    }

    @Test
    void bareJsonValues_arePickles() {
        assertThat(unpickled(PyData.initialBytes(bare(5)))).isEqualTo(5);
        assertThat(unpickled(PyData.initialBytes(bare(0.25)))).isEqualTo(0.25);
        assertThat(unpickled(PyData.initialBytes(bare(true)))).isEqualTo(true);
        assertThat(unpickled(PyData.initialBytes(bare(List.of(1, 2, 3))))).isEqualTo(List.of(1, 2, 3));
        assertThat(unpickled(PyData.initialBytes(bare(Map.of("a", 1))))).isEqualTo(Map.of("a", 1));
        assertThat(unpickled(PyData.initialBytes(typed(List.of("x", "y"), null)))).isEqualTo(List.of("x", "y"));
        assertThat(unpickled(PyData.initialBytes(typed(2048, null)))).isEqualTo(2048);
    }

    @Test
    void rootMemoryDrop_holdsItsPydataForItsConsumer() {
        Recorder rec = new Recorder();
        Graph g = new Graph();
        g.memory("S").param("pydata", "text").consumers("X");
        g.memory("N").arg("pydata", 2048, "NoPort", "pickle", "Integer").consumers("X");
        g.app("X", rec);
        try (TestRun run = TestRun.deploy(dir, g)) {
            assertThat(run.runToEnd()).isEqualTo(SessionState.FINISHED);
        }

        assertThat(rec.text("S")).isEqualTo("text");
        assertThat(unpickled(rec.bytes("N"))).isEqualTo(2048);
    }

    @Test
    void invalidPydata_failsTheDeployNamingTheDrop() {
        Graph g = new Graph();
        g.memory("bad").arg("pydata", "many", "NoPort", null, "Integer");

        assertThatThrownBy(() -> TestRun.deploy(dir, g))
                .isInstanceOf(InvalidGraphException.class)
                .hasMessageContaining("'bad'").hasMessageContaining("many");
    }
}
