package dlg.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConstructsTest {

    /**
     * A pipeline whose constructs appear out of order in the graph: "reduce" (lg_key 3) first,
     * then "split" (1), then "work" (2): split -> work (3 apps on n1/n2) -> reduce.
     */
    private static TestingDropTable pipeline() {
        TestingDropTable t = new TestingDropTable();
        int reduce = t.add("r", "reduce", true, "n1", 3);
        int split = t.add("s", "split", true, "n1", 1);
        for (int k = 0; k < 3; k++) {
            int w = t.add("w" + k, "work", true, k == 2 ? "n2" : "n1", 2);
            t.link(split, w).link(w, reduce);
        }
        t.set(split, ShownState.FINISHED).ran(split, 1_000, 1_010);
        t.set(2, ShownState.FINISHED).ran(2, 1_010, 1_030);
        t.set(3, ShownState.FINISHED).ran(3, 1_010, 1_050);
        t.fail(4, "boom").ran(4, 1_020, 1_320);
        return t;
    }

    private static Constructs of(TestingDropTable t) {
        return Constructs.of(t, Groups.of(t));
    }

    private static Constructs.Construct find(Constructs c, String key) {
        return c.constructs().stream().filter(x -> x.key().equals(key)).findFirst().orElseThrow();
    }

    @Test
    void of_ordersConstructsTopologically_sourcesFirst() {
        Constructs c = of(pipeline());

        assertThat(c.constructs()).extracting(Constructs.Construct::key)
                .containsExactly("lg_key=1", "lg_key=2", "lg_key=3");
        assertThat(c.constructs()).extracting(Constructs.Construct::label).containsExactly("split", "work", "reduce");
        assertThat(c.groupBy()).isEqualTo("lg_key");
        assertThat(c.total()).isEqualTo(5);
        assertThat(c.all()).isEqualTo(3);
        assertThat(c.links()).containsExactlyInAnyOrder(new GraphView.Edge("lg_key=1", "lg_key=2"),
                new GraphView.Edge("lg_key=2", "lg_key=3"));
    }

    @Test
    void of_countsStatesAndDurationsOfEachConstruct() {
        Constructs.Construct work = find(of(pipeline()), "lg_key=2");

        assertThat(work.count()).isEqualTo(3);
        assertThat(work.counts()).isEqualTo(Map.of("finished", 2L, "error", 1L));
        assertThat(work.timed()).isEqualTo(3);
        assertThat(work.medianMs()).isEqualTo(40);
        assertThat(work.p95Ms()).isBetween(290L, 310L); // within 1/32 of 300
        assertThat(work.maxMs()).isEqualTo(300);
        assertThat(work.totalMs()).isEqualTo(20 + 40 + 300);
        assertThat(work.firstStart()).isEqualTo(1_010);
        assertThat(work.lastEnd()).isEqualTo(1_320);
        assertThat(work.nodes()).isEqualTo(2);

        Constructs.Construct reduce = find(of(pipeline()), "lg_key=3");
        assertThat(reduce.counts()).isEqualTo(Map.of("not_run", 1L));
        assertThat(reduce.timed()).isZero();
        assertThat(reduce.medianMs()).isNull();
        assertThat(reduce.maxMs()).isNull();
        assertThat(reduce.firstStart()).isNull();
        assertThat(reduce.lastEnd()).isNull();
    }

    @Test
    void of_cycleBetweenConstructs_stillListsEachOnce() {
        TestingDropTable t = new TestingDropTable();
        int a = t.add("a", "a", true, null, 1);
        int b = t.add("b", "b", true, null, 2);
        int c = t.add("c", "c", true, null, 3);
        t.link(a, b).link(b, c).link(c, b);

        assertThat(of(t).constructs()).extracting(Constructs.Construct::label).containsExactly("a", "b", "c");
        assertThat(of(t).constructs()).allSatisfy(x -> assertThat(x.nodes()).isEqualTo(1)); // this manager
    }

    @Test
    void of_aLongChain_isBoundedByGroupsAndReadsInOrder() {
        TestingDropTable t = new TestingDropTable();
        int n = Groups.MAX_GROUPS + 5; // more than can be grouped by lg_key: grouped by kind
        for (int k = 0; k < n; k++) {
            t.add("d" + k, "step" + k, k % 2 == 0, null, k);
        }
        assertThat(of(t).constructs()).hasSizeLessThanOrEqualTo(Groups.MAX_GROUPS);

        TestingDropTable chain = new TestingDropTable();
        for (int k = 0; k < 120; k++) { // added backwards: the order comes from the links
            chain.add("d" + k, "step" + (119 - k), true, null, 119 - k);
            if (k > 0) {
                chain.link(k, k - 1);
            }
        }
        List<String> labels = of(chain).constructs().stream().map(Constructs.Construct::label).toList();
        List<String> expected = new ArrayList<>();
        for (int k = 0; k < 120; k++) {
            expected.add("step" + k);
        }
        assertThat(labels).isEqualTo(expected);
    }

    /** The pipeline's drops split over two nodes: the "work" apps on n1 and n2 apart. */
    private static List<Constructs> twoNodes() {
        TestingDropTable one = new TestingDropTable();
        int s = one.add("s", "split", true, "n1", 1);
        int w0 = one.add("w0", "work", true, "n1", 2);
        int w1 = one.add("w1", "work", true, "n1", 2);
        one.link(s, w0).link(s, w1);
        one.set(s, ShownState.FINISHED).ran(s, 1_000, 1_010);
        one.set(w0, ShownState.FINISHED).ran(w0, 1_010, 1_030);
        one.set(w1, ShownState.FINISHED).ran(w1, 1_010, 1_050);
        TestingDropTable two = new TestingDropTable();
        int r = two.add("r", "reduce", true, "n2", 3); // first on this node
        int w2 = two.add("w2", "work", true, "n2", 2);
        two.link(w2, r);
        two.fail(w2, "boom").ran(w2, 1_020, 1_320);
        return List.of(of(one), of(two));
    }

    @Test
    void merge_twoNodes_addsCountsAndMergesDurationsExactly() {
        Constructs merged = Constructs.merge(twoNodes(), List.of());

        assertThat(merged.constructs()).extracting(Constructs.Construct::key)
                .containsExactly("lg_key=1", "lg_key=2", "lg_key=3");
        Constructs.Construct work = find(merged, "lg_key=2");
        Constructs.Construct alone = find(of(pipeline()), "lg_key=2"); // the same drops on one node
        assertThat(work.count()).isEqualTo(3);
        assertThat(work.counts()).isEqualTo(alone.counts());
        assertThat(work.durations()).isEqualTo(alone.durations());
        assertThat(work.medianMs()).isEqualTo(alone.medianMs());
        assertThat(work.p95Ms()).isEqualTo(alone.p95Ms());
        assertThat(work.maxMs()).isEqualTo(300);
        assertThat(work.totalMs()).isEqualTo(360);
        assertThat(work.firstStart()).isEqualTo(1_010);
        assertThat(work.lastEnd()).isEqualTo(1_320);
        assertThat(work.nodes()).isEqualTo(2);
        assertThat(merged.total()).isEqualTo(5);
    }

    @Test
    void merge_ofMergedAnswers_isTheSameAsOneMerge() {
        List<Constructs> parts = twoNodes();
        Constructs once = Constructs.merge(parts, List.of());
        // a MasterManager over two islands: one with both nodes, one with nothing of the session
        Constructs twice = Constructs.merge(List.of(Constructs.merge(List.of(parts.get(0)), List.of()),
                Constructs.merge(List.of(parts.get(1)), List.of())), List.of());

        assertThat(twice).isEqualTo(once);
        assertThat(Json.read(Json.write(once), Constructs.class)).isEqualTo(once); // over the wire
    }

    @Test
    void merge_withTheLinksTheSplitCut_ordersAcrossNodes() {
        TestingDropTable one = new TestingDropTable();
        one.add("b", "second", true, "n1", 2);
        TestingDropTable two = new TestingDropTable();
        two.add("a", "first", true, "n2", 1);

        assertThat(Constructs.merge(List.of(of(one), of(two)), List.of()).constructs())
                .extracting(Constructs.Construct::label).containsExactly("second", "first"); // no link known
        assertThat(Constructs.merge(List.of(of(one), of(two)), List.of(new GraphView.Edge("lg_key=1", "lg_key=2")))
                .constructs()).extracting(Constructs.Construct::label).containsExactly("first", "second");
    }
}
