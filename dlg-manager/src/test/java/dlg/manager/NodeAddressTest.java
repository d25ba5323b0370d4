package dlg.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NodeAddressTest {

    @Test
    void parse_hostOnly_takesDaliugeDefaults() {
        assertThat(NodeAddress.parse("localhost")).hasToString("localhost:8000:5555:6666");
        assertThat(NodeAddress.parse("h", NodeAddress.DIM_PORT)).hasToString("h:8001:5555:6666");
    }

    @Test
    void parse_someParts_fillsTheRest() {
        NodeAddress a = NodeAddress.parse("10.0.0.1:9000:7000");
        assertThat(a.host()).isEqualTo("10.0.0.1");
        assertThat(a.restPort()).isEqualTo(9000);
        assertThat(a.eventsPort()).isEqualTo(7000);
        assertThat(a.rpcPort()).isEqualTo(6666);
    }

    @Test
    void equality_isTextual_localhostIsNotLoopbackAddress() {
        assertThat(NodeAddress.parse("localhost")).isEqualTo(NodeAddress.parse("localhost:8000:5555:6666"));
        assertThat(NodeAddress.parse("localhost")).isNotEqualTo(NodeAddress.parse("127.0.0.1"));
    }

    @Test
    void parse_badStrings_areRefusedNamingThem() {
        assertThatThrownBy(() -> NodeAddress.parse("h:x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'h:x'").hasMessageContaining("'x' is not a number");
        assertThatThrownBy(() -> NodeAddress.parse("h:1:2:3:4")).hasMessageContaining("h:1:2:3:4");
        assertThatThrownBy(() -> NodeAddress.parse(":8000")).hasMessageContaining("needs a host");
        assertThatThrownBy(() -> NodeAddress.parse("h:70000")).hasMessageContaining("out of range");
    }
}
