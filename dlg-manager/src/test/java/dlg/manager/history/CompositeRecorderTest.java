package dlg.manager.history;

import static org.assertj.core.api.Assertions.assertThat;

import dlg.core.state.SessionState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CompositeRecorderTest {

    @Test
    void reduce_statusesOfSubManagers_failureFirstThenCancelledThenFinished() {
        assertThat(CompositeRecorder.reduce(List.of(4, 4))).isEqualTo(SessionState.FINISHED);
        assertThat(CompositeRecorder.reduce(List.of(4, 6))).isEqualTo(SessionState.FAILED);
        assertThat(CompositeRecorder.reduce(List.of(5, 4))).isEqualTo(SessionState.CANCELLED);
        assertThat(CompositeRecorder.reduce(List.of(3, 4))).isEqualTo(SessionState.RUNNING);
        assertThat(CompositeRecorder.reduce(List.of(Map.of("nm1", 4, "nm2", 6)))).isEqualTo(SessionState.FAILED);
        assertThat(CompositeRecorder.reduce(List.of(4, -1))).isEqualTo(SessionState.FAILED); // unknown: no success
        assertThat(CompositeRecorder.reduce(List.of())).isEqualTo(SessionState.RUNNING);
    }
}
