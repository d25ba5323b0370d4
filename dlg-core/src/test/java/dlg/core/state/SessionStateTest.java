package dlg.core.state;

import static dlg.core.state.SessionState.BUILDING;
import static dlg.core.state.SessionState.CANCELLED;
import static dlg.core.state.SessionState.DEPLOYING;
import static dlg.core.state.SessionState.FAILED;
import static dlg.core.state.SessionState.FINISHED;
import static dlg.core.state.SessionState.PRISTINE;
import static dlg.core.state.SessionState.RUNNING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class SessionStateTest {

    private static final Map<SessionState, Set<SessionState>> ALLOWED = Map.of(
            PRISTINE, EnumSet.of(BUILDING, DEPLOYING, CANCELLED),
            BUILDING, EnumSet.of(DEPLOYING, CANCELLED),
            DEPLOYING, EnumSet.of(RUNNING, FAILED, CANCELLED),
            RUNNING, EnumSet.of(FINISHED, FAILED, CANCELLED),
            FINISHED, EnumSet.noneOf(SessionState.class),
            CANCELLED, EnumSet.noneOf(SessionState.class),
            FAILED, EnumSet.noneOf(SessionState.class));

    @Test
    void code_everyState_equalsDaliugeSessionStates() {
        assertThat(PRISTINE.code()).isZero();
        assertThat(BUILDING.code()).isEqualTo(1);
        assertThat(DEPLOYING.code()).isEqualTo(2);
        assertThat(RUNNING.code()).isEqualTo(3);
        assertThat(FINISHED.code()).isEqualTo(4);
        assertThat(CANCELLED.code()).isEqualTo(5);
        assertThat(FAILED.code()).isEqualTo(6);
    }

    @ParameterizedTest
    @EnumSource(SessionState.class)
    void canMoveTo_everyPair_followsTheTransitionTable(SessionState from) {
        for (SessionState to : SessionState.values()) {
            assertThat(from.canMoveTo(to)).as("%s -> %s", from, to).isEqualTo(ALLOWED.get(from).contains(to));
        }
    }

    @Test
    void canMoveTo_sampleOfForbiddenMoves_isFalse() {
        assertThat(PRISTINE.canMoveTo(RUNNING)).isFalse();
        assertThat(BUILDING.canMoveTo(PRISTINE)).isFalse();
        assertThat(BUILDING.canMoveTo(BUILDING)).isFalse();
        assertThat(DEPLOYING.canMoveTo(FINISHED)).isFalse();
        assertThat(FINISHED.canMoveTo(RUNNING)).isFalse();
        assertThat(FAILED.canMoveTo(CANCELLED)).isFalse();
    }

    @Test
    void isTerminal_finishedCancelledFailed() {
        assertThat(EnumSet.allOf(SessionState.class)).filteredOn(SessionState::isTerminal)
                .containsExactlyInAnyOrder(FINISHED, CANCELLED, FAILED);
    }

    @ParameterizedTest
    @EnumSource(SessionState.class)
    void ofCode_codeOfState_returnsSameState(SessionState state) {
        assertThat(SessionState.ofCode(state.code())).isSameAs(state);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 7, 99})
    void ofCode_unknownCode_throwsNamingTheCode(int code) {
        assertThatThrownBy(() -> SessionState.ofCode(code))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no session state with code " + code);
    }
}
