package dlg.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import org.junit.jupiter.api.Test;

class RootCauseScanTest {

    private static RootCauses scan(TestingDropTable t) {
        return RootCauseScan.of(t, Groups.of(t));
    }

    /** An app of construct {@code lg} failing on its own at {@code at}, then {@code n} drops failing after it. */
    private static int failingChain(TestingDropTable t, String oid, Object lg, String why, long at, int n) {
        int app = t.add(oid, "app " + lg, true, "n1", lg);
        t.fail(app, why).ran(app, at - 10, at);
        int prev = app;
        for (int k = 0; k < n; k++) {
            int d = t.add(oid + "-" + k, "after " + lg, k % 2 == 1, "n1", "after-" + lg);
            t.failBecauseOfInputs(d, k % 2 == 0 ? "a producer failed" : "1 of 1 inputs failed").ran(d, at, at + 1 + k);
            t.link(prev, d);
            prev = d;
        }
        return app;
    }

    @Test
    void of_noFailure_isEmpty() {
        TestingDropTable t = new TestingDropTable();
        t.add("a", "a", true, "n1", 1);

        assertThat(scan(t)).isEqualTo(RootCauses.NONE);
    }

    @Test
    void of_chain_oneRootWithItsDownstreamCount() {
        TestingDropTable t = new TestingDropTable();
        failingChain(t, "A", 1, "boom", 100, 3);

        RootCauses r = scan(t);

        assertThat(r.failed()).isEqualTo(4);
        assertThat(r.roots()).isEqualTo(1);
        assertThat(r.downstream()).isEqualTo(3);
        assertThat(r.groups()).singleElement().satisfies(g -> {
            assertThat(g.key()).isEqualTo("lg_key=1");
            assertThat(g.construct()).isEqualTo("app 1");
            assertThat(g.cause()).isEqualTo("boom");
            assertThat(g.roots()).isEqualTo(1);
            assertThat(g.downstream()).isEqualTo(3);
            assertThat(g.first()).isEqualTo(100);
            assertThat(g.examples()).containsExactly(new RootCauses.Example("A", "app 1", "n1", 3, 100L));
        });
    }

    @Test
    void of_diamond_dropReachedFromTwoRootsIsBlamedOnTheFirstToFail() {
        TestingDropTable t = new TestingDropTable();
        int late = t.add("late", "late", true, "n1", 1);
        int early = t.add("early", "early", true, "n1", 1);
        int x = t.add("x", "x", false, "n1", 2);
        int y = t.add("y", "y", true, "n1", 3);
        int z = t.add("z", "z", false, "n1", 4);
        t.fail(late, "boom").ran(late, 0, 200).fail(early, "boom").ran(early, 0, 100);
        t.failBecauseOfInputs(x, "p").failBecauseOfInputs(y, "i").failBecauseOfInputs(z, "p");
        t.link(late, x).link(early, x).link(x, y).link(late, z);

        RootCauses r = scan(t);

        assertThat(r.roots()).isEqualTo(2);
        assertThat(r.downstream()).isEqualTo(3);
        assertThat(r.groups()).singleElement().satisfies(g -> {
            assertThat(g.roots()).isEqualTo(2);
            assertThat(g.downstream()).isEqualTo(3);
            assertThat(g.examples()).extracting(RootCauses.Example::oid, RootCauses.Example::downstream)
                    .containsExactly(tuple("early", 2L),
                            tuple("late", 1L));
        });
    }

    @Test
    void of_rootDownstreamOfAnotherRoot_staysARootAndStopsTheWalk() {
        TestingDropTable t = new TestingDropTable();
        int a = t.add("a", "a", true, "n1", 1);
        int d = t.add("d", "d", false, "n1", 2);
        int b = t.add("b", "b", true, "n1", 3); // ran despite the failed input (threshold), then raised
        int e = t.add("e", "e", false, "n1", 4);
        t.fail(a, "boom").ran(a, 0, 10).failBecauseOfInputs(d, "p").fail(b, "raised").ran(b, 20, 30)
                .failBecauseOfInputs(e, "p");
        t.link(a, d).link(d, b).link(b, e);

        RootCauses r = scan(t);

        assertThat(r.roots()).isEqualTo(2);
        assertThat(r.groups()).extracting(RootCauses.Group::cause, RootCauses.Group::downstream)
                .containsExactly(tuple("boom", 1L),
                        tuple("raised", 1L));
    }

