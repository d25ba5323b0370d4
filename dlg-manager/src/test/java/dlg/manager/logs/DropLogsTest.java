package dlg.manager.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class DropLogsTest {

    private static DropLogEntry entry(String message) {
        return new DropLogEntry(Instant.EPOCH, "INFO", "test", "", 0, message);
    }

    private static List<String> messages(List<DropLogEntry> entries) {
        return entries.stream().map(DropLogEntry::message).toList();
    }

    @Test
    void entries_ringWrappedSeveralTimes_lastOnesOldestFirst() {
        var logs = new DropLogs(3, 100);

        for (int i = 1; i <= 10; i++) {
            logs.add("a", entry("m" + i));
        }

        assertThat(messages(logs.entries("a"))).containsExactly("m8", "m9", "m10");
        assertThat(logs.size()).isEqualTo(3);
    }

    @Test
    void entries_dropThatNeverLogged_emptyAndNoRing() {
        var logs = new DropLogs(3, 100);
        logs.add("a", entry("m"));

        assertThat(logs.entries("b")).isEmpty();
        assertThat(logs.drops()).isEqualTo(1);
    }

    @Test
    void add_beyondSessionBudget_evictsTheDropsThatLoggedFirst() {
        var logs = new DropLogs(3, 6);
        for (String oid : List.of("a", "b")) {
            for (int i = 0; i < 3; i++) {
                logs.add(oid, entry(oid + i));
            }
        }

        logs.add("c", entry("c0"));

        assertThat(logs.entries("a")).isEmpty();
        assertThat(messages(logs.entries("b"))).containsExactly("b0", "b1", "b2");
        assertThat(messages(logs.entries("c"))).containsExactly("c0");
        assertThat(logs.size()).isEqualTo(4);
        assertThat(logs.drops()).isEqualTo(2);
    }

    @Test
    void add_evictedDropLogsAgain_startsAFreshRing() {
        var logs = new DropLogs(2, 2);
        logs.add("a", entry("a0"));
        logs.add("b", entry("b0"));
        logs.add("b", entry("b1")); // evicts a

        logs.add("a", entry("a1"));

        assertThat(messages(logs.entries("a"))).containsExactly("a1");
        assertThat(logs.size()).isLessThanOrEqualTo(2);
    }

    @Test
    void add_manyThreadsManyDrops_staysWithinBudgetAndCountsExactly() throws Exception {
        var logs = new DropLogs(10, 500);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            var done = new ArrayList<Future<?>>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 20_000; i++) {
                        logs.add("d" + (i % 1000), entry(thread + ":" + i));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        int held = 0;
        for (int i = 0; i < 1000; i++) {
            held += logs.entries("d" + i).size();
        }
        assertThat(held).isEqualTo(logs.size()).isPositive().isLessThanOrEqualTo(500);
    }

    @Test
    void new_sessionBudgetBelowDropSize_throwsIllegalArgument() {
        assertThatThrownBy(() -> new DropLogs(10, 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10 and 5");
        assertThatThrownBy(() -> new DropLogs(0, 5)).isInstanceOf(IllegalArgumentException.class);
    }
}
