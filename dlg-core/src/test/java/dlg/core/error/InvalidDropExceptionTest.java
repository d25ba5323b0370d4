package dlg.core.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class InvalidDropExceptionTest {

    @Test
    void message_namesTheDrop() {
        var e = new InvalidDropException("A", "file hello.txt does not exist");

        assertThat(e).hasMessage("drop 'A': file hello.txt does not exist");
        assertThat(e.oid()).isEqualTo("A");
    }

    @Test
    void args_areOidAndMessage() {
        var e = new InvalidDropException("A", "bad");

        assertThat(e.type()).isEqualTo("InvalidDropException");
        assertThat(e.args()).containsExactly("A", "drop 'A': bad");
    }

    @Test
    void cause_isKept() {
        var cause = new IOException("disk");

        assertThat(new InvalidDropException("A", "bad", cause)).hasCause(cause);
    }

    @Test
    void invalidSessionState_typeAndArgs() {
        var e = new InvalidSessionState("session s1 is RUNNING");

        assertThat(e.type()).isEqualTo("InvalidSessionState");
        assertThat(e.args()).isEqualTo(List.of("session s1 is RUNNING"));
    }
}