    @Test
    void of_threeFailuresOfOneConstructAndOneOther_twoGroupsInOrderOfFirstFailure() {
        TestingDropTable t = new TestingDropTable();
        failingChain(t, "A1", 1, "boom", 300, 2);
        failingChain(t, "B", 2, "disk full", 150, 4);
        failingChain(t, "A2", 1, "boom", 200, 2);
        failingChain(t, "A3", 1, "boom", 400, 2);

        RootCauses r = scan(t);

        assertThat(r.failed()).isEqualTo(14);
        assertThat(r.roots() + r.downstream() + r.imported()).isEqualTo(r.failed());
        assertThat(r.groupCount()).isEqualTo(2);
        assertThat(r.groups()).extracting(RootCauses.Group::cause, RootCauses.Group::roots, RootCauses.Group::downstream)
                .containsExactly(tuple("disk full", 1L, 4L),
                        tuple("boom", 3L, 6L));
        assertThat(r.groups().get(1).examples()).extracting(RootCauses.Example::oid).containsExactly("A2", "A1", "A3");
        assertThat(r.groups().get(1).first()).isEqualTo(200);
    }

    @Test
    void of_moreThanTheCaps_listsCutCountsWhole() {
        TestingDropTable t = new TestingDropTable();
        for (int i = 0; i < 5; i++) {
            failingChain(t, "A" + i, 1, "boom", 100 + i, 1);
        }
        failingChain(t, "B", 2, "other", 500, 1);

        RootCauses r = RootCauseScan.of(t, Groups.of(t), 1, 2, 10);

        assertThat(r.groupCount()).isEqualTo(2);
        assertThat(r.groups()).singleElement().satisfies(g -> {
            assertThat(g.roots()).isEqualTo(5);
            assertThat(g.downstream()).isEqualTo(5);
            assertThat(g.examples()).extracting(RootCauses.Example::oid).containsExactly("A0", "A1");
        });
        assertThat(r.roots()).isEqualTo(6);
    }

    @Test
    void of_failuresFromAnotherNode_importedAndExported() {
        TestingDropTable t = new TestingDropTable();
        int x = t.add("x", "x", true, "n2", 1); // reads R and Q of other nodes; R failed first
        int y = t.add("y", "y", false, "n2", 2);
        int a = t.add("a", "a", true, "n2", 3);
        int d = t.add("d", "d", false, "n2", 4); // read by another node
        t.failBecauseOfInputs(x, "2 of 2 inputs failed").failBecauseOfInputs(y, "p").link(x, y);
        t.remote(x, "Q", true).remote(x, "R", true).remoteFailed("Q", 90).remoteFailed("R", 50);
        t.remote(y, "Z", false);
        t.fail(a, "boom").ran(a, 0, 10).failBecauseOfInputs(d, "p").link(a, d).remote(d, "W", false);

        RootCauses r = scan(t);

        assertThat(r.failed()).isEqualTo(4);
        assertThat(r.roots()).isEqualTo(1);
        assertThat(r.downstream()).isEqualTo(1);
        assertThat(r.imported()).isEqualTo(2);
        assertThat(r.imports()).containsExactly(new RootCauses.Import("R", 2));
        assertThat(r.exports()).containsExactlyInAnyOrder(new RootCauses.Export("y", "R", null, null),
                new RootCauses.Export("d", "a", "lg_key=3", "boom"));
        assertThat(r.approximate()).isFalse();
    }

    @Test
    void of_failedBecauseOfInputsWithNoKnownSource_countsAsARoot() {
        TestingDropTable t = new TestingDropTable();
        int x = t.add("x", "x", true, "n1", 1);
        t.failBecauseOfInputs(x, "1 of 1 inputs failed");

        RootCauses r = scan(t);

        assertThat(r.roots()).isEqualTo(1);
        assertThat(r.groups()).extracting(RootCauses.Group::cause).containsExactly("1 of 1 inputs failed");
    }

    @Test
    void of_boundaryOverTheCap_isCutAndSaidApproximate() {
        TestingDropTable t = new TestingDropTable();
        for (int i = 0; i < 3; i++) {
            int d = t.add("d" + i, "d", false, "n1", 1);
            t.fail(d, "boom").remote(d, "far" + i, false);
        }

        RootCauses r = RootCauseScan.of(t, Groups.of(t), 50, 20, 2);

        assertThat(r.exports()).hasSize(2);
        assertThat(r.approximate()).isTrue();
        assertThat(r.roots()).isEqualTo(3);
        assertThat(r.groups().getFirst().roots()).isEqualTo(3);
    }
}
