package dlg.core.state;

import static dlg.core.state.AppState.CANCELLED;
import static dlg.core.state.AppState.ERROR;
import static dlg.core.state.AppState.FINISHED;
import static dlg.core.state.AppState.NOT_RUN;
import static dlg.core.state.AppState.RUNNING;
import static dlg.core.state.AppState.SKIPPED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class AppStateTest {

    private static final Map<AppState, Set<AppState>> ALLOWED = Map.of(
            NOT_RUN, EnumSet.of(RUNNING, ERROR, CANCELLED, SKIPPED),
            RUNNING, EnumSet.of(FINISHED, ERROR, CANCELLED),
            FINISHED, EnumSet.noneOf(AppState.class),
            ERROR, EnumSet.noneOf(AppState.class),
            CANCELLED, EnumSet.noneOf(AppState.class),
            SKIPPED, EnumSet.noneOf(AppState.class));

    @Test
    void code_everyState_equalsDaliugeAppDropStates() {
        assertThat(NOT_RUN.code()).isZero();
        assertThat(RUNNING.code()).isEqualTo(1);
        assertThat(FINISHED.code()).isEqualTo(2);
        assertThat(ERROR.code()).isEqualTo(3);
        assertThat(CANCELLED.code()).isEqualTo(4);
        assertThat(SKIPPED.code()).isEqualTo(5);
    }

    @ParameterizedTest
    @EnumSource(AppState.class)
    void canMoveTo_everyPair_followsTheTransitionTable(AppState from) {
        for (AppState to : AppState.values()) {
            assertThat(from.canMoveTo(to)).as("%s -> %s", from, to).isEqualTo(ALLOWED.get(from).contains(to));
        }
    }

    @Test
    void canMoveTo_sampleOfForbiddenMoves_isFalse() {
        assertThat(NOT_RUN.canMoveTo(FINISHED)).isFalse();
        assertThat(RUNNING.canMoveTo(SKIPPED)).isFalse();
        assertThat(RUNNING.canMoveTo(NOT_RUN)).isFalse();
        assertThat(FINISHED.canMoveTo(RUNNING)).isFalse();
        assertThat(ERROR.canMoveTo(FINISHED)).isFalse();
    }

    @Test
    void isTerminal_finishedErrorCancelledSkipped() {
        assertThat(EnumSet.allOf(AppState.class)).filteredOn(AppState::isTerminal)
                .containsExactlyInAnyOrder(FINISHED, ERROR, CANCELLED, SKIPPED);
    }

    @Test
    void settledDropState_terminalStates_mapToDaliugeDropStatus() {
        assertThat(FINISHED.settledDropState()).isEqualTo(DropState.COMPLETED);
        assertThat(ERROR.settledDropState()).isEqualTo(DropState.ERROR);
        assertThat(CANCELLED.settledDropState()).isEqualTo(DropState.CANCELLED);
        assertThat(SKIPPED.settledDropState()).isEqualTo(DropState.SKIPPED);
    }

    @ParameterizedTest
    @EnumSource(value = AppState.class, names = {"NOT_RUN", "RUNNING"})
    void settledDropState_nonTerminalState_throws(AppState state) {
        assertThatThrownBy(state::settledDropState)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(state + " is not a terminal app state");
    }

    @ParameterizedTest
    @EnumSource(AppState.class)
    void ofCode_codeOfState_returnsSameState(AppState state) {
        assertThat(AppState.ofCode(state.code())).isSameAs(state);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 6, 42})
    void ofCode_unknownCode_throwsNamingTheCode(int code) {
        assertThatThrownBy(() -> AppState.ofCode(code))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no app state with code " + code);
    }
}
