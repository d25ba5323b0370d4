package dlg.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dlg.core.graph.GraphReader;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RootCauseMergeTest {

    /** Node A: app a1 fails on its own ("boom"), its output d1 after it; d1 is read by node B. */
    private static RootCauses nodeA() {
        TestingDropTable t = new TestingDropTable();
        int a1 = t.add("a1", "split", true, "A", 1);
        int d1 = t.add("d1", "part", false, "A", 2);
        t.fail(a1, "boom").ran(a1, 0, 100).failBecauseOfInputs(d1, "a producer failed").link(a1, d1);
        t.remote(d1, "b1", false);
        return RootCauseScan.of(t, Groups.of(t));
    }

    /** Node B: b1 reads d1 of node A and fails, then b2 and b3; b3 is read by node C. */
    private static RootCauses nodeB() {
        TestingDropTable t = new TestingDropTable();
        int b1 = t.add("b1", "work", true, "B", 3);
        int b2 = t.add("b2", "out", false, "B", 4);
        int b3 = t.add("b3", "next", true, "B", 5);
        t.failBecauseOfInputs(b1, "1 of 1 inputs failed").failBecauseOfInputs(b2, "p").failBecauseOfInputs(b3, "i");
        t.link(b1, b2).link(b2, b3).remote(b1, "d1", true).remoteFailed("d1", 110).remote(b3, "c1", false);
        return RootCauseScan.of(t, Groups.of(t));
    }

    /** Node C: c1 reads b3 of node B and fails, then c2; and c9 fails on its own ("disk full"). */
    private static RootCauses nodeC() {
        TestingDropTable t = new TestingDropTable();
        int c1 = t.add("c1", "c1", false, "C", 6);
        int c2 = t.add("c2", "c2", true, "C", 7);
        int c9 = t.add("c9", "c9", true, "C", 8);
        t.failBecauseOfInputs(c1, "p").failBecauseOfInputs(c2, "i").link(c1, c2).remote(c1, "b3", true);
        t.fail(c9, "disk full").ran(c9, 0, 500);
        return RootCauseScan.of(t, Groups.of(t));
    }

    @Test
    void merge_twoNodes_downstreamOnTheOtherNodeAddsToTheRoot() {
        RootCauses m = RootCauseMerge.merge(List.of(nodeA(), nodeB()));

        assertThat(m.failed()).isEqualTo(5);
        assertThat(m.roots()).isEqualTo(1);
        assertThat(m.downstream()).isEqualTo(4);
        assertThat(m.imported()).isZero();
        assertThat(m.imports()).isEmpty();
        assertThat(m.groups()).singleElement().satisfies(g -> {
            assertThat(g.cause()).isEqualTo("boom");
            assertThat(g.downstream()).isEqualTo(4);
            assertThat(g.examples()).extracting(RootCauses.Example::oid, RootCauses.Example::downstream)
                    .containsExactly(tuple("a1", 4L));
        });
        assertThat(m.exports()).contains(new RootCauses.Export("b3", "a1", "lg_key=1", "boom"));
    }

    @Test
    void merge_chainThroughThreeNodes_resolvesToTheFirstNodesRoot() {
        RootCauses m = RootCauseMerge.merge(List.of(nodeC(), nodeB(), nodeA()));

        assertThat(m.failed()).isEqualTo(8);
        assertThat(m.roots() + m.downstream()).isEqualTo(8);
        assertThat(m.groups()).extracting(RootCauses.Group::cause, RootCauses.Group::roots, RootCauses.Group::downstream)
                .containsExactly(tuple("boom", 1L, 6L), tuple("disk full", 1L, 0L));
    }

    @Test
    void merge_ofMergedAnswers_isTheSameAsOfAllNodes() {
        RootCauses island1 = RootCauseMerge.merge(List.of(nodeA()));
        RootCauses island2 = RootCauseMerge.merge(List.of(nodeB(), nodeC()));
        assertThat(island2.imports()).containsExactly(new RootCauses.Import("d1", 5)); // unresolved within it

        RootCauses master = RootCauseMerge.merge(List.of(island2, island1));

        RootCauses all = RootCauseMerge.merge(List.of(nodeA(), nodeB(), nodeC()));
        assertThat(master.failed()).isEqualTo(all.failed());
        assertThat(master.downstream()).isEqualTo(all.downstream());
        assertThat(master.imported()).isZero();
        assertThat(master.groups()).isEqualTo(all.groups());
    }

    @Test
    void merge_sameConstructAndCauseOnTwoNodes_oneGroupWithItsExamplesInOrder() {
        TestingDropTable t1 = new TestingDropTable();
        int x = t1.add("x", "x", true, "A", 1);
        t1.fail(x, "boom").ran(x, 0, 300);
        TestingDropTable t2 = new TestingDropTable();
        int y = t2.add("y", "y", true, "B", 1);
        t2.fail(y, "boom").ran(y, 0, 200);

        RootCauses m = RootCauseMerge.merge(List.of(RootCauseScan.of(t1, Groups.of(t1)), RootCauseScan.of(t2, Groups.of(t2))),
                50, 1, 1000);

        assertThat(m.groups()).singleElement().satisfies(g -> {
            assertThat(g.roots()).isEqualTo(2);
            assertThat(g.first()).isEqualTo(200);
            assertThat(g.examples()).extracting(RootCauses.Example::oid).containsExactly("y");
        });
    }

    @Test
    void lost_nodesDropsAreOneGroupAndWhatOtherNodesReadOfThemResolvesToIt() {
        var drops = GraphReader.read("""
                [{"oid": "l1", "categoryType": "Application", "dropclass": "dlg.apps.simple.SleepApp", "node": "A", "outputs": ["l2"]},
                 {"oid": "l2", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP", "node": "A", "consumers": ["b1"]}]
                """).drops();
        RootCauses lost = RootCauseMerge.lost("A", drops, "node A lost: no answer", Set.of("l1")); // l1: a link the split cut
        TestingDropTable t = new TestingDropTable();
        int b1 = t.add("b1", "b1", true, "B", 1);
        t.failBecauseOfInputs(b1, "1 of 1 inputs failed: node A lost").remote(b1, "l2", true);

        RootCauses m = RootCauseMerge.merge(List.of(lost, RootCauseScan.of(t, Groups.of(t))));

        assertThat(lost.exports()).containsExactly(new RootCauses.Export("l1", "l1", "node=A", "node A lost: no answer"),
                new RootCauses.Export("l2", "l2", "node=A", "node A lost: no answer"));
        assertThat(m.failed()).isEqualTo(3);
        assertThat(m.groups()).singleElement().satisfies(g -> {
            assertThat(g.construct()).isEqualTo("node A");
            assertThat(g.roots()).isEqualTo(2);
            assertThat(g.downstream()).isEqualTo(1);
            assertThat(g.first()).isNull();
        });
    }

    @Test
    void merge_importNoNodeResolves_keptForTheLevelAbove() {
        RootCauses m = RootCauseMerge.merge(List.of(nodeB()));

        assertThat(m.imported()).isEqualTo(3);
        assertThat(m.imports()).containsExactly(new RootCauses.Import("d1", 3));
        assertThat(m.groups()).isEmpty();
    }
}
