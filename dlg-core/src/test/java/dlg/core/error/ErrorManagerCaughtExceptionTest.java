package dlg.core.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorManagerCaughtExceptionTest {

    @Test
    void toWire_caughtInvalidGraph_daliugesTypeOurMessageAndThePreciseCause() {
        var caught = new InvalidGraphException("a", "unknown dropclass 'doesnt.exist'");

        var e = new ErrorManagerCaughtException(caught);

        assertThat(e.type()).isEqualTo("ErrorManagerCaughtException");
        assertThat(e.toWire()).containsExactly(
                Map.entry("type", "ErrorManagerCaughtException"),
                Map.entry("args", List.of("Invalid graph: drop 'a': unknown dropclass 'doesnt.exist'")),
                Map.entry("cause", Map.of("type", "InvalidGraphException",
                        "args", List.of("Invalid graph: drop 'a': unknown dropclass 'doesnt.exist'"))));
        assertThat(e.caught()).isSameAs(caught);
        assertThat(e.getCause()).isSameAs(caught);
    }

    @Test
    void toWire_insideSubManagerException_keepsItsCause() {
        var e = new SubManagerException(Map.of("nm:8000:5555:6666",
                new ErrorManagerCaughtException(new InvalidSessionState("not building"))));

        assertThat(e.args()).isEqualTo(Map.of("nm:8000:5555:6666", Map.of(
                "type", "ErrorManagerCaughtException", "args", List.of("not building"),
                "cause", Map.of("type", "InvalidSessionState", "args", List.of("not building")))));
    }

    @Test
    void constructor_wrappingAnother_isRefused() {
        var inner = new ErrorManagerCaughtException(new InvalidSessionState("x"));

        assertThatThrownBy(() -> new ErrorManagerCaughtException(inner))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not wrap another");
    }
}
