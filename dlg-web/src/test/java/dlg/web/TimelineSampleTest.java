package dlg.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TimelineSampleTest {

    private static final long T0 = 1_000_000L;

    /** Bars made by a test: positions are their identities. */
    private record Bars(long[] start, long[] duration, boolean[] failed) {

        int size() {
            return start.length;
        }

        int[] choose(long t0, long t1, int limit) {
            return TimelineSample.choose(start, duration, failed, t0, t1, limit);
        }

        /** The bars at these positions, as a new set of bars. */
        Bars pick(int[] at) {
            Bars b = new Bars(new long[at.length], new long[at.length], new boolean[at.length]);
            for (int i = 0; i < at.length; i++) {
                b.start[i] = start[at[i]];
                b.duration[i] = duration[at[i]];
                b.failed[i] = failed[at[i]];
            }
            return b;
        }

        static Bars concat(Bars a, Bars b) {
            Bars c = new Bars(new long[a.size() + b.size()], new long[a.size() + b.size()],
                    new boolean[a.size() + b.size()]);
            for (int i = 0; i < c.size(); i++) {
                Bars from = i < a.size() ? a : b;
                int j = i < a.size() ? i : i - a.size();
                c.start[i] = from.start[j];
                c.duration[i] = from.duration[j];
                c.failed[i] = from.failed[j];
            }
            return c;
        }

        /** A bar's identity across picks: start, duration and state (the tests make durations unique). */
        String id(int i) {
            return start[i] + "/" + duration[i] + "/" + failed[i];
        }

        Set<String> ids(int[] at) {
            Set<String> s = new HashSet<>();
            for (int i : at) {
                s.add(id(i));
            }
            return s;
        }

        Set<String> failures() {
            Set<String> s = new HashSet<>();
            for (int i = 0; i < size(); i++) {
                if (failed[i]) {
                    s.add(id(i));
                }
            }
            return s;
        }

        Set<String> longest(int k) {
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < size(); i++) {
                if (!failed[i]) {
                    order.add(i);
                }
            }
            order.sort((x, y) -> Long.compare(duration[y], duration[x]));
            Set<String> s = new HashSet<>();
            order.subList(0, Math.min(k, order.size())).forEach(i -> s.add(id(i)));
            return s;
        }
    }

    /**
     * {@code n} bars over [T0, T0 + span), most of them (9 in 10) crowded into the last tenth;
     * each {@code failEvery}-th fails; durations unique.
     */
    private static Bars crowdedAtTheEnd(Random r, int n, long span, int failEvery) {
        Bars b = new Bars(new long[n], new long[n], new boolean[n]);
        for (int i = 0; i < n; i++) {
            b.start[i] = T0 + (i % 10 == 0 ? (long) (r.nextDouble() * span) : span - 1 - (long) (r.nextDouble() * span / 10));
            b.duration[i] = 10 * (long) i + r.nextInt(10); // unique
            b.failed[i] = failEvery > 0 && i % failEvery == failEvery - 1;
        }
        return b;
    }

    @Test
    void choose_fewerThanTheLimit_keepsAllInOrderOfStart() {
        Bars b = new Bars(new long[] {30, 10, 20}, new long[] {1, 1, 1}, new boolean[3]);

        assertThat(b.choose(0, 40, 3)).containsExactly(1, 2, 0);
    }

    @Test
    void choose_crowdedEnd_coversTheWholeSpanNotItsTail() {
        long span = 1_000_000;
        Bars b = crowdedAtTheEnd(new Random(1), 20_000, span, 0);
        int limit = 200;

        int[] kept = b.choose(T0, T0 + span, limit);

        assertThat(kept).hasSize(limit);
        // every tenth of the session is represented, its first and last slots too
        boolean[] tenths = new boolean[10];
        for (int k : kept) {
            tenths[(int) ((b.start[k] - T0) * 10 / span)] = true;
        }
        assertThat(tenths).containsOnly(true);
        long slot = span / (limit - TimelineSample.longestOf(limit) - 2) + 1;
        assertThat(b.start[kept[0]]).as("the first bar").isEqualTo(Arrays.stream(b.start).min().getAsLong());
        assertThat(b.start[kept[limit - 1]]).as("a bar of the last slot").isGreaterThanOrEqualTo(T0 + span - slot);
        long lastEnd = 0;
        for (int i = 0; i < b.size(); i++) {
            lastEnd = Math.max(lastEnd, b.start[i] + b.duration[i]);
        }
        long shownEnd = 0;
        for (int k : kept) {
            shownEnd = Math.max(shownEnd, b.start[k] + b.duration[k]);
        }
        assertThat(shownEnd).as("the last bar to end").isEqualTo(lastEnd);
        assertThat(kept).as("in order of start").isSortedAccordingTo((x, y) -> Long.compare(b.start[x], b.start[y]));
    }

    @Test
    void choose_keepsEveryFailureAndTheLongest() {
        Bars b = crowdedAtTheEnd(new Random(2), 10_000, 500_000, 700); // 14 failures
        int limit = 100;

        int[] kept = b.choose(T0, T0 + 500_000, limit);

        Set<String> ids = b.ids(kept);
        assertThat(b.failures()).hasSize(14);
        assertThat(ids).containsAll(b.failures()).containsAll(b.longest(TimelineSample.longestOf(limit)));
        assertThat(kept).hasSize(limit);
    }

    @Test
    void choose_moreFailuresThanTheLimit_keepsOnlyFailuresSpreadOverTheSpan() {
        Bars b = crowdedAtTheEnd(new Random(3), 5_000, 100_000, 3); // 1,666 failures, some spread

        int[] kept = b.choose(T0, T0 + 100_000, 50);

        assertThat(kept).hasSize(50);
        assertThat(Arrays.stream(kept).allMatch(k -> b.failed[k])).as("only failures").isTrue();
        assertThat(b.start[kept[0]]).as("a failure of the first slot").isLessThan(T0 + 100_000 / 50);
    }

    @Test
    void choose_anySize_neverMoreThanTheLimit() {
        Random r = new Random(4);
        for (int round = 0; round < 200; round++) {
            int n = r.nextInt(400);
            int limit = 1 + r.nextInt(60);
            Bars b = crowdedAtTheEnd(r, n, 1 + r.nextInt(10_000), r.nextInt(5));

            int[] kept = b.choose(T0, T0 + 10_000, limit);

            assertThat(kept).as("n=%d limit=%d", n, limit).hasSize(Math.min(n, limit)).doesNotHaveDuplicates();
        }
    }

    @Test
    void choose_allAtOneInstant_stillBoundedAndKeepsTheLongest() {
        int n = 1000;
        Bars b = new Bars(new long[n], new long[n], new boolean[n]);
        for (int i = 0; i < n; i++) {
            b.start[i] = T0;
            b.duration[i] = i;
        }

        int[] kept = b.choose(T0, T0, 10);

        assertThat(kept).hasSize(10).contains(n - 1);
    }

    @Test
    void choose_resamplingTheUnionOfTwoNodesSamples_givesTheSameRulesAnswer() {
        long span = 200_000;
        Random r = new Random(5);
        Bars a = crowdedAtTheEnd(r, 8_000, span, 900);
        Bars b = crowdedAtTheEnd(r, 5_000, span, 1300);
        for (int i = 0; i < b.size(); i++) { // unique across nodes too
            b.duration[i] += 1_000_000;
        }
        int limit = 120;
        Bars whole = Bars.concat(a, b);

        Bars samples = Bars.concat(a.pick(a.choose(T0, T0 + span, limit)), b.pick(b.choose(T0, T0 + span, limit)));
        int[] merged = samples.choose(T0, T0 + span, limit);
        int[] direct = whole.choose(T0, T0 + span, limit);

        assertThat(merged).hasSize(direct.length).hasSize(limit);
        Set<String> mergedIds = samples.ids(merged);
        assertThat(mergedIds).containsAll(whole.failures()).containsAll(whole.longest(TimelineSample.longestOf(limit)));
        assertThat(whole.ids(direct)).containsAll(whole.failures()).containsAll(whole.longest(TimelineSample.longestOf(limit)));
        assertThat(slots(samples, merged, span, limit)).isEqualTo(slots(whole, direct, span, limit));
        // and a sample sampled again is itself: same shape in and out
        Bars once = whole.pick(direct);
        assertThat(once.choose(T0, T0 + span, limit)).hasSize(limit);
        assertThat(once.ids(once.choose(T0, T0 + span, limit))).isEqualTo(whole.ids(direct));
    }

    /** Which of a coarse grid's slots (a tenth of the limit) the kept bars fall in. */
    private static Set<Integer> slots(Bars b, int[] kept, long span, int limit) {
        Set<Integer> s = new HashSet<>();
        for (int k : kept) {
            s.add(TimelineSample.slot(b.start[k], T0, T0 + span, limit / 10));
        }
        return s;
    }

    @Test
    void stratify_eachSlotGivesItsLongestFirst() {
        // two slots of 50 ms: durations 1, 9, 3 in the first; 4, 2 in the second
        long[] start = {0, 10, 20, 60, 70};
        long[] duration = {1, 9, 3, 4, 2};
        boolean[] all = {true, true, true, true, true};
        boolean[] chosen = new boolean[5];

        int marked = TimelineSample.stratify(start, duration, all, chosen, 0, 99, 2);

        assertThat(marked).isEqualTo(2);
        assertThat(chosen).containsExactly(false, true, false, true, false);
    }

    @Test
    void choose_badArguments_sayWhich() {
        assertThatThrownBy(() -> TimelineSample.choose(new long[1], new long[1], new boolean[1], 0, 1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limit");
        assertThatThrownBy(() -> TimelineSample.choose(new long[2], new long[1], new boolean[2], 0, 1, 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("length");
    }

    @Test
    void slot_startsOutsideTheSpan_goToItsEnds() {
        assertThat(TimelineSample.slot(T0 - 5, T0, T0 + 99, 10)).isZero();
        assertThat(TimelineSample.slot(T0 + 500, T0, T0 + 99, 10)).isEqualTo(9);
        assertThat(TimelineSample.slot(T0 + 50, T0, T0 + 99, 10)).isEqualTo(5);
    }
}
