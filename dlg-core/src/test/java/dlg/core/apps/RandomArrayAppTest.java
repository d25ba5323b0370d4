package dlg.core.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dlg.core.codec.Pickles;
import java.util.List;
import org.junit.jupiter.api.Test;

class RandomArrayAppTest {

    private static List<?> run(TestingAppContext ctx) throws Exception {
        TestingDataDrop out = new TestingDataDrop("out");
        RandomArrayApp.INSTANCE.run(ctx.output(out));
        assertThat(Pickles.looksPickled(out.bytes())).isTrue();
        return (List<?>) Pickles.loads(out.bytes());
    }

    @Test
    void run_defaults_are100IntegersFrom0To100() throws Exception {
        List<?> values = run(new TestingAppContext());

        assertThat(values).hasSize(100).allSatisfy(v -> {
            assertThat(v).isInstanceOfAny(Integer.class, Long.class);
            assertThat(((Number) v).longValue()).isBetween(0L, 99L);
        });
    }

    @Test
    void run_integerRange_isLowInclusiveHighExclusive() throws Exception {
        List<?> values = run(new TestingAppContext().arg("size", 2000).arg("low", 5).arg("high", 8));

        assertThat(values).hasSize(2000);
        assertThat(values.stream().map(v -> ((Number) v).longValue()).distinct().sorted().toList())
                .containsExactly(5L, 6L, 7L);
    }

    @Test
    void run_floats_followDaliugesFormula() throws Exception {
        List<?> values = run(new TestingAppContext().arg("integer", false).arg("size", 500)
                .arg("low", "1").arg("high", "10"));

        assertThat(values).hasSize(500).allSatisfy(v -> {
            assertThat(v).isInstanceOf(Double.class);
            assertThat((Double) v).isBetween(10.0, 20.0); // (random() + low) * high
        });
    }

    @Test
    void run_writesTheSameArrayToEveryOutput() throws Exception {
        TestingDataDrop a = new TestingDataDrop("a");
        TestingDataDrop b = new TestingDataDrop("b");

        RandomArrayApp.INSTANCE.run(new TestingAppContext().arg("size", 10).output(a).output(b));

        assertThat(a.bytes()).isEqualTo(b.bytes()).isNotEmpty();
    }

    @Test
    void run_sizeZero_isAnEmptyList() throws Exception {
        assertThat(run(new TestingAppContext().arg("size", 0))).isEmpty();
    }

    @Test
    void run_noOutput_fails() {
        assertThatThrownBy(() -> RandomArrayApp.INSTANCE.run(new TestingAppContext()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void run_negativeSize_fails() {
        assertThatThrownBy(() -> run(new TestingAppContext().arg("size", -1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("size");
    }

    @Test
    void run_emptyIntegerRange_fails() {
        assertThatThrownBy(() -> run(new TestingAppContext().arg("low", 5).arg("high", 5)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
