package dlg.manager.repro;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code cast} answers as DALiuGE's {@code rflag_caster} (checked with python3 for the odd ones). */
class ReproModeTest {

    @Test
    void cast_codeAsText_returnsMode() {
        assertThat(ReproMode.cast("1")).isEqualTo(ReproMode.RERUN);
        assertThat(ReproMode.cast("-1")).isEqualTo(ReproMode.ALL);
        assertThat(ReproMode.cast(" 8 ")).isEqualTo(ReproMode.REPLICATE_TOTAL);
        assertThat(ReproMode.cast("+5")).isEqualTo(ReproMode.REPRODUCE);
        assertThat(ReproMode.cast("0_6")).isEqualTo(ReproMode.REPLICATE_SCI);
    }

    @Test
    void cast_numbers_returnMode() {
        assertThat(ReproMode.cast(0)).isEqualTo(ReproMode.NOTHING);
        assertThat(ReproMode.cast(5L)).isEqualTo(ReproMode.REPRODUCE);
        assertThat(ReproMode.cast(1.5)).isEqualTo(ReproMode.RERUN);
        assertThat(ReproMode.cast(true)).isEqualTo(ReproMode.RERUN);
    }

    @Test
    void cast_namesOfAllsModes_caseAsWritten() {
        assertThat(ReproMode.cast("RERUN")).isEqualTo(ReproMode.RERUN);
        assertThat(ReproMode.cast("Reproducibility.RECOMPUTE")).isEqualTo(ReproMode.RECOMPUTE);
        assertThat(ReproMode.cast("replicate_sci")).isEqualTo(ReproMode.NOTHING);
        assertThat(ReproMode.cast("ALL")).isEqualTo(ReproMode.NOTHING); // not one of ALL_RMODES' names
    }

    @ParameterizedTest
    @ValueSource(strings = {"3", "10", "-2", "rerunn", "", "1.0", "99999999999999999999"})
    void cast_noSuchMode_isNothing(String bad) {
        assertThat(ReproMode.cast(bad)).isEqualTo(ReproMode.NOTHING);
    }

    @Test
    void cast_otherTypes_areNothing() {
        assertThat(ReproMode.cast(null)).isEqualTo(ReproMode.NOTHING);
        assertThat(ReproMode.cast(Map.of())).isEqualTo(ReproMode.NOTHING);
        assertThat(ReproMode.cast(Double.NaN)).isEqualTo(ReproMode.NOTHING);
    }

    @Test
    void candidates_all_expandsToRerunThroughReplicateTotal() {
        assertThat(ReproMode.ALL.candidates()).containsExactly(ReproMode.RERUN, ReproMode.REPEAT,
                ReproMode.RECOMPUTE, ReproMode.REPRODUCE, ReproMode.REPLICATE_SCI,
                ReproMode.REPLICATE_COMP, ReproMode.REPLICATE_TOTAL);
        assertThat(ReproMode.NOTHING.candidates()).containsExactly(ReproMode.NOTHING);
        assertThat(ReproMode.REPEAT.candidates()).containsExactly(ReproMode.REPEAT);
    }

    @Test
    void coversContent_reproduceReplicatesAndAll() {
        assertThat(ReproMode.REPRODUCE.coversContent()).isTrue();
        assertThat(ReproMode.REPLICATE_TOTAL.coversContent()).isTrue();
        assertThat(ReproMode.ALL.coversContent()).isTrue();
        assertThat(ReproMode.RECOMPUTE.coversContent()).isFalse();
    }
}
