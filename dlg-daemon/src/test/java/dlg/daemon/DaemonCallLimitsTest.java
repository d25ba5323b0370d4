package dlg.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dlg.daemon.proc.ProcessDaemon;
import dlg.manager.rest.DaemonRoutes;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A MasterManager waits for a daemon's answer longer than the daemon may take to give it: else a
 * start or stop the daemon finishes is told to the client as failed.
 */
class DaemonCallLimitsTest {

    @Test
    void aMasterManagersCallToADaemon_outlastsTheDaemonsStartAndStopBounds() {
        Duration stop = Duration.ofMillis(Math.round(Double.parseDouble(LifecycleOptions.DEFAULT_TIMEOUT) * 1000));

        assertThat(DaemonRoutes.REPLY_LIMIT).isGreaterThan(ProcessDaemon.START_LIMIT)
                .isGreaterThan(stop.multipliedBy(2)); // the wait after SIGTERM, then the kill, with room to spare
    }
}
