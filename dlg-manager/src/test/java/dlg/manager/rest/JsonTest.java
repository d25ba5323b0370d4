package dlg.manager.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dlg.core.error.InvalidRequestException;
import dlg.core.graph.UidList;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A uid list read token by token into one block of characters says what the tree of it said, for good and bad bodies alike. */
class JsonTest {

    private static final String WHAT = "the body must be a JSON list of drop uids";

    @Test
    void uidList_listOfStrings_isThatList() {
        assertThat(uids(" [\"a\", \"b\\u00e9\", \"\"] ")).containsExactly("a", "bé", "");
        assertThat(uids("[]")).isEmpty();
        String many = IntStream.range(0, 100_000).mapToObj(i -> "\"i" + i + "\"").collect(Collectors.joining(",", "[", "]"));
        assertThat(uids(many)).hasSize(100_000).endsWith("i99999");
    }

    @Test
    void uidList_notAListOfStrings_namesWhatItGot() {
        assertThat(refusal("{\"a\": 1}")).isEqualTo(WHAT);
        assertThat(refusal("\"a\"")).isEqualTo(WHAT);
        assertThat(refusal("[\"a\", 5]")).isEqualTo(WHAT + ", not 5");
        assertThat(refusal("[\"a\", null]")).isEqualTo(WHAT + ", not null");
        assertThat(refusal("[\"a\", {\"b\": [1]}]")).isEqualTo(WHAT + ", not {b=[1]}");
    }

    @Test
    void uidList_malformed_saysWhere() {
        assertThat(refusal("")).isEqualTo("the request has no body, a JSON value was expected");
        assertThat(refusal("  ")).isEqualTo("the request has no body, a JSON value was expected");
        assertThat(catchThrowableOfType(InvalidRequestException.class, () -> Json.uidList(
                new byte[] {'[', '"', (byte) 0xff, '"', ']'}, WHAT)).getMessage()).startsWith("malformed JSON at line 1")
                .contains("UTF-8");
        assertThat(refusal("[\"a\",")).startsWith("malformed JSON at line 1");
        assertThat(refusal("[\"a\", 5, ]")).startsWith("malformed JSON at line 1"); // malformed wins over "not 5"
        assertThat(refusal("[\"a\"] [\"b\"]")).startsWith("malformed JSON at line 1, column")
                .contains("more after the end of the value");
    }

    @Test
    void uidList_andTheTreesStringList_agree() {
        for (String body : List.of("[\"x\", \"y\"]", "[]")) {
            assertThat(uids(body)).isEqualTo(Json.stringList(Json.parse(body), WHAT));
        }
    }

    private static String refusal(String body) {
        return catchThrowableOfType(InvalidRequestException.class,
                () -> Json.uidList(body.getBytes(StandardCharsets.UTF_8), WHAT)).getMessage();
    }

    private static List<String> uids(String body) {
        UidList l = Json.uidList(body.getBytes(StandardCharsets.UTF_8), WHAT);
        return IntStream.range(0, l.size()).mapToObj(l::uid).toList();
    }

    /** The made-up bodies a fresh manager's warm-up parses are read as the routes read theirs. */
    @Test
    void rehearseRequestBodies_parsesItsMadeUpBodies() {
        assertThatCode(ManagerServer::rehearseRequestBodies).doesNotThrowAnyException();
    }
}
