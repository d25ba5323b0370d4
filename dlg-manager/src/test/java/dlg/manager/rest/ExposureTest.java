package dlg.manager.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExposureTest {

    @Test
    void loopback_isTold_fromEveryOtherInterface() {
        assertThat(Exposure.loopbackOnly("localhost")).isTrue();
        assertThat(Exposure.loopbackOnly("127.0.0.1")).isTrue();
        assertThat(Exposure.loopbackOnly("127.1.2.3")).isTrue();
        assertThat(Exposure.loopbackOnly("::1")).isTrue();
        assertThat(Exposure.loopbackOnly("0.0.0.0")).isFalse();
        assertThat(Exposure.loopbackOnly("10.1.2.3")).isFalse();
        assertThat(Exposure.loopbackOnly("no-such-host.invalid")).isFalse();
    }
}
