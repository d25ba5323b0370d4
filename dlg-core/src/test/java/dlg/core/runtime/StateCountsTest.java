package dlg.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Drops per state, counted by each thread apart and summed on reading. */
class StateCountsTest {

    @Test
    void moves_countFromTheInitialState() {
        StateCounts counts = new StateCounts(3, 0, 5);

        counts.moved(0, 1);
        counts.moved(0, 1);
        counts.moved(1, 2);

        assertThat(counts.sum()).containsExactly(3, 1, 1);
    }

    @Test
    void movesOnManyThreads_sumToEveryMove() throws InterruptedException {
        int threads = 4;
        int each = 100_000;
        StateCounts counts = new StateCounts(3, 0, (long) threads * each);
        List<Thread> movers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            movers.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < each; i++) {
                    counts.moved(0, 1);
                    if (i % 2 == 0) {
                        counts.moved(1, 2);
                    }
                }
            }));
        }
        for (Thread m : movers) {
            m.join();
        }

        assertThat(counts.sum()).containsExactly(0, (long) threads * each / 2, (long) threads * each / 2);
    }

    @Test
    void movesOnVirtualThreads_areCounted_withoutAnArrayEach() throws InterruptedException {
        int threads = 1000;
        StateCounts counts = new StateCounts(2, 0, threads);
        List<Thread> movers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            movers.add(Thread.ofVirtual().start(() -> counts.moved(0, 1)));
        }
        for (Thread m : movers) {
            m.join();
        }

        assertThat(counts.sum()).containsExactly(0, threads);
        assertThat(counts.arrays()).isEqualTo(1);
    }
}
