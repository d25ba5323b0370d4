package dlg.manager.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

class EndpointsTest {

    @Test
    void bind_localhostAndAnyAddress_areWhatZeroMqBinds() {
        assertThat(Endpoints.bind("localhost", 5555)).isEqualTo("tcp://127.0.0.1:5555");
        assertThat(Endpoints.bind("0.0.0.0", 5555)).isEqualTo("tcp://*:5555");
        assertThat(Endpoints.bind("10.1.2.3", 0)).isEqualTo("tcp://10.1.2.3:*");
    }

    @Test
    void bind_badArguments_throwIllegalArgument() {
        assertThatThrownBy(() -> Endpoints.bind(" ", 5555)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Endpoints.bind("localhost", 65_536)).hasMessageContaining("65536");
        assertThatThrownBy(() -> Endpoints.bind("localhost", -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void connect_localhost_isTheIpv4Loopback() throws UnknownHostException {
        assertThat(Endpoints.connect("localhost", 5555)).isEqualTo("tcp://127.0.0.1:5555");
    }

    @Test
    void connect_portZero_throwsIllegalArgument() {
        assertThatThrownBy(() -> Endpoints.connect("localhost", 0)).hasMessageContaining("0");
    }

    @Test
    void port_boundEndpoint_isItsPort() {
        assertThat(Endpoints.port("tcp://127.0.0.1:40123")).isEqualTo(40123);
    }
}
