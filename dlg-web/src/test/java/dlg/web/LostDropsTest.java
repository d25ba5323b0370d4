package dlg.web;

import static org.assertj.core.api.Assertions.assertThat;

import dlg.core.graph.DropSpec;
import dlg.core.graph.GraphReader;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LostDropsTest {

    private static final String WHY = "node n2:8000:5555:6666 lost: no answer for 1000 ms";

    /** d0 -> app1 -> d1 -> app2 -> d2 on n2. */
    private static List<DropSpec> chain() {
        return GraphReader.read("""
                [{"oid": "d0", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP", "node": "n2", "consumers": ["app1"]},
                 {"oid": "app1", "categoryType": "Application", "dropclass": "dlg.apps.simple.SleepApp", "node": "n2", "outputs": ["d1"]},
                 {"oid": "d1", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP", "node": "n2", "consumers": ["app2"]},
                 {"oid": "app2", "categoryType": "Application", "dropclass": "dlg.apps.simple.SleepApp", "node": "n2", "outputs": ["d2"]},
                 {"oid": "d2", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP", "node": "n2"}]
                """).drops();
    }

    @Test
    void page_everyDropInErrorNamingTheNode_pagedInGraphOrder() {
        DropPage p = LostDrops.page(chain(), WHY, new DropQuery(1, 2, Set.of(), null, null));

        assertThat(p.total()).isEqualTo(5);
        assertThat(p.matched()).isEqualTo(5);
        assertThat(p.failed()).isEqualTo(5);
        assertThat(p.drops()).extracting(DropLine::oid).containsExactly("app1", "d1");
        assertThat(p.drops()).allSatisfy(l -> {
            assertThat(l.state()).isEqualTo("error");
            assertThat(l.terminal()).isTrue();
            assertThat(l.error()).isEqualTo(WHY);
        });
        assertThat(p.drops().getFirst().app()).isTrue();
    }

    @Test
    void page_filtered_asTheNodeWouldFilter() {
        assertThat(LostDrops.page(chain(), WHY, new DropQuery(0, 10, Set.of("finished"), null, null)).matched()).isZero();
        assertThat(LostDrops.page(chain(), WHY, new DropQuery(0, 10, Set.of("error"), null, "app")).matched())
                .isEqualTo(2);
    }

    @Test
    void page_byGroup_matchesTheDropsOwnAttribute() {
        assertThat(LostDrops.page(chain(), WHY, new DropQuery(0, 10, Set.of(), null, null, "kind=application")).drops())
                .extracting(DropLine::oid).containsExactly("app1", "app2");
        assertThat(LostDrops.page(chain(), WHY, new DropQuery(0, 10, Set.of(), null, null, "name=d1")).drops())
                .extracting(DropLine::oid).containsExactly("d1");
        assertThat(LostDrops.page(chain(), WHY, new DropQuery(0, 10, Set.of(), null, null, "lg_key=7")).matched())
                .isZero();
    }
}
