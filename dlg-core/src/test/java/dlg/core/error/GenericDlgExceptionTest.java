package dlg.core.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GenericDlgExceptionTest {

    @Test
    void typeAndArgs_areKeptAsTheyCame() {
        var e = new GenericDlgException("DaliugeException", List.of("ZMQ subscription not achieved"), "boom");

        assertThat(e.type()).isEqualTo("DaliugeException");
        assertThat(e.args()).isEqualTo(List.of("ZMQ subscription not achieved"));
        assertThat(e).hasMessage("boom");
    }
}
