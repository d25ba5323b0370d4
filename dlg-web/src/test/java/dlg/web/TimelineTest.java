package dlg.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineTest {

    private static final long DEPLOYED = 1_000_000L;

    /**
     * A node's session: {@code n} apps of construct 1 ("calibrate") then {@code n} of construct 2
     * ("image"), one every 10 ms from 100 ms after the deploy, each running 5 ms (the i-th image
     * app runs longer); the {@code failed}-th image app failed; the last one still runs.
     */
    private static TestingDropTable session(int n, int failed, String node, String prefix) {
        TestingDropTable t = new TestingDropTable();
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < n; i++) {
                int d = t.add(prefix + c + "-" + i, c == 0 ? "calibrate" : "image", true, node, c + 1);
                long start = DEPLOYED + 100 + 10L * (c * n + i);
                t.ran(d, start, start + 5 + (c == 1 ? i : 0));
                t.set(d, ShownState.FINISHED);
                if (c == 1 && i == failed) {
                    t.fail(d, "exit 3");
                }
            }
        }
        int last = t.size() - 1;
        t.ran(last, DEPLOYED + 100 + 10L * last, -1).set(last, ShownState.RUNNING);
        t.add(prefix + "data", "data", false, node, 3);
        return t;
    }

    @Test
    void of_fewApps_allWithTheirConstructFromTheDeploy() {
        TestingDropTable t = session(3, 1, "n1", "a");

        Timeline tl = Timeline.of(t, Groups.of(t), 100, DEPLOYED, null, DEPLOYED + 500);

        assertThat(tl.sampled()).isFalse();
        assertThat(tl.total()).isEqualTo(6);
        assertThat(tl.failed()).isEqualTo(1);
        assertThat(tl.start()).isEqualTo(DEPLOYED); // the axis' zero: the deploy, before the first app
        assertThat(tl.end()).isNull();
        assertThat(tl.apps()).extracting(Timeline.Bar::construct)
                .containsExactly("lg_key=1", "lg_key=1", "lg_key=1", "lg_key=2", "lg_key=2", "lg_key=2");
        assertThat(tl.apps().get(5).end()).isNull(); // running
        assertThat(tl.apps()).extracting(Timeline.Bar::state).contains("error", "running");
        assertThat(tl.constructs()).containsExactly(new Timeline.Construct("lg_key=1", "calibrate", 3),
                new Timeline.Construct("lg_key=2", "image", 3));
    }

    @Test
    void of_manyApps_sampledOverTheWholeSessionKeepingTheFailure() {
        TestingDropTable t = session(500, 7, "n1", "a");

        Timeline tl = Timeline.of(t, Groups.of(t), 50, DEPLOYED, DEPLOYED + 20_000, DEPLOYED + 30_000);

        assertThat(tl.sampled()).isTrue();
        assertThat(tl.total()).isEqualTo(1000);
        assertThat(tl.apps()).hasSize(50);
        assertThat(tl.apps()).extracting(Timeline.Bar::oid).contains("a1-7", "a1-499"); // failed, longest (runs)
        assertThat(tl.apps().getFirst().oid()).isEqualTo("a0-0");
        assertThat(tl.apps()).extracting(Timeline.Bar::construct).contains("lg_key=1", "lg_key=2");
        assertThat(tl.constructs()).extracting(Timeline.Construct::count).containsExactly(500L, 500L);
    }

    @Test
    void merge_twoNodes_sumsCountsAndResamplesTheirSamples() {
        TestingDropTable t1 = session(400, 3, "n1", "a");
        TestingDropTable t2 = session(300, 250, "n2", "b");
        long now = DEPLOYED + 60_000;
        Timeline a = Timeline.of(t1, Groups.of(t1), 40, DEPLOYED + 2, DEPLOYED + 50_000, now);
        Timeline b = Timeline.of(t2, Groups.of(t2), 40, DEPLOYED, null, now);

        Timeline m = Timeline.merge(List.of(a, b), 40, now);

        assertThat(m.total()).isEqualTo(1400);
        assertThat(m.failed()).isEqualTo(2);
        assertThat(m.sampled()).isTrue();
        assertThat(m.apps()).hasSize(40);
        assertThat(m.start()).isEqualTo(DEPLOYED);
        assertThat(m.end()).as("one node still runs").isNull();
        assertThat(m.apps()).extracting(Timeline.Bar::oid).contains("a1-3", "b1-250");
        assertThat(m.apps()).extracting(Timeline.Bar::node).contains("n1", "n2");
        assertThat(m.constructs()).containsExactly(new Timeline.Construct("lg_key=1", "calibrate", 700),
                new Timeline.Construct("lg_key=2", "image", 700));
        // a MasterManager merges islands the same way: same shape in and out
        Timeline again = Timeline.merge(List.of(m), 40, now);
        assertThat(again.apps()).isEqualTo(m.apps());
        assertThat(again.total()).isEqualTo(1400);
    }

    @Test
    void merge_allNodesEnded_endsAtTheLastEnd() {
        Timeline a = new Timeline(0, 0, false, 1, DEPLOYED, DEPLOYED + 10, DEPLOYED + 99, List.of(), List.of());
        Timeline b = new Timeline(0, 0, false, 1, DEPLOYED + 1, DEPLOYED + 20, DEPLOYED + 99, List.of(), List.of());

        Timeline m = Timeline.merge(List.of(a, b), 10, DEPLOYED + 100);

        assertThat(m.start()).isEqualTo(DEPLOYED);
        assertThat(m.end()).isEqualTo(DEPLOYED + 20);
        assertThat(m.sampled()).isFalse();
    }
}
