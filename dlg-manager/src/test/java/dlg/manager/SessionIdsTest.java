package dlg.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SessionIdsTest {

    @ParameterizedTest
    @ValueSource(strings = {"s1", "2024-10-30T12:01:57_0140555b-8c23_0", "my.session", "a-b_c.d", "host:8000"})
    void check_usualIds_areReturned(String id) {
        assertThat(SessionIds.check(id)).isEqualTo(id);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\t"})
    void check_emptyId_isRefused(String id) {
        assertThatThrownBy(() -> SessionIds.check(id))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/b", "/abs", "..", "../../x", "x/..", "a..b", "a\\b", "..\\x", "x\ny", "x\u0000y",
        "x\u007fy"})
    void check_idThatCouldLeaveTheWorkspace_isRefusedNamingIt(String id) {
        assertThatThrownBy(() -> SessionIds.check(id))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid session id");
    }

    @Test
    void check_idOfMoreThan200Characters_isRefused() {
        assertThat(SessionIds.check("x".repeat(200))).hasSize(200);
        assertThatThrownBy(() -> SessionIds.check("x".repeat(201)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("200");
    }
}
