package dlg.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dlg.core.error.NoDropException;
import org.junit.jupiter.api.Test;

class GraphViewsTest {

    /** A scatter: in -> n apps -> n outs, each drop declaring the link (both sides, as the translator does). */
    private static TestingDropTable scatter(int n) {
        TestingDropTable t = new TestingDropTable();
        int in = t.add("in", "input", false, "n1", 1);
        for (int i = 0; i < n; i++) {
            int app = t.add("app" + i, "work", true, i % 2 == 0 ? "n1" : "n2", 2);
            int out = t.add("out" + i, "result", false, i % 2 == 0 ? "n1" : "n2", 3);
            t.link(in, app).link(app, out);
        }
        return t;
    }

    private static GraphView build(TestingDropTable t, String mode, int budget, String focus) {
        return GraphViews.build("s", t, Groups.of(t), new GraphQuery(mode, budget, focus));
    }

    @Test
    void build_auto_withinTheBudget_drawsEveryDrop() {
        GraphView v = build(scatter(3).set(1, ShownState.RUNNING), "auto", 10, null);

        assertThat(v.mode()).isEqualTo("drops");
        assertThat(v.nodes()).hasSize(7);
        assertThat(v.edges()).hasSize(6);
        assertThat(v.nodes().get(1).state()).isEqualTo("running");
        assertThat(v.nodes().get(1).terminal()).isFalse();
    }

    @Test
    void build_auto_overTheBudget_drawsOneNodePerConstruct() {
        TestingDropTable t = scatter(100).set(1, ShownState.FINISHED);

        GraphView v = build(t, "auto", 50, null);

        assertThat(v.mode()).isEqualTo("groups");
        assertThat(v.groupBy()).isEqualTo("lg_key");
        assertThat(v.nodes()).extracting(GraphView.Node::id).containsExactly("lg_key=1", "lg_key=2", "lg_key=3");
        GraphView.Node work = v.nodes().get(1);
        assertThat(work.count()).isEqualTo(100);
        assertThat(work.counts()).containsEntry("finished", 1L).containsEntry("not_run", 99L);
        assertThat(work.node()).isNull(); // on two nodes
        assertThat(v.nodes().get(0).node()).isEqualTo("n1");
        assertThat(v.edges()).containsExactly(new GraphView.Edge("lg_key=1", "lg_key=2"),
                new GraphView.Edge("lg_key=2", "lg_key=3"));
    }

    @Test
    void build_neighbourhood_staysWithinTheBudgetAroundTheFocus() {
        GraphView v = build(scatter(100), "neighbourhood", 5, "out7");

        assertThat(v.mode()).isEqualTo("neighbourhood");
        assertThat(v.nodes()).hasSize(5);
        assertThat(v.nodes()).extracting(GraphView.Node::id).contains("out7", "app7", "in");
        assertThat(v.focus()).isEqualTo("out7");
    }

    @Test
    void build_dropsOverTheBudget_orUnknownFocus_isRefused() {
        assertThatThrownBy(() -> build(scatter(100), "drops", 50, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("201 drops");
        assertThatThrownBy(() -> build(scatter(1), "neighbourhood", 5, "nope")).isInstanceOf(NoDropException.class);
    }

    @Test
    void groups_withoutLgKey_fallBackToNamesThenClasses() {
        TestingDropTable named = new TestingDropTable();
        named.add("a", "x", true, null, null);
        named.add("b", "x", true, null, null);
        assertThat(Groups.of(named).attribute()).isEqualTo("lg_key"); // one (empty) key: still few groups

        TestingDropTable many = new TestingDropTable();
        for (int i = 0; i < Groups.MAX_GROUPS + 1; i++) {
            many.add("d" + i, "name" + i, i % 2 == 0, null, i);
        }
        Groups g = Groups.of(many);
        assertThat(g.attribute()).isEqualTo("dropclass");
        assertThat(g.labels()).containsExactly("SleepApp", "InMemoryDROP");
    }
}
