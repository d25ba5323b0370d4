package dlg.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DropPagingTest {

    /** a0..a5 apps on nodes n1/n2 alternately; a2 and a5 failed. */
    private static TestingDropTable six() {
        TestingDropTable t = new TestingDropTable();
        for (int i = 0; i < 6; i++) {
            t.add("a" + i, i % 2 == 0 ? "Even" : "odd", true, i % 2 == 0 ? "n1:8000:5555:6666" : "n2:8000:5555:6666", 1);
        }
        return t.fail(2, "boom").fail(5, "bang").set(0, ShownState.FINISHED);
    }

    private static DropQuery all(long offset, int limit) {
        return new DropQuery(offset, limit, Set.of(), null, null);
    }

    @Test
    void page_failedDropsComeFirst_thenTheOthersInGraphOrder() {
        DropPage p = DropPaging.page(six(), all(0, 10), null);

        assertThat(p.drops()).extracting(DropLine::oid).containsExactly("a2", "a5", "a0", "a1", "a3", "a4");
        assertThat(p.total()).isEqualTo(6);
        assertThat(p.matched()).isEqualTo(6);
        assertThat(p.failed()).isEqualTo(2);
        assertThat(p.drops().getFirst().error()).isEqualTo("boom");
        assertThat(p.drops().get(2).error()).isNull();
        assertThat(p.drops().get(2).terminal()).isTrue(); // finished
    }

    @Test
    void page_offsetAcrossTheFailures_continuesWithTheOthers() {
        assertThat(DropPaging.page(six(), all(1, 2), null).drops()).extracting(DropLine::oid).containsExactly("a5", "a0");
        assertThat(DropPaging.page(six(), all(5, 5), null).drops()).extracting(DropLine::oid).containsExactly("a4");
        assertThat(DropPaging.page(six(), all(6, 5), null).drops()).isEmpty();
    }

    @Test
    void page_limitZero_countsOnly() {
        DropPage p = DropPaging.page(six(), all(0, 0), null);

        assertThat(p.drops()).isEmpty();
        assertThat(p.matched()).isEqualTo(6);
        assertThat(p.failed()).isEqualTo(2);
    }

    @Test
    void page_filters_byStateNodeAndName() {
        TestingDropTable t = six();

        assertThat(DropPaging.page(t, new DropQuery(0, 10, Set.of("error"), null, null), null).drops())
                .extracting(DropLine::oid).containsExactly("a2", "a5");
        assertThat(DropPaging.page(t, new DropQuery(0, 10, Set.of(), "n2", null), null).drops())
                .extracting(DropLine::oid).containsExactly("a5", "a1", "a3");
        assertThat(DropPaging.page(t, new DropQuery(0, 10, Set.of(), null, "EVEN"), null).drops())
                .extracting(DropLine::oid).containsExactly("a2", "a0", "a4");
        assertThat(DropPaging.page(t, new DropQuery(0, 10, Set.of(), null, "a3"), null).drops())
                .extracting(DropLine::oid).containsExactly("a3"); // by oid too
        DropPage none = DropPaging.page(t, new DropQuery(0, 10, Set.of("running"), null, null), null);
        assertThat(none.matched()).isZero();
        assertThat(none.total()).isEqualTo(6);
    }

    @Test
    void page_withGroups_namesEachDropsGroup() {
        TestingDropTable t = six();

        assertThat(DropPaging.page(t, all(0, 1), Groups.of(t)).drops().getFirst().group()).isEqualTo("lg_key=1");
    }

    /** "calib" (lg_key 1) and "calibrate" (lg_key 2), whose names share a prefix; one on each node. */
    private static TestingDropTable prefixes() {
        TestingDropTable t = new TestingDropTable();
        t.add("c1", "calib", true, "n1", 1);
        t.add("c2", "calibrate", true, "n2", 2);
        t.add("c3", "calib", true, "n2", "1"); // 1 and "1": one construct
        t.add("c4", "calibrate", true, "n1", 2);
        return t;
    }

    private static List<String> oids(DropTable t, Groups g, String group) {
        return DropPaging.page(t, new DropQuery(0, 10, Set.of(), null, null, group), g).drops().stream()
                .map(DropLine::oid).toList();
    }

    @Test
    void page_byGroup_listsExactlyThatConstructsDrops_notThoseWhoseNameSharesAPrefix() {
        TestingDropTable t = prefixes();
        Groups g = Groups.of(t);

        assertThat(oids(t, g, "lg_key=1")).containsExactly("c1", "c3");
        assertThat(oids(t, g, "lg_key=2")).containsExactly("c2", "c4");
        assertThat(DropPaging.page(t, new DropQuery(0, 10, Set.of(), null, "calib"), g).matched())
                .as("the name filter, a substring").isEqualTo(4);
        assertThat(DropPaging.page(t, new DropQuery(0, 10, Set.of(), "n2", null, "lg_key=1"), g).drops())
                .extracting(DropLine::oid).containsExactly("c3"); // with the other filters
    }

    @Test
    void page_byGroupOfAnotherAttribute_matchesTheDropsOwnAttribute() {
        TestingDropTable t = prefixes();
        Groups g = Groups.of(t); // by lg_key

        assertThat(oids(t, g, "name=calib")).containsExactly("c1", "c3");
        assertThat(oids(t, null, "lg_key=2")).containsExactly("c2", "c4");
        assertThat(oids(t, g, "kind=application")).hasSize(4);
        assertThat(oids(t, g, "dropclass=dlg.apps.simple.SleepApp")).hasSize(4);
    }

    @Test
    void page_byUnknownOrMalformedGroup_isEmpty_notAnError() {
        TestingDropTable t = prefixes();
        Groups g = Groups.of(t);

        for (String key : List.of("lg_key=99", "name=cal", "nonsense", "colour=red", "=")) {
            DropPage p = DropPaging.page(t, new DropQuery(0, 10, Set.of(), null, null, key), g);
            assertThat(p.matched()).as(key).isZero();
            assertThat(p.total()).as(key).isEqualTo(4);
        }
    }

    @Test
    void query_badPage_isRefused() {
        assertThatThrownBy(() -> new DropQuery(-1, 10, Set.of(), null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DropQuery(0, DropQuery.MAX_LIMIT + 1, Set.of(), null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limit");
    }
}
