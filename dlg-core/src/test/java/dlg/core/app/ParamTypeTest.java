package dlg.core.app;

import static dlg.core.app.ParamType.BOOL;
import static dlg.core.app.ParamType.FLOAT;
import static dlg.core.app.ParamType.INT;
import static dlg.core.app.ParamType.STRING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dlg.core.graph.RawJson;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class ParamTypeTest {

    @ParameterizedTest
    @EnumSource(ParamType.class)
    void convert_nullOrEmptyString_isUnset(ParamType type) {
        assertThat(type.convert(null)).isNull();
        assertThat(type.convert("")).isNull();
    }

    // ---- INT ----

    @Test
    void convertInt_integralNumbers_areLongs() {
        assertThat(INT.convert(5)).isEqualTo(5L);
        assertThat(INT.convert(12345678901L)).isEqualTo(12345678901L);
        assertThat(INT.convert(5.0)).isEqualTo(5L);
        assertThat(INT.convert(new BigInteger("9223372036854775807"))).isEqualTo(Long.MAX_VALUE);
        assertThat(INT.convert(new BigDecimal("40.00"))).isEqualTo(40L);
    }

    @Test
    void convertInt_numericStrings_areLongs() {
        assertThat(INT.convert("0")).isEqualTo(0L);
        assertThat(INT.convert(" 7 ")).isEqualTo(7L);
        assertThat(INT.convert("-3")).isEqualTo(-3L);
        assertThat(INT.convert("1e3")).isEqualTo(1000L);
        assertThat(INT.convert("2.0")).isEqualTo(2L);
    }

    @Test
    void convertInt_fraction_isRefusedNamingTheValue() {
        assertThatThrownBy(() -> INT.convert(1.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not an integer: 1.5");
        assertThatThrownBy(() -> INT.convert("1.5")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not an integer: '1.5'");
    }

    @Test
    void convertInt_beyondALong_isRefusedNotClamped() {
        assertThatThrownBy(() -> INT.convert(1e30)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not an integer: 1.0E30");
        assertThatThrownBy(() -> INT.convert(new BigInteger("123456789012345678901234")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not an integer: 123456789012345678901234");
        assertThatThrownBy(() -> INT.convert("99999999999999999999")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void convertInt_nanAndInfinity_areRefused() {
        assertThatThrownBy(() -> INT.convert(Double.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not an integer: NaN");
        assertThatThrownBy(() -> INT.convert(Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not an integer: Infinity");
    }

    @Test
    void convertInt_otherValues_areRefusedNamingTheValue() {
        assertThatThrownBy(() -> INT.convert("abc")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not an integer: 'abc'");
        assertThatThrownBy(() -> INT.convert(true)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not an integer: true");
        assertThatThrownBy(() -> INT.convert(new RawJson("[1]"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not an integer: [1]");
    }

    // ---- FLOAT ----

    @Test
    void convertFloat_numbers_areDoubles() {
        assertThat(FLOAT.convert(0.5)).isEqualTo(0.5);
        assertThat(FLOAT.convert(2)).isEqualTo(2.0);
        assertThat(FLOAT.convert(3L)).isEqualTo(3.0);
        assertThat(FLOAT.convert(new BigDecimal("1.25"))).isEqualTo(1.25);
    }

    @Test
    void convertFloat_decimalStrings_areDoubles() {
        assertThat(FLOAT.convert("0.5")).isEqualTo(0.5);
        assertThat(FLOAT.convert(" 10 ")).isEqualTo(10.0);
        assertThat(FLOAT.convert("-1e-3")).isEqualTo(-0.001);
        assertThat(FLOAT.convert(".5")).isEqualTo(0.5);
        assertThat(FLOAT.convert("5.")).isEqualTo(5.0);
        assertThat(FLOAT.convert("+2E2")).isEqualTo(200.0);
    }

    @Test
    void convertFloat_pythonSpecialValues_areAccepted() {
        assertThat((Double) FLOAT.convert("nan")).isNaN();
        assertThat((Double) FLOAT.convert("NaN")).isNaN();
        assertThat(FLOAT.convert("inf")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(FLOAT.convert("Infinity")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(FLOAT.convert("-inf")).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "1f", "2d", "0x1p3", "1.2.3", "e5", "--1"})
    void convertFloat_nonDecimalString_isRefusedNamingTheValue(String value) {
        assertThatThrownBy(() -> FLOAT.convert(value)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a number: '" + value + "'");
    }

    @Test
    void convertFloat_nonNumbers_areRefused() {
        assertThatThrownBy(() -> FLOAT.convert(false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a number: false");
        assertThatThrownBy(() -> FLOAT.convert(new RawJson("{}"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a number: {}");
    }

    // ---- BOOL ----

    @ParameterizedTest
    @ValueSource(strings = {"1", "true", "True", "TRUE", "yes", "on", " true "})
    void convertBool_trueStrings_areTrue(String value) {
        assertThat(BOOL.convert(value)).isEqualTo(true);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "false", "False", "no", "off", "None"})
    void convertBool_falseStrings_areFalse(String value) {
        assertThat(BOOL.convert(value)).isEqualTo(false);
    }

    @Test
    void convertBool_booleansAndNumbers_asPython() {
        assertThat(BOOL.convert(true)).isEqualTo(true);
        assertThat(BOOL.convert(false)).isEqualTo(false);
        assertThat(BOOL.convert(0)).isEqualTo(false);
        assertThat(BOOL.convert(0.0)).isEqualTo(false);
        assertThat(BOOL.convert(1)).isEqualTo(true);
        assertThat(BOOL.convert(2.5)).isEqualTo(true);
    }

    @Test
    void convertBool_otherValues_areRefusedNamingTheValue() {
        assertThatThrownBy(() -> BOOL.convert("maybe")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a boolean: 'maybe'");
        assertThatThrownBy(() -> BOOL.convert(new RawJson("[true]"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a boolean: [true]");
    }

    // ---- STRING ----

    @Test
    void convertString_scalars_areText() {
        assertThat(STRING.convert("x")).isEqualTo("x");
        assertThat(STRING.convert(" x ")).isEqualTo(" x ");
        assertThat(STRING.convert(5)).isEqualTo("5");
        assertThat(STRING.convert(0.5)).isEqualTo("0.5");
    }

    @Test
    void convertString_nestedValue_isRefused() {
        assertThatThrownBy(() -> STRING.convert(new RawJson("[\"a\"]"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a string: [\"a\"]");
    }
}
