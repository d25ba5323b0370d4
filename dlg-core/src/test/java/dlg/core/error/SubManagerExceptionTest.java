package dlg.core.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SubManagerExceptionTest {

    private static Map<String, DlgException> twoFailures() {
        Map<String, DlgException> failures = new LinkedHashMap<>();
        failures.put("n1:8000:5555:6666", new NoSessionException("s1"));
        failures.put("n2:8000:5555:6666", new RestClientException("n2:8000: connection refused"));
        return failures;
    }

    @Test
    void args_twoFailedNodes_objectWithEachNodesRealError() {
        var e = new SubManagerException(twoFailures());

        assertThat(e.type()).isEqualTo("SubManagerException");
        assertThat(e.args()).isEqualTo(Map.of(
                "n1:8000:5555:6666", Map.of("type", "NoSessionException", "args", List.of("s1")),
                "n2:8000:5555:6666", Map.of("type", "RestClientException",
                        "args", List.of("n2:8000: connection refused"))));
        assertThat(e.args().keySet()).containsExactly("n1:8000:5555:6666", "n2:8000:5555:6666");
    }

    @Test
    void message_twoFailedNodes_listsEveryNodeAndError() {
        var e = new SubManagerException(twoFailures());

        assertThat(e).hasMessage("2 sub-managers failed: "
                + "n1:8000:5555:6666: NoSessionException: no session with id 's1'; "
                + "n2:8000:5555:6666: RestClientException: n2:8000: connection refused");
        assertThat(e.failures()).containsOnlyKeys("n1:8000:5555:6666", "n2:8000:5555:6666");
        assertThat(e.getSuppressed()).hasSize(2);
    }

    @Test
    void args_nestedSubManagerException_nestsItsObject() {
        var inner = new SubManagerException(Map.of("nm:8000:5555:6666", new InvalidSessionState("not running")));

        var e = new SubManagerException(Map.of("dim:8001:5555:6666", inner));

        assertThat(e.args()).isEqualTo(Map.of("dim:8001:5555:6666", Map.of("type", "SubManagerException",
                "args", Map.of("nm:8000:5555:6666", Map.of("type", "InvalidSessionState",
                        "args", List.of("not running"))))));
    }

    @Test
    void constructor_noFailure_isRefused() {
        assertThatThrownBy(() -> new SubManagerException(Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one failed node");
    }
}
