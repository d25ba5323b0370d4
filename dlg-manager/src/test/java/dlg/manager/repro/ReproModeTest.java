package dlg.manager.repro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dlg.manager.repro.ReproMode.Aspect;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReproModeTest {

    @Test
    void parse_codeAsString_returnsMode() {
        assertThat(ReproMode.parse("1")).isEqualTo(ReproMode.RERUN);
        assertThat(ReproMode.parse("-1")).isEqualTo(ReproMode.ALL);
        assertThat(ReproMode.parse(" 8 ")).isEqualTo(ReproMode.REPLICATE_TOTAL);
    }

    @Test
    void parse_codeAsNumber_returnsMode() {
        assertThat(ReproMode.parse(0)).isEqualTo(ReproMode.NOTHING);
        assertThat(ReproMode.parse(5L)).isEqualTo(ReproMode.REPRODUCE);
    }

    @Test
    void parse_nameInAnyCase_returnsMode() {
        assertThat(ReproMode.parse("RERUN")).isEqualTo(ReproMode.RERUN);
        assertThat(ReproMode.parse("replicate_sci")).isEqualTo(ReproMode.REPLICATE_SCI);
        assertThat(ReproMode.parse("Reproducibility.RECOMPUTE")).isEqualTo(ReproMode.RECOMPUTE);
    }

    @Test
    void parse_everyCode_roundTripsThroughValue() {
        for (ReproMode m : ReproMode.values()) {
            assertThat(ReproMode.parse(m.value())).isEqualTo(m);
            assertThat(ReproMode.parse(m.name())).isEqualTo(m);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"3", "10", "-2", "rerunn", "", "1.0", "99999999999"})
    void parse_noSuchMode_throwsNamingTheValue(String bad) {
        assertThatThrownBy(() -> ReproMode.parse(bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(bad.strip());
    }

    @Test
    void parse_otherTypes_throwNamingTheValue() {
        assertThatThrownBy(() -> ReproMode.parse(3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3");
        assertThatThrownBy(() -> ReproMode.parse(true)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("true");
        assertThatThrownBy(() -> ReproMode.parse(1.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1.5");
        assertThatThrownBy(() -> ReproMode.parse(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("null");
    }

    @Test
    void standards_all_expandsToRerunThroughReplicateTotal() {
        assertThat(ReproMode.ALL.standards()).containsExactly(ReproMode.RERUN, ReproMode.REPEAT,
                ReproMode.RECOMPUTE, ReproMode.REPRODUCE, ReproMode.REPLICATE_SCI,
                ReproMode.REPLICATE_COMP, ReproMode.REPLICATE_TOTAL);
    }

    @Test
    void standards_nothingAndExperimental_areEmpty() {
        assertThat(ReproMode.NOTHING.standards()).isEmpty();
        assertThat(ReproMode.EXPERIMENTAL.standards()).isEmpty();
        assertThat(ReproMode.REPEAT.standards()).containsExactly(ReproMode.REPEAT);
    }

    @Test
    void aspects_replicateModes_unionTheirTwoStandards() {
        assertThat(ReproMode.REPLICATE_SCI.aspects()).isEqualTo(union(ReproMode.RERUN, ReproMode.REPRODUCE));
        assertThat(ReproMode.REPLICATE_COMP.aspects()).isEqualTo(union(ReproMode.RECOMPUTE, ReproMode.REPRODUCE));
        assertThat(ReproMode.REPLICATE_TOTAL.aspects()).isEqualTo(union(ReproMode.REPEAT, ReproMode.REPRODUCE));
    }

    @Test
    void aspects_eachStandard_coversMoreThanTheOneBefore() {
        assertThat(ReproMode.REPEAT.aspects()).containsAll(ReproMode.RERUN.aspects()).contains(Aspect.PARAMS);
        assertThat(ReproMode.RECOMPUTE.aspects()).containsAll(ReproMode.REPEAT.aspects()).contains(Aspect.PLACEMENT);
        assertThat(ReproMode.REPRODUCE.aspects()).containsExactlyInAnyOrder(Aspect.STATE, Aspect.CONTENT);
    }

    private static Set<Aspect> union(ReproMode a, ReproMode b) {
        Set<Aspect> s = EnumSet.noneOf(Aspect.class);
        s.addAll(a.aspects());
        s.addAll(b.aspects());
        return s;
    }
}
