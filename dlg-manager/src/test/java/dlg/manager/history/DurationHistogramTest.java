package dlg.manager.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DurationHistogramTest {

    @Test
    void buckets_coverEveryDurationWithoutGapsOrOverlap() {
        for (int b = 0; b < DurationHistogram.BUCKETS - 1; b++) {
            assertThat(DurationHistogram.low(b + 1)).as("bucket %d", b).isEqualTo(DurationHistogram.high(b) + 1);
            assertThat(DurationHistogram.bucket(DurationHistogram.low(b))).isEqualTo(b);
            assertThat(DurationHistogram.bucket(DurationHistogram.high(b))).isEqualTo(b);
        }
    }

    @Test
    void quantile_isWithinOneThirtySecondOfTheExactValue() {
        Random r = new Random(42);
        long[] ms = new long[10_001];
        DurationHistogram h = new DurationHistogram();
        for (int i = 0; i < ms.length; i++) {
            ms[i] = (long) Math.exp(r.nextDouble() * 15); // 1 ms to about 50 minutes
            h.add(ms[i]);
        }
        Arrays.sort(ms);
        for (double q : new double[] {0.5, 0.95, 0.99}) {
            long exact = ms[(int) Math.ceil(q * ms.length) - 1];
            assertThat((double) h.quantile(q)).as("q %s", q).isCloseTo(exact, org.assertj.core.data.Offset.offset(exact / 32.0 + 1));
        }
    }

    @Test
    void encode_decode_roundTrips_andMergeAddsCounts() {
        DurationHistogram a = new DurationHistogram();
        a.add(0);
        a.add(7);
        a.add(123_456);
        a.add(-5); // as 0
        DurationHistogram back = DurationHistogram.decode(a.encode());
        assertThat(back).isEqualTo(a);
        assertThat(back.count()).isEqualTo(4);
        back.merge(a);
        assertThat(back.count()).isEqualTo(8);
        assertThat(back.quantile(0.5)).isEqualTo(0);
        assertThat(new DurationHistogram().quantile(0.5)).isEqualTo(-1);
    }

    @Test
    void decode_garbage_namesThePart() {
        assertThatThrownBy(() -> DurationHistogram.decode("1:2,oops")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'oops'");
        assertThatThrownBy(() -> DurationHistogram.decode("9999:1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("9999:1");
    }
}
