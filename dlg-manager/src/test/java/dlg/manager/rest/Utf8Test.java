package dlg.manager.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8Test {

    @Test
    void decode_validUtf8_isTheText() {
        String text = "sé 😀 x";

        assertThat(Utf8.decode(text.getBytes(StandardCharsets.UTF_8), "the body")).isEqualTo(text);
    }

    @Test
    void decode_replacementCharacterReallySent_isKept() {
        String text = "a\uFFFDb";

        assertThat(Utf8.decode(text.getBytes(StandardCharsets.UTF_8), "the body")).isEqualTo(text);
    }

    @Test
    void decode_invalidByteAfterMoreThanABuffer_isRefusedNamingItsOffset() {
        byte[] bytes = ("x".repeat(20_000) + "_").getBytes(StandardCharsets.UTF_8);
        bytes[20_000] = (byte) 0xff;

        assertThatThrownBy(() -> Utf8.decode(bytes, "the body")).hasMessageContaining("byte 20000 ");
    }

    @Test
    void decode_invalidByte_isRefusedNamingItsOffset() {
        byte[] bytes = {'a', 'b', (byte) 0xc3, 'c'};

        assertThatThrownBy(() -> Utf8.decode(bytes, "the body"))
                .isInstanceOf(RequestRefused.class)
                .hasMessage("the body is not valid UTF-8: byte 2 starts an invalid sequence (0xc3)")
                .satisfies(e -> assertThat(((RequestRefused) e).status()).isEqualTo(400));
    }

    @Test
    void decode_truncatedSequenceAtTheEnd_isRefused() {
        assertThatThrownBy(() -> Utf8.decode(new byte[] {'a', (byte) 0xe2, (byte) 0x82}, "the body"))
                .hasMessageStartingWith("the body is not valid UTF-8: byte 1");
    }

    @Test
    void percentDecode_escapesPlusAndPlainCharacters_areDecoded() {
        assertThat(Utf8.percentDecode("a%2Cb+c%C3%A9 d😀", "f")).isEqualTo("a,b cé d😀");
        assertThat(Utf8.percentDecode("plain", "f")).isEqualTo("plain");
        // more UTF-8 bytes than characters (2 for each é, 4 for 😀): the array grows
        String wide = "é".repeat(1000) + "😀".repeat(100);
        assertThat(Utf8.percentDecode("%2C" + wide + "+", "f")).isEqualTo("," + wide + " ");
    }

    @Test
    void percentDecode_malformedEscape_isRefusedNamingIt() {
        assertThatThrownBy(() -> Utf8.percentDecode("ab%zz", "form field 'x'"))
                .isInstanceOf(RequestRefused.class)
                .hasMessage("form field 'x' has a malformed %-escape at character 2: '%zz'");
        assertThatThrownBy(() -> Utf8.percentDecode("ab%4", "f")).hasMessageContaining("'%4'");
    }

    @Test
    void percentDecode_escapedBytesThatAreNotUtf8_areRefused() {
        assertThatThrownBy(() -> Utf8.percentDecode("%ff", "the query string"))
                .hasMessage("the query string (once %-decoded) is not valid UTF-8: byte 0 starts an invalid sequence (0xff)");
    }
}
