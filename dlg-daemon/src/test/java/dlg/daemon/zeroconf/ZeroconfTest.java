package dlg.daemon.zeroconf;

import static org.assertj.core.api.Assertions.assertThat;

import dlg.daemon.proc.ManagerKind;
import dlg.manager.NodeAddress;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Two hosts' daemons on a fake network: one runs a NodeManager and an island, the other the MasterManager. */
class ZeroconfTest {

    private final TestingServiceDiscovery.Network network = new TestingServiceDiscovery.Network();
    private final TestingServiceDiscovery workerNet = new TestingServiceDiscovery(network, "10.0.0.1");
    private final TestingServiceDiscovery masterNet = new TestingServiceDiscovery(network, "10.0.0.9");
    private final RecordingMasterManager mm = new RecordingMasterManager();
    private final Zeroconf worker = new Zeroconf(workerNet, "a-very-long-host-name.example", a -> {
        throw new AssertionError("the worker runs no MasterManager");
    });
    private final Zeroconf master = new Zeroconf(masterNet, "head", a -> {
        assertThat(a).isEqualTo(new NodeAddress("127.0.0.1", 8002, 5555, 6666));
        return mm;
    });

    @Test
    void nodeManager_isAnnouncedAtItsRealPorts_underTheHostNameCutTo15() {
        worker.started(ManagerKind.NODE, new NodeAddress("127.0.0.1", 41000, 41001, 41002));

        assertThat(network.services.values()).singleElement().isEqualTo(new ServiceDiscovery.Service(
                "_NodeManager._tcp.local.", "a-very-long-hos", "10.0.0.1", 41000,
                Map.of("events", "41001", "rpc", "41002")));
    }

    @Test
    void master_isFedWhatIsFound_andWhatGoes() {
        worker.started(ManagerKind.NODE, new NodeAddress("127.0.0.1", 8000, 5555, 6666));
        master.started(ManagerKind.MASTER, new NodeAddress("127.0.0.1", 8002, 5555, 6666));

        worker.started(ManagerKind.ISLAND, new NodeAddress("127.0.0.1", 41001, 5555, 6666));
        worker.ended(ManagerKind.NODE, new NodeAddress("127.0.0.1", 8000, 5555, 6666));

        assertThat(mm.calls).containsExactly(
                "POST /api/node/10.0.0.1:8000:5555:6666",
                "POST /api/island/10.0.0.1:41001:5555:6666",
                "POST /api/managers/10.0.0.1:41001:5555:6666/node/10.0.0.1:8000:5555:6666",
                "DELETE /api/managers/10.0.0.1:41001:5555:6666/node/10.0.0.1:8000:5555:6666",
                "DELETE /api/node/10.0.0.1:8000:5555:6666");
    }

    @Test
    void masterEnded_stopsFeeding() {
        master.started(ManagerKind.MASTER, new NodeAddress("127.0.0.1", 8002, 5555, 6666));
        master.ended(ManagerKind.MASTER, new NodeAddress("127.0.0.1", 8002, 5555, 6666));

        worker.started(ManagerKind.NODE, new NodeAddress("127.0.0.1", 8000, 5555, 6666));

        assertThat(mm.calls).isEmpty();
    }

    @Test
    void close_withdrawsAnnouncements_withoutTellingAClosedMaster() {
        master.started(ManagerKind.MASTER, new NodeAddress("127.0.0.1", 8002, 5555, 6666));
        worker.started(ManagerKind.NODE, new NodeAddress("127.0.0.1", 8000, 5555, 6666));
        master.close();
        mm.calls.clear();

        worker.close();

        assertThat(network.services).isEmpty();
        assertThat(workerNet.closed).isTrue();
        assertThat(mm.calls).isEmpty();
    }
}
