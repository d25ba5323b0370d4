package dlg.core.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dlg.core.codec.NdArray;
import java.util.List;
import org.junit.jupiter.api.Test;

class NdMathTest {

    private static final NdArray M = NdArray.of(List.of(List.of(0L, 1L, 2L), List.of(3L, 4L, 5L)));

    @Test
    void reduce_allAxes_givesScalar() {
        assertThat(NdMath.ADD.reduce(M, null).toValue()).isEqualTo(15L);
        assertThat(NdMath.MULTIPLY.reduce(M, null).toValue()).isEqualTo(0L);
        assertThat(NdMath.MAXIMUM.reduce(M, null).toValue()).isEqualTo(5L);
        assertThat(NdMath.MINIMUM.reduce(M, null).toValue()).isEqualTo(0L);
    }

    @Test
    void reduce_oneAxis_keepsTheOthers() {
        assertThat(NdMath.ADD.reduce(M, new int[] {0}).toValue()).isEqualTo(List.of(3L, 5L, 7L));
        assertThat(NdMath.MAXIMUM.reduce(M, new int[] {-1}).toValue()).isEqualTo(List.of(2L, 5L));
    }

    @Test
    void reduce_axisOutOfRange_isRefused() {
        assertThatThrownBy(() -> NdMath.ADD.reduce(M, new int[] {2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("axis 2 is out of bounds");
    }

    @Test
    void reduce_emptyMax_hasNoIdentity() {
        NdArray empty = NdArray.of(List.of());

        assertThat(NdMath.ADD.reduce(empty, null).toValue()).isEqualTo(0L);
        assertThatThrownBy(() -> NdMath.MAXIMUM.reduce(empty, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no identity");
    }

    @Test
    void apply_broadcastsRowAgainstMatrix() {
        NdArray row = NdArray.of(List.of(10L, 20L, 30L));

        assertThat(NdMath.ADD.apply(M, row).toValue())
                .isEqualTo(List.of(List.of(10L, 21L, 32L), List.of(13L, 24L, 35L)));
        assertThat(NdMath.MULTIPLY.apply(NdArray.of(2.0), row).toValue()).isEqualTo(List.of(20.0, 40.0, 60.0));
    }

    @Test
    void apply_columnAgainstRow_broadcastsBoth() {
        NdArray col = NdArray.of(List.of(List.of(1L), List.of(2L)));
        NdArray row = NdArray.of(List.of(1L, 5L));

        assertThat(NdMath.MAXIMUM.apply(col, row).toValue()).isEqualTo(List.of(List.of(1L, 5L), List.of(2L, 5L)));
    }

    @Test
    void apply_incompatibleShapes_isRefusedAsNumpyDoes() {
        assertThatThrownBy(() -> NdMath.ADD.apply(M, NdArray.of(List.of(1L, 2L))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("could not be broadcast");
    }

    @Test
    void apply_nan_propagatesThroughMinimum() {
        assertThat(NdMath.MINIMUM.apply(NdArray.of(Double.NaN), NdArray.of(1L)).toValue()).isEqualTo(Double.NaN);
    }
}
