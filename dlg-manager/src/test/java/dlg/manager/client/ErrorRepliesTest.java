package dlg.manager.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dlg.core.error.DlgException;
import dlg.core.error.ErrorManagerCaughtException;
import dlg.core.error.GenericDlgException;
import dlg.core.error.GraphProblem;
import dlg.core.error.InvalidDropException;
import dlg.core.error.InvalidGraphException;
import dlg.core.error.InvalidSessionState;
import dlg.core.error.NoDropException;
import dlg.core.error.NoSessionException;
import dlg.core.error.RestClientException;
import dlg.core.error.SessionAlreadyExistsException;
import dlg.core.error.SubManagerException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ErrorRepliesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NODE = "nm1:8000";
    private static final String CALL = "GET /api/sessions/s1/status";

    /** What our managers send for each error, as ManagerServer writes it. */
    static Stream<DlgException> sentErrors() {
        return Stream.of(
                new NoSessionException("s1"),
                new SessionAlreadyExistsException("s1"),
                new InvalidGraphException(List.of(new GraphProblem("A", "duplicate oid"),
                        new GraphProblem("B", "unknown dropclass 'x.Y'"))),
                new InvalidGraphException("A", "duplicate oid"),
                new InvalidSessionState("Session s1 is BUILDING: its graph has no status before it runs"),
                new InvalidDropException("A", "file hello.txt does not exist"),
                new NoDropException("s1", "Q"),
                new RestClientException("nm2:8000: cannot connect: connection refused (GET /api/sessions)"));
    }

    private static byte[] body(DlgException e) throws Exception {
        return JSON.writeValueAsBytes(e.toWire());
    }

    @ParameterizedTest
    @MethodSource("sentErrors")
    void decode_errorBodyOfAKnownType_sameClassMessageAndArgs(DlgException sent) throws Exception {
        DlgException e = ErrorReplies.decode(NODE, 400, body(sent), "s1", CALL);

        assertThat(e).isInstanceOf(sent.getClass()).hasMessage(sent.getMessage());
        assertThat(e.type()).isEqualTo(sent.type());
        assertThat(e.args()).isEqualTo(sent.args());
    }

    @Test
    void decode_subManagerException_rebuildsEveryNodesError() throws Exception {
        var sent = new SubManagerException(Map.of("dim:8001:5555:6666", new SubManagerException(Map.of(
                "nm:8000:5555:6666", new InvalidGraphException("A", "duplicate oid")))));

        DlgException e = ErrorReplies.decode(NODE, 555, body(sent), "s1", CALL);

        assertThat(e).isInstanceOf(SubManagerException.class).hasMessage(sent.getMessage());
        var inner = (SubManagerException) ((SubManagerException) e).failures().get("dim:8001:5555:6666");
        assertThat(inner.failures().get("nm:8000:5555:6666")).isInstanceOf(InvalidGraphException.class)
                .hasMessage("Invalid graph: drop 'A': duplicate oid");
        assertThat(e.args()).isEqualTo(sent.args());
    }

    @Test
    void decode_errorManagerCaughtException_rebuiltAroundItsCause() throws Exception {
        var sent = new ErrorManagerCaughtException(new InvalidGraphException("A", "unknown dropclass 'x.Y'"));

        DlgException e = ErrorReplies.decode(NODE, 400, body(sent), "s1", CALL);

        assertThat(e).isInstanceOf(ErrorManagerCaughtException.class).hasMessage(sent.getMessage());
        assertThat(((ErrorManagerCaughtException) e).caught()).isInstanceOf(InvalidGraphException.class)
                .hasMessage("Invalid graph: drop 'A': unknown dropclass 'x.Y'");
        assertThat(e.toWire()).isEqualTo(sent.toWire());
    }

    @Test
    void decode_subManagerExceptionOfCaughtErrors_keepsEachCause() throws Exception {
        var sent = new SubManagerException(Map.of("nm:8000:5555:6666",
                new ErrorManagerCaughtException(new InvalidSessionState("Session s1 is RUNNING, not BUILDING"))));

        DlgException e = ErrorReplies.decode(NODE, 555, body(sent), "s1", CALL);

        assertThat(((SubManagerException) e).failures().get("nm:8000:5555:6666"))
                .isInstanceOf(ErrorManagerCaughtException.class);
        assertThat(e.args()).isEqualTo(sent.args());
    }

    @Test
    void decode_daliugesOwnErrorManagerCaughtException_keptAsItCame() {
        byte[] body = "{\"type\": \"ErrorManagerCaughtException\", \"args\": []}".getBytes(StandardCharsets.UTF_8);

        DlgException e = ErrorReplies.decode(NODE, 555, body, "s1", CALL);

        assertThat(e).isInstanceOf(GenericDlgException.class);
        assertThat(e.type()).isEqualTo("ErrorManagerCaughtException");
        assertThat(e.args()).isEqualTo(List.of());
    }

    @Test
    void decode_daliugesDummySubManagerException_keptAsItCame() {
        byte[] body = """
                {"type": "SubManagerException", "args": {"n:8000:5555:6666": {"type": "NoSessionException", "args": "dummy"}}}
                """.getBytes(StandardCharsets.UTF_8);

        DlgException e = ErrorReplies.decode(NODE, 555, body, "s1", CALL);

        assertThat(e).isInstanceOf(SubManagerException.class);
        assertThat(((SubManagerException) e).failures().get("n:8000:5555:6666"))
                .isInstanceOf(GenericDlgException.class)
                .extracting(DlgException::type, DlgException::args).containsExactly("NoSessionException", "dummy");
    }

    @Test
    void decode_typeWithoutAClass_genericKeepingTypeAndArgs() {
        byte[] body = "{\"type\": \"DaliugeException\", \"args\": [\"ZMQ subscription not achieved within 5 seconds\"]}"
                .getBytes(StandardCharsets.UTF_8);

        DlgException e = ErrorReplies.decode(NODE, 555, body, "s1", CALL);

        assertThat(e).isInstanceOf(GenericDlgException.class)
                .hasMessage("ZMQ subscription not achieved within 5 seconds");
        assertThat(e.type()).isEqualTo("DaliugeException");
        assertThat(e.args()).isEqualTo(List.of("ZMQ subscription not achieved within 5 seconds"));
    }

    @Test
    void decode_knownTypeWithUnexpectedArgs_genericKeepingTypeAndArgs() {
        byte[] body = "{\"type\": \"NoSessionException\", \"args\": []}".getBytes(StandardCharsets.UTF_8);

        DlgException e = ErrorReplies.decode(NODE, 404, body, "s1", CALL);

        assertThat(e).isInstanceOf(GenericDlgException.class);
        assertThat(e.type()).isEqualTo("NoSessionException");
        assertThat(e.args()).isEqualTo(List.of());
    }

    @Test
    void decode_nonJsonBody_restClientExceptionNamingNodeStatusAndBody() {
        byte[] body = "<html><body>\n  <h1>502 Bad Gateway</h1>\n</body></html>".getBytes(StandardCharsets.UTF_8);

        DlgException e = ErrorReplies.decode(NODE, 502, body, "s1", CALL);

        assertThat(e).isInstanceOf(RestClientException.class).hasMessage("nm1:8000: status 502 with a non-JSON "
                + "body '<html><body> <h1>502 Bad Gateway</h1> </body></html>' (GET /api/sessions/s1/status)");
    }

    @Test
    void decode_jsonThatIsNoError_restClientException() {
        byte[] body = "{\"Status\": \"Success\"}".getBytes(StandardCharsets.UTF_8);

        DlgException e = ErrorReplies.decode(NODE, 415, body, null, CALL);

        assertThat(e).isInstanceOf(RestClientException.class)
                .hasMessageStartingWith("nm1:8000: status 415 with a body that is no error '{\"Status\": \"Success\"}'");
    }

    @Test
    void decode_emptyBody_restClientExceptionSaysEmpty() {
        DlgException e = ErrorReplies.decode(NODE, 500, new byte[0], null, CALL);

        assertThat(e).isInstanceOf(RestClientException.class).hasMessageContaining("status 500 with a non-JSON body (empty)");
    }
}
