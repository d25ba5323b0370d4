package dlg.manager.repro;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Expected texts are python3's {@code str((key, value))} of the same values. */
class PyReprTest {

    @Test
    void item_scalars_asPythonWritesTuples() {
        assertThat(PyRepr.item("status", 2)).isEqualTo("('status', 2)");
        assertThat(PyRepr.item("k", null)).isEqualTo("('k', None)");
        assertThat(PyRepr.item("k", true)).isEqualTo("('k', True)");
        assertThat(PyRepr.item("k", new BigInteger("12345678901234567890"))).isEqualTo("('k', 12345678901234567890)");
    }

    @Test
    void item_strings_quotedAndEscapedAsPython() {
        assertThat(PyRepr.item("k", "it's")).isEqualTo("('k', \"it's\")");
        assertThat(PyRepr.item("k", "a\"b")).isEqualTo("('k', 'a\"b')");
        assertThat(PyRepr.item("k", "tab\there\\")).isEqualTo("('k', 'tab\\there\\\\')");
        assertThat(PyRepr.item("k", "é\u2028\u007f")).isEqualTo("('k', 'é\\u2028\\x7f')");
    }

    @Test
    void item_floats_shortestDigitsInPythonNotation() {
        assertThat(PyRepr.item("k", 0.1)).isEqualTo("('k', 0.1)");
        assertThat(PyRepr.item("k", 1e16)).isEqualTo("('k', 1e+16)");
        assertThat(PyRepr.item("k", 1e15)).isEqualTo("('k', 1000000000000000.0)");
        assertThat(PyRepr.item("k", 1e-5)).isEqualTo("('k', 1e-05)");
        assertThat(PyRepr.item("k", 0.0001)).isEqualTo("('k', 0.0001)");
        assertThat(PyRepr.item("k", 100.0)).isEqualTo("('k', 100.0)");
        assertThat(PyRepr.item("k", -2.5e-7)).isEqualTo("('k', -2.5e-07)");
    }

    @Test
    void item_containers_asPythonLiterals() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("a", null);

        assertThat(PyRepr.item("k", List.of(1, "x", inner))).isEqualTo("('k', [1, 'x', {'a': None}])");
    }

    @Test
    void leafBytes_textAsUtf8_bytesAsThey_areOthersAsStr() {
        assertThat(PyRepr.leafBytes("é")).containsExactly(0xc3 - 256, 0xa9 - 256);
        assertThat(PyRepr.leafBytes(new byte[0])).isEmpty();
        assertThat(new String(PyRepr.leafBytes(null), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("None");
    }
}
