package dlg.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dlg.core.graph.GraphReader;
import dlg.core.graph.GraphSpec;
import dlg.core.graph.SpecChecker;
import dlg.core.graph.UidList;
import java.util.StringJoiner;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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

    private static void assertFound(int[] indexes) {
        assertThat(indexes).hasSize(N);
        for (int k = 0; k < N; k++) {
            int drop = N - 1 - k;
            assertThat(indexes[k]).as("uid at %d", k).isEqualTo(drop == 5 ? -1 : drop);
        }
    }
}
