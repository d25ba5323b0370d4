package dlg.core.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected values are what CPython 3 prints. */
class PyStrTest {

    @Test
    void str_noneAndBooleans_arePythonNames() {
        assertThat(PyStr.str(null)).isEqualTo("None");
        assertThat(PyStr.str(true)).isEqualTo("True");
        assertThat(PyStr.str(false)).isEqualTo("False");
    }

    @Test
    void str_integers_areDecimal() {
        assertThat(PyStr.str(0)).isEqualTo("0");
        assertThat(PyStr.str(-5)).isEqualTo("-5");
        assertThat(PyStr.str(2048L)).isEqualTo("2048");
        assertThat(PyStr.str(BigInteger.TWO.pow(70))).isEqualTo("1180591620717411303424");
    }

    @ParameterizedTest
    @CsvSource({
            "0.5, 0.5", "2.0, 2.0", "-2.5, -2.5", "0.0, 0.0", "-0.0, -0.0", "0.1, 0.1",
            "1e-05, 1e-05", "1e+20, 1e+20", "1e16, 1e+16", "1e15, 1000000000000000.0",
            "0.0001, 0.0001", "0.00012, 0.00012", "0.000012, 1.2e-05", "12345678.5, 12345678.5",
            "1.5e300, 1.5e+300", "123456789012345680.0, 1.2345678901234568e+17", "5e-324, 5e-324",
            "0.3333333333333333, 0.3333333333333333", "1e100, 1e+100", "-1e-7, -1e-07", "100.0, 100.0"})
    void str_floats_likePythonRepr(double value, String expected) {
        assertThat(PyStr.str(value)).isEqualTo(expected);
    }

    @Test
    void str_specialFloats_arePythonNames() {
        assertThat(PyStr.str(Double.NaN)).isEqualTo("nan");
        assertThat(PyStr.str(Double.POSITIVE_INFINITY)).isEqualTo("inf");
        assertThat(PyStr.str(Double.NEGATIVE_INFINITY)).isEqualTo("-inf");
    }

    @Test
    void str_otherFloatTypes_areFloats() {
        assertThat(PyStr.str(0.5f)).isEqualTo("0.5");
        assertThat(PyStr.str(new BigDecimal("2"))).isEqualTo("2.0");
    }

    @Test
    void str_floatUnderCommaDecimalLocale_stillUsesAPoint() {
        Locale saved = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
        try {
            assertThat(PyStr.str(2.0)).isEqualTo("2.0");
            assertThat(PyStr.str(0.5)).isEqualTo("0.5");
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void str_string_isItself() {
        assertThat(PyStr.str("it's a \"test\"\n")).isEqualTo("it's a \"test\"\n");
    }

    @Test
    void repr_strings_quotedLikePython() {
        assertThat(PyStr.repr("a")).isEqualTo("'a'");
        assertThat(PyStr.repr("")).isEqualTo("''");
        assertThat(PyStr.repr("it's")).isEqualTo("\"it's\"");
        assertThat(PyStr.repr("say \"hi\"")).isEqualTo("'say \"hi\"'");
        assertThat(PyStr.repr("a\"b'c")).isEqualTo("'a\"b\\'c'");
        assertThat(PyStr.repr("x\ny\tz\r")).isEqualTo("'x\\ny\\tz\\r'");
        assertThat(PyStr.repr("back\\slash")).isEqualTo("'back\\\\slash'");
        assertThat(PyStr.repr("\u0001\u007f")).isEqualTo("'\\x01\\x7f'");
        assertThat(PyStr.repr("é€中\uD83D\uDE00")).isEqualTo("'é€中\uD83D\uDE00'");
    }

    @Test
    void repr_unicodeThatPythonDeemsUnprintable_isEscaped() {
        assertThat(PyStr.repr("a\u00a0b")).isEqualTo("'a\\xa0b'");
        assertThat(PyStr.repr("\u0085\u2028\u200b")).isEqualTo("'\\x85\\u2028\\u200b'");
        assertThat(PyStr.repr("\uDB80\uDC00")).isEqualTo("'\\U000f0000'");
    }

    @Test
    void str_nestedLists_quoteStringsInside() {
        Object v = List.of(1, "a", List.of(2.0, "it's"), Arrays.asList(null, true));

        assertThat(PyStr.str(v)).isEqualTo("[1, 'a', [2.0, \"it's\"], [None, True]]");
        assertThat(PyStr.str(List.of())).isEqualTo("[]");
    }

    @Test
    void str_dict_keepsOrderAndQuotes() {
        Map<Object, Object> m = new LinkedHashMap<>();
        m.put("b", List.of(1e-05));
        m.put(1, "x");
        m.put("n", null);

        assertThat(PyStr.str(m)).isEqualTo("{'b': [1e-05], 1: 'x', 'n': None}");
        assertThat(PyStr.str(Map.of())).isEqualTo("{}");
    }

    @Test
    void str_tuples_haveParenthesesAndSingleComma() {
        assertThat(PyStr.str(new Object[] {1})).isEqualTo("(1,)");
        assertThat(PyStr.str(new Object[] {1, "a"})).isEqualTo("(1, 'a')");
        assertThat(PyStr.str(new Object[0])).isEqualTo("()");
    }

    @Test
    void str_sets_likePythonSets() {
        assertThat(PyStr.str(new LinkedHashSet<>(List.of(1, 2)))).isEqualTo("{1, 2}");
        assertThat(PyStr.str(Set.of())).isEqualTo("set()");
    }

    @Test
    void str_bytes_escapeNonPrintables() {
        assertThat(PyStr.str("ab".getBytes())).isEqualTo("b'ab'");
        assertThat(PyStr.str(new byte[] {0, (byte) 0xff, '\n', 'x'})).isEqualTo("b'\\x00\\xff\\nx'");
        assertThat(PyStr.str(new byte[] {'\''})).isEqualTo("b\"'\"");
    }

    @Test
    void str_otherObjects_useToString() {
        assertThat(PyStr.str(new Object() {
            @Override
            public String toString() {
                return "custom";
            }
        })).isEqualTo("custom");
    }
}
