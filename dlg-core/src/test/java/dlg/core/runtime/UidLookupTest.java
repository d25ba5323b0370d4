package dlg.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dlg.core.graph.GraphReader;
import dlg.core.graph.GraphSpec;
import dlg.core.graph.SpecChecker;
import dlg.core.graph.UidList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.StringJoiner;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Uids are found at their positions however the chunks are shared out, and never wait for a worker that does not run. */
class UidLookupTest {

    private static final int N = 3 * UidLookup.CHUNK + 17;

    private static GraphSpec graph() {
        StringJoiner drops = new StringJoiner(",", "[", "]");
        for (int i = 0; i < N; i++) {
            drops.add("{\"oid\": \"d" + i + "\", \"categoryType\": \"Data\", \"dropclass\": \"dlg.data.drops.memory.InMemoryDROP\"}");
        }
        GraphSpec g = new GraphSpec();
        g.append(GraphReader.read(drops.toString()), SpecChecker.NONE);
        return g;
    }

    private static UidList uids() {
        UidList l = new UidList();
        for (int i = N - 1; i >= 0; i--) { // backwards: position k names drop N - 1 - k
            l.add(i == 5 ? "nope" : "d" + i);
        }
        return l;
    }

    @Test
    void indexes_withWorkers_findsEveryUidAtItsPosition() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            assertFound(UidLookup.indexes(graph(), uids(), pool, 4));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void indexes_workersThatNeverRun_theCallerDoesItAll() {
        ManualExecutor never = new ManualExecutor();
        assertFound(UidLookup.indexes(graph(), uids(), never, 4));
        assertThat(never.pending()).isEqualTo(3); // offered, never needed
        never.runAll(); // late helpers find nothing left to claim
    }

    @Test
    void indexes_refusingExecutor_stillComplete() {
        Executor refusing = task -> {
            throw new java.util.concurrent.RejectedExecutionException("closed");
        };
        assertFound(UidLookup.indexes(graph(), uids(), refusing, 2));
    }

    @Test
    void indexes_listsInAndOutOfOrder_findEachUidWhereverTheGuessesGo() {
        GraphSpec g = graph();
        UidList l = new UidList();
        List<Integer> expected = new ArrayList<>();
        Random random = new Random(42);
        for (int i = 0; i < N; i++) {
            int drop = switch (i % 7) {
                case 0, 1, 2, 3 -> (3 * i) % N; // a stride: guessed right
                case 4 -> random.nextInt(N); // anywhere: guessed wrong
                case 5 -> -1; // a uid the graph does not have
                default -> N - 1 - i; // another stride, backwards
            };
            l.add(drop < 0 ? "missing" + i : "d" + drop);
            expected.add(drop);
        }
        int[] found = UidLookup.indexes(g, l, Runnable::run, 1);
        for (int k = 0; k < N; k++) {
            assertThat(found[k]).as("uid at %d", k).isEqualTo(expected.get(k));
        }
    }

    @Test
    void indexes_randomOrder_allFound() {
        GraphSpec g = graph();
        List<Integer> order = new ArrayList<>(IntStream.range(0, N).boxed().toList());
        Collections.shuffle(order, new Random(7));
        UidList l = new UidList();
        order.forEach(d -> l.add("d" + d));
        int[] found = UidLookup.indexes(g, l, Runnable::run, 1);
        for (int k = 0; k < N; k++) {
            assertThat(found[k]).as("uid at %d", k).isEqualTo(order.get(k));
        }
    }

    @Test
    void indexes_uidsOtherThanOids_guessedAmongTheUids() {
        StringJoiner drops = new StringJoiner(",", "[", "]");
        for (int i = 0; i < 100; i++) { // uid u<i> on oid d<99 - i>: an oid never passes for a uid
            drops.add("{\"oid\": \"d" + (99 - i) + "\", \"uid\": \"u" + i + "\", \"categoryType\": \"Data\"}");
        }
        GraphSpec g = new GraphSpec();
        g.append(GraphReader.read(drops.toString()), SpecChecker.NONE);
        UidList l = new UidList();
        for (int i = 0; i < 100; i += 2) {
            l.add("u" + i);
            l.add("d" + i); // an oid, not a uid
        }
        int[] found = UidLookup.indexes(g, l, Runnable::run, 1);
        for (int k = 0; k < found.length; k++) {
            assertThat(found[k]).as("uid at %d", k).isEqualTo(k % 2 == 0 ? k : -1);
        }
    }

    private static void assertFound(int[] indexes) {
        assertThat(indexes).hasSize(N);
        for (int k = 0; k < N; k++) {
            int drop = N - 1 - k;
            assertThat(indexes[k]).as("uid at %d", k).isEqualTo(drop == 5 ? -1 : drop);
        }
    }
}
