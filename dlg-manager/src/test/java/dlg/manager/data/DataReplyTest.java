package dlg.manager.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The status codes of the data protocol: what is on the wire never changes meaning. */
class DataReplyTest {

    @Test
    void code_ofEveryReply_isStableAndReadBack() {
        assertThat(DataReply.values()).extracting(DataReply::code).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(DataReply.values()).extracting(DataReply::name).containsExactly("OK", "NO_SESSION", "NO_DROP",
                "NOT_DATA", "NOT_COMPLETED", "RELEASED", "UNREADABLE", "BAD_REQUEST", "UNAUTHORIZED", "RENEW");
        for (DataReply r : DataReply.values()) {
            assertThat(DataReply.ofCode(r.code())).isSameAs(r);
        }
    }

    @Test
    void ofCode_unknown_isRefused() {
        assertThatThrownBy(() -> DataReply.ofCode(10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no data reply with code 10");
    }
}
