package dlg.core.state;

import static dlg.core.state.DropState.CANCELLED;
import static dlg.core.state.DropState.COMPLETED;
import static dlg.core.state.DropState.DELETED;
import static dlg.core.state.DropState.ERROR;
import static dlg.core.state.DropState.EXPIRED;
import static dlg.core.state.DropState.INITIALIZED;
import static dlg.core.state.DropState.SKIPPED;
import static dlg.core.state.DropState.WRITING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class DropStateTest {

    /** The whole table, written out independently of the enum's own. */
    private static final Map<DropState, Set<DropState>> ALLOWED = Map.of(
            INITIALIZED, EnumSet.of(WRITING, COMPLETED, ERROR, CANCELLED, SKIPPED),
            WRITING, EnumSet.of(COMPLETED, ERROR, CANCELLED, SKIPPED),
            COMPLETED, EnumSet.of(EXPIRED, DELETED),
            EXPIRED, EnumSet.of(DELETED),
            ERROR, EnumSet.noneOf(DropState.class),
            DELETED, EnumSet.noneOf(DropState.class),
            CANCELLED, EnumSet.noneOf(DropState.class),
            SKIPPED, EnumSet.noneOf(DropState.class));

    @Test
    void code_everyState_equalsDaliugeDropStates() {
        assertThat(INITIALIZED.code()).isZero();
        assertThat(WRITING.code()).isEqualTo(1);
        assertThat(COMPLETED.code()).isEqualTo(2);
        assertThat(ERROR.code()).isEqualTo(3);
        assertThat(EXPIRED.code()).isEqualTo(4);
        assertThat(DELETED.code()).isEqualTo(5);
        assertThat(CANCELLED.code()).isEqualTo(6);
        assertThat(SKIPPED.code()).isEqualTo(7);
    }

    @ParameterizedTest
    @EnumSource(DropState.class)
    void canMoveTo_everyPair_followsTheTransitionTable(DropState from) {
        for (DropState to : DropState.values()) {
            assertThat(from.canMoveTo(to)).as("%s -> %s", from, to).isEqualTo(ALLOWED.get(from).contains(to));
        }
    }

    @Test
    void canMoveTo_sampleOfForbiddenMoves_isFalse() {
        assertThat(COMPLETED.canMoveTo(WRITING)).isFalse();
        assertThat(COMPLETED.canMoveTo(ERROR)).isFalse();
        assertThat(ERROR.canMoveTo(COMPLETED)).isFalse();
        assertThat(WRITING.canMoveTo(INITIALIZED)).isFalse();
        assertThat(INITIALIZED.canMoveTo(INITIALIZED)).isFalse();
        assertThat(INITIALIZED.canMoveTo(EXPIRED)).isFalse();
        assertThat(DELETED.canMoveTo(EXPIRED)).isFalse();
    }

    @Test
    void isTerminal_onlyStatesWithoutWayOut() {
        assertThat(EnumSet.allOf(DropState.class)).filteredOn(DropState::isTerminal)
                .containsExactlyInAnyOrder(ERROR, DELETED, CANCELLED, SKIPPED);
    }

    @Test
    void isDone_everythingButInitializedAndWriting() {
        assertThat(EnumSet.allOf(DropState.class)).filteredOn(DropState::isDone)
                .containsExactlyInAnyOrder(COMPLETED, ERROR, EXPIRED, DELETED, CANCELLED, SKIPPED);
    }

    @ParameterizedTest
    @EnumSource(DropState.class)
    void ofCode_codeOfState_returnsSameState(DropState state) {
        assertThat(DropState.ofCode(state.code())).isSameAs(state);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 8, 100})
    void ofCode_unknownCode_throwsNamingTheCode(int code) {
        assertThatThrownBy(() -> DropState.ofCode(code))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no drop state with code " + code);
    }
}
