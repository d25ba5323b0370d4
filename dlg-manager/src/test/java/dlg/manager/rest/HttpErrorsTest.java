package dlg.manager.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dlg.core.error.GenericDlgException;
import dlg.core.error.NoSessionException;
import dlg.core.error.RestClientException;
import dlg.core.error.SubManagerException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpErrorsTest {

    @Test
    void status_subManagerException_is555() {
        var e = new SubManagerException(Map.of("n1:8000:5555:6666", new NoSessionException("s1")));

        assertThat(HttpErrors.status(e)).isEqualTo(555);
    }

    @Test
    void status_restClientException_is556() {
        assertThat(HttpErrors.status(new RestClientException("n1:8000: connection refused"))).isEqualTo(556);
    }

    @Test
    void status_genericDlgException_is555() {
        assertThat(HttpErrors.status(new GenericDlgException("DaliugeException", List.of("x"), "x"))).isEqualTo(555);
    }
}
