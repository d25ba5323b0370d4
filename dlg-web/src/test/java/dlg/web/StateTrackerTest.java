package dlg.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StateTrackerTest {

    /** in -> app -> out, two of each construct (lg_key 1, 2, 3). */
    private static TestingDropTable chain() {
        TestingDropTable t = new TestingDropTable();
        for (int k = 0; k < 2; k++) {
            t.add("in" + k, "in", false, null, 1);
            t.add("app" + k, "app", true, null, 2);
            t.add("out" + k, "out", false, null, 3);
        }
        return t;
    }

    @Test
    void constructor_countsEveryDropsStateNow() {
        TestingDropTable t = chain().set(0, ShownState.COMPLETED);

        StateTracker tracker = new StateTracker(t, Groups.of(t));

        assertThat(tracker.counts()[ShownState.COMPLETED.ordinal()]).isEqualTo(1);
        assertThat(tracker.counts()[ShownState.INITIALIZED.ordinal()]).isEqualTo(3);
        assertThat(tracker.counts()[ShownState.NOT_RUN.ordinal()]).isEqualTo(2);
    }

    @Test
    void tick_nothingChanged_isEmpty() {
        TestingDropTable t = chain();
        StateTracker tracker = new StateTracker(t, Groups.of(t));

        assertThat(tracker.tick(100).isEmpty()).isTrue();
    }

    @Test
    void tick_dropsChanged_listsThemOnceWithTheirGroupsAndCounts() {
        TestingDropTable t = chain();
        StateTracker tracker = new StateTracker(t, Groups.of(t));

        t.set(1, ShownState.RUNNING).set(4, ShownState.RUNNING);
        StateTracker.Delta d = tracker.tick(100);

        assertThat(d.changedCount()).isEqualTo(2);
        assertThat(d.changed()).startsWith(1, 4);
        assertThat(d.truncated()).isFalse();
        assertThat(d.changedGroups()).containsExactly(1); // lg_key=2, the apps
        assertThat(tracker.shown(1)).isEqualTo(ShownState.RUNNING);
        assertThat(tracker.groupCounts(1)[ShownState.RUNNING.ordinal()]).isEqualTo(2);
        assertThat(tracker.counts()[ShownState.NOT_RUN.ordinal()]).isZero();
        assertThat(tracker.tick(100).isEmpty()).isTrue(); // reported once
    }

    @Test
    void tick_moreChangesThanAllowed_isTruncatedButCountsEverything() {
        TestingDropTable t = chain();
        StateTracker tracker = new StateTracker(t, Groups.of(t));
        for (int i = 0; i < t.size(); i++) {
            t.set(i, ShownState.CANCELLED);
        }

        StateTracker.Delta d = tracker.tick(2);

        assertThat(d.changedCount()).isEqualTo(2);
        assertThat(d.truncated()).isTrue();
        assertThat(d.changedGroups()).containsExactly(0, 1, 2);
        assertThat(tracker.counts()[ShownState.CANCELLED.ordinal()]).isEqualTo(6);
    }

    @Test
    void tick_manyDrops_growsItsListAsNeeded() {
        TestingDropTable t = new TestingDropTable();
        for (int i = 0; i < 1000; i++) {
            t.add("d" + i, "d", false, null, null);
        }
        StateTracker tracker = new StateTracker(t, Groups.of(t));
        for (int i = 0; i < 1000; i++) {
            t.set(i, ShownState.COMPLETED);
        }

        StateTracker.Delta d = tracker.tick(5000);

        assertThat(d.changedCount()).isEqualTo(1000);
        assertThat(d.changed()[999]).isEqualTo(999);
    }
}
