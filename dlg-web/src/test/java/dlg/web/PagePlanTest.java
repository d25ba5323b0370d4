package dlg.web;

import static org.assertj.core.api.Assertions.assertThat;

import dlg.web.PagePlan.Slice;
import org.junit.jupiter.api.Test;

class PagePlanTest {

    // node 0: 3 matched, 1 failed; node 1: 4 matched, 2 failed. Global order:
    // 0:f0 | 1:f0 1:f1 | 0:o0 0:o1 | 1:o0 1:o1   (local indexes: failed first on each node)
    private static final long[] MATCHED = {3, 4};
    private static final long[] FAILED = {1, 2};

    @Test
    void plan_firstPage_takesEveryNodesFailuresFirst() {
        assertThat(PagePlan.plan(MATCHED, FAILED, 0, 4)).containsExactly(
                new Slice(0, 0, 1), new Slice(1, 0, 2), new Slice(0, 1, 1));
    }

    @Test
    void plan_pageInTheOthers_mapsToEachNodesOwnOffsets() {
        assertThat(PagePlan.plan(MATCHED, FAILED, 4, 10)).containsExactly(
                new Slice(0, 2, 1), new Slice(1, 2, 2));
        assertThat(PagePlan.plan(MATCHED, FAILED, 6, 1)).containsExactly(new Slice(1, 3, 1));
    }

    @Test
    void plan_pastTheEnd_orEmptyPage_hasNoSlice() {
        assertThat(PagePlan.plan(MATCHED, FAILED, 7, 10)).isEmpty();
        assertThat(PagePlan.plan(MATCHED, FAILED, 0, 0)).isEmpty();
        assertThat(PagePlan.plan(new long[0], new long[0], 0, 10)).isEmpty();
    }

    @Test
    void plan_coversEveryDropOnceWhateverThePageSize() {
        for (int limit = 1; limit <= 8; limit++) {
            long taken = 0;
            for (long offset = 0; offset < 7; offset += limit) {
                taken += PagePlan.plan(MATCHED, FAILED, offset, limit).stream().mapToLong(Slice::limit).sum();
            }
            assertThat(taken).as("limit " + limit).isEqualTo(7);
        }
    }
}
