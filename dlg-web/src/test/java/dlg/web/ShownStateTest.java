package dlg.web;

import static org.assertj.core.api.Assertions.assertThat;

import dlg.core.state.AppState;
import dlg.core.state.DropState;
import org.junit.jupiter.api.Test;

class ShownStateTest {

    @Test
    void of_app_showsItsExecutionState_dataItsDropState() {
        assertThat(ShownState.of(DropState.INITIALIZED, AppState.RUNNING)).isEqualTo(ShownState.RUNNING);
        assertThat(ShownState.of(DropState.COMPLETED, AppState.FINISHED)).isEqualTo(ShownState.FINISHED);
        assertThat(ShownState.of(DropState.COMPLETED, null)).isEqualTo(ShownState.COMPLETED);
        assertThat(ShownState.of(DropState.ERROR, AppState.ERROR)).isEqualTo(ShownState.ERROR);
    }

    @Test
    void isTerminal_comesFromTheEnginesEnums() {
        assertThat(ShownState.FINISHED.isTerminal()).isTrue();
        assertThat(ShownState.COMPLETED.isTerminal()).isFalse(); // it may still expire
        assertThat(ShownState.ERROR.isTerminal()).isTrue();
        assertThat(ShownState.RUNNING.isTerminal()).isFalse();
    }

    @Test
    void wireName_roundTrips() {
        for (ShownState s : ShownState.values()) {
            assertThat(ShownState.ofWireName(s.wireName())).isEqualTo(s);
        }
        assertThat(ShownState.NOT_RUN.wireName()).isEqualTo("not_run");
        assertThat(ShownState.ofWireName("nope")).isNull();
    }
}
