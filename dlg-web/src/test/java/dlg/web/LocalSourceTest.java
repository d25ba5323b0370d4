package dlg.web;

import static org.assertj.core.api.Assertions.assertThat;

import dlg.core.runtime.ExecutionCounts;
import dlg.core.state.AppState;
import dlg.core.state.DropState;
import org.junit.jupiter.api.Test;

class LocalSourceTest {

    @Test
    void shownCounts_appsByExecutionState_dataByDropState() {
        long[] byState = new long[DropState.values().length];
        long[] byApp = new long[AppState.values().length];
        // 2 apps: one running (drop state INITIALIZED), one finished (COMPLETED); 3 data: 1 init, 2 completed
        byState[DropState.INITIALIZED.ordinal()] = 2;
        byState[DropState.COMPLETED.ordinal()] = 3;
        byApp[AppState.RUNNING.ordinal()] = 1;
        byApp[AppState.FINISHED.ordinal()] = 1;

        long[] shown = LocalSource.shownCounts(new ExecutionCounts(5, 2, byState, byApp, 3));

        assertThat(shown[ShownState.RUNNING.ordinal()]).isEqualTo(1);
        assertThat(shown[ShownState.FINISHED.ordinal()]).isEqualTo(1);
        assertThat(shown[ShownState.INITIALIZED.ordinal()]).isEqualTo(1);
        assertThat(shown[ShownState.COMPLETED.ordinal()]).isEqualTo(2);
    }

    @Test
    void shownCounts_appBetweenItsTwoStateChanges_neverCountsBelowZero() {
        long[] byState = new long[DropState.values().length];
        long[] byApp = new long[AppState.values().length];
        byState[DropState.INITIALIZED.ordinal()] = 1; // the app's drop state has not moved yet
        byApp[AppState.FINISHED.ordinal()] = 1;       // its execution state has

        long[] shown = LocalSource.shownCounts(new ExecutionCounts(1, 1, byState, byApp, 0));

        assertThat(java.util.Arrays.stream(shown).min().orElse(0)).isNotNegative();
        assertThat(shown[ShownState.FINISHED.ordinal()]).isEqualTo(1);
    }
}
