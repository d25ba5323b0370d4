package dlg.daemon.zeroconf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real JmDNS, two instances bound to 127.0.0.1: what one announces the other finds, and loses when
 * it is withdrawn. Skipped, saying why, where multicast does not work on loopback.
 */
class JmdnsDiscoveryIT {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @BeforeAll
    static void multicastOnLoopback() {
        Assumptions.assumeTrue(Multicast.worksOnLoopback(), "multicast on the loopback interface does not work here:"
                + " JmDNS cannot be tried (the discovery logic is tested with TestingServiceDiscovery)");
    }

    @Test
    void announced_isFoundWithItsPorts_andLostWhenWithdrawn() throws Exception {
        List<String> heard = new CopyOnWriteArrayList<>();
        try (JmdnsDiscovery announcer = JmdnsDiscovery.on(LOOPBACK); JmdnsDiscovery browser = JmdnsDiscovery.on(LOOPBACK)) {
            String name = "dlg-it-" + ProcessHandle.current().pid(); // other runs on this host announce other names
            browser.browse(ServiceDiscovery.NODE_MANAGER, new ServiceDiscovery.Listener() {
                @Override
                public void added(ServiceDiscovery.Service s) {
                    if (s.name().equals(name)) {
                        heard.add("added " + s.host() + ":" + s.port() + " " + s.properties());
                    }
                }

                @Override
                public void removed(ServiceDiscovery.Service s) {
                    if (s.name().equals(name)) {
                        heard.add("removed");
                    }
                }
            });

            AutoCloseable announced = announcer.register(new ServiceDiscovery.Service(ServiceDiscovery.NODE_MANAGER, name,
                    "127.0.0.1", 41000, Map.of("events", "41001", "rpc", "41002")));

            await().atMost(Duration.ofSeconds(20)).until(() -> !heard.isEmpty());
            assertThat(heard).as("resolved once, with its TXT record").hasSize(1);
            assertThat(heard.getFirst()).startsWith("added 127.0.0.1:41000").contains("events=41001").contains("rpc=41002");
            announced.close();
            await().atMost(Duration.ofSeconds(20)).until(() -> heard.contains("removed"));
        }
    }
}
