package dlg.core.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PendingLinksTest {

    private final PendingLinks pending = new PendingLinks();

    private List<Integer> take(String oid) {
        List<Integer> links = new ArrayList<>();
        for (int l = pending.take(oid, oid.hashCode()); l >= 0; l = pending.next(l)) {
            links.add(l);
        }
        return links;
    }

    private void add(String oid, int link) {
        pending.add(oid, oid.hashCode(), link);
    }

    @Test
    void newTable_isEmptyAndTakesNothing() {
        assertThat(pending.isEmpty()).isTrue();
        assertThat(pending.take("A", "A".hashCode())).isEqualTo(-1);
    }

    @Test
    void take_returnsEveryLinkWaitingForTheOidAndRemovesThem() {
        add("A", 0);
        add("B", 1);
        add(new String("A"), 2);

        assertThat(take("A")).containsExactlyInAnyOrder(0, 2);
        assertThat(take("A")).isEmpty();
        assertThat(take("B")).containsExactly(1);
        assertThat(pending.isEmpty()).isTrue();
    }

    @Test
    void take_keysWithEqualHashCodes_areKeptApart() {
        add("Aa", 0);
        add("BB", 1);
        add("AaAa", 2);
        add("BBBB", 3);

        assertThat(take("BB")).containsExactly(1);
        assertThat(take("Aa")).containsExactly(0);
        assertThat(take("BBBB")).containsExactly(3);
        assertThat(take("AaAa")).containsExactly(2);
    }

    @Test
    void addAndTake_inRandomOrder_agreeWithAMap() {
        Random random = new Random(42);
        Map<String, List<Integer>> expected = new HashMap<>();
        int link = 0;
        for (int step = 0; step < 200_000; step++) {
            String oid = "d" + random.nextInt(2_000);
            if (random.nextInt(3) > 0) {
                add(oid, link);
                expected.computeIfAbsent(oid, k -> new ArrayList<>()).add(link);
                link++;
            } else {
                List<Integer> want = expected.remove(oid);
                assertThat(take(oid)).containsExactlyInAnyOrderElementsOf(want == null ? List.of() : want);
            }
        }
        for (var e : expected.entrySet()) {
            assertThat(take(e.getKey())).containsExactlyInAnyOrderElementsOf(e.getValue());
        }
        assertThat(pending.isEmpty()).isTrue();
    }
}
