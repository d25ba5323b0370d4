package dlg.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class NdArrayTest {

    @Test
    void of_nestedIntegerLists_givesIntegralMatrix() {
        NdArray a = NdArray.of(List.of(List.of(1L, 2L), List.of(3L, 4L)));

        assertThat(a.shape()).containsExactly(2, 2);
        assertThat(a.integral()).isTrue();
        assertThat(a.ints()).containsExactly(1, 2, 3, 4);
    }

    @Test
    void of_oneFloat_makesTheWholeArrayFloat() {
        NdArray a = NdArray.of(List.of(1L, 2.5, true));

        assertThat(a.integral()).isFalse();
        assertThat(a.floats()).containsExactly(1.0, 2.5, 1.0);
    }

    @Test
    void of_number_givesScalar() {
        assertThat(NdArray.of(BigInteger.TEN).toValue()).isEqualTo(10L);
        assertThat(NdArray.of(3.0).ndim()).isZero();
    }

    @Test
    void of_raggedList_isRefused() {
        assertThatThrownBy(() -> NdArray.of(List.of(List.of(1L, 2L), List.of(3L))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a rectangular array");
    }

    @Test
    void of_string_isRefusedNamingIt() {
        assertThatThrownBy(() -> NdArray.of(List.of("a")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("String a");
    }
}
