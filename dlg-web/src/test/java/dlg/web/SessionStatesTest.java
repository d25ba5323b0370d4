package dlg.web;

import static dlg.core.state.SessionState.BUILDING;
import static dlg.core.state.SessionState.CANCELLED;
import static dlg.core.state.SessionState.FAILED;
import static dlg.core.state.SessionState.FINISHED;
import static dlg.core.state.SessionState.PRISTINE;
import static dlg.core.state.SessionState.RUNNING;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SessionStatesTest {

    @Test
    void merge_sameEverywhere_isThatState() {
        assertThat(SessionStates.merge(List.of(RUNNING, RUNNING))).isEqualTo(RUNNING);
        assertThat(SessionStates.merge(List.of(FINISHED))).isEqualTo(FINISHED);
    }

    @Test
    void merge_aNodeNotEnded_isTheLeastAdvancedOfThoseNotEnded() {
        assertThat(SessionStates.merge(List.of(FINISHED, RUNNING))).isEqualTo(RUNNING); // DALiuGE: Running
        assertThat(SessionStates.merge(List.of(RUNNING, BUILDING, FAILED))).isEqualTo(BUILDING);
    }

    @Test
    void merge_allEnded_failedBeatsCancelledBeatsFinished() {
        assertThat(SessionStates.merge(List.of(FINISHED, FAILED))).isEqualTo(FAILED); // DALiuGE: Failed
        assertThat(SessionStates.merge(List.of(CANCELLED, FINISHED))).isEqualTo(CANCELLED);
        assertThat(SessionStates.merge(List.of(CANCELLED, FAILED))).isEqualTo(FAILED);
    }

    @Test
    void merge_noNode_isPristine() {
        assertThat(SessionStates.merge(List.of())).isEqualTo(PRISTINE);
    }
}
