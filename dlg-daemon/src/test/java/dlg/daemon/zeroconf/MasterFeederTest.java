package dlg.daemon.zeroconf;

import static org.assertj.core.api.Assertions.assertThat;

import dlg.manager.NodeAddress;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MasterFeederTest {

    private final RecordingMasterManager mm = new RecordingMasterManager();
    private final MasterFeeder feeder = new MasterFeeder(mm);

    private static ServiceDiscovery.Service nm(String name, String host) {
        return new ServiceDiscovery.Service(ServiceDiscovery.NODE_MANAGER, name, host, 8000,
                Map.of("events", "5001", "rpc", "6001"));
    }

    private static ServiceDiscovery.Service dim(String name, String host, int port) {
        return new ServiceDiscovery.Service(ServiceDiscovery.DATA_ISLAND, name, host, port, Map.of());
    }

    @Test
    void nodesThenOneIsland_everyNodeIsGivenToIt_atTheIslandsRealPort() {
        feeder.nodeListener().added(nm("a", "10.0.0.1"));
        feeder.nodeListener().added(nm("b", "10.0.0.2"));

        feeder.islandListener().added(dim("i", "10.0.0.9", 41001));

        assertThat(mm.calls).containsExactly(
                "POST /api/node/10.0.0.1:8000:5001:6001",
                "POST /api/node/10.0.0.2:8000:5001:6001",
                "POST /api/island/10.0.0.9:41001:5555:6666",
                "POST /api/managers/10.0.0.9:41001:5555:6666/node/10.0.0.1:8000:5001:6001",
                "POST /api/managers/10.0.0.9:41001:5555:6666/node/10.0.0.2:8000:5001:6001");
    }

    @Test
    void nodeWithoutPortsInItsRecord_takesDaliugesDefaults() {
        feeder.nodeListener().added(new ServiceDiscovery.Service(ServiceDiscovery.NODE_MANAGER, "py", "10.0.0.3", 8000,
                Map.of()));

        assertThat(mm.calls).containsExactly("POST /api/node/10.0.0.3:8000:5555:6666");
    }

    @Test
    void sameServiceResolvedTwice_isAddedOnce() {
        feeder.nodeListener().added(nm("a", "10.0.0.1"));
        feeder.nodeListener().added(nm("a", "10.0.0.1"));

        assertThat(mm.calls).hasSize(1);
    }

    @Test
    void sameNameAtNewPorts_replacesTheOldNode() {
        feeder.nodeListener().added(nm("a", "10.0.0.1"));

        feeder.nodeListener().added(new ServiceDiscovery.Service(ServiceDiscovery.NODE_MANAGER, "a", "10.0.0.1", 8100,
                Map.of()));

        assertThat(mm.calls).containsExactly("POST /api/node/10.0.0.1:8000:5001:6001",
                "DELETE /api/node/10.0.0.1:8000:5001:6001", "POST /api/node/10.0.0.1:8100:5555:6666");
    }

    @Test
    void twoIslands_nodesAreLeftToTheUser() {
        feeder.islandListener().added(dim("i", "10.0.0.8", 8001));
        feeder.islandListener().added(dim("j", "10.0.0.9", 8001));
        mm.calls.clear();

        feeder.nodeListener().added(nm("a", "10.0.0.1"));

        assertThat(mm.calls).containsExactly("POST /api/node/10.0.0.1:8000:5001:6001");
    }

    @Test
    void assignedNodeGoes_isTakenFromItsIslandAndTheMaster() {
        feeder.islandListener().added(dim("i", "10.0.0.9", 8001));
        feeder.nodeListener().added(nm("a", "10.0.0.1"));
        mm.calls.clear();

        feeder.nodeListener().removed(new ServiceDiscovery.Service(ServiceDiscovery.NODE_MANAGER, "a", null, 0, Map.of()));

        assertThat(mm.calls).containsExactly(
                "DELETE /api/managers/10.0.0.9:8001:5555:6666/node/10.0.0.1:8000:5001:6001",
                "DELETE /api/node/10.0.0.1:8000:5001:6001");
    }

    @Test
    void islandGoesAndAnotherComes_theNodesMoveToTheNewOne() {
        feeder.islandListener().added(dim("i", "10.0.0.9", 8001));
        feeder.nodeListener().added(nm("a", "10.0.0.1"));
        feeder.islandListener().removed(dim("i", null, 0));
        mm.calls.clear();

        feeder.islandListener().added(dim("j", "10.0.0.8", 8001));

        assertThat(mm.calls).containsExactly("POST /api/island/10.0.0.8:8001:5555:6666",
                "POST /api/managers/10.0.0.8:8001:5555:6666/node/10.0.0.1:8000:5001:6001");
    }

    @Test
    void closed_passesNothingOn() {
        feeder.nodeListener().added(nm("a", "10.0.0.1"));
        feeder.close();
        mm.calls.clear();

        feeder.nodeListener().removed(nm("a", null));
        feeder.nodeListener().added(nm("b", "10.0.0.2"));

        assertThat(mm.calls).isEmpty();
    }

    @Test
    void masterRefusing_isLoggedAndTheNextEventGoesOn() {
        RecordingMasterManager refusing = new RecordingMasterManager() {
            @Override
            public void addNode(NodeAddress node) {
                throw new IllegalStateException("POST /api/node: 555");
            }
        };
        MasterFeeder failing = new MasterFeeder(refusing);

        failing.nodeListener().added(nm("a", "10.0.0.1"));
        failing.islandListener().added(dim("i", "10.0.0.9", 8001));

        assertThat(refusing.calls).containsExactly("POST /api/island/10.0.0.9:8001:5555:6666",
                "POST /api/managers/10.0.0.9:8001:5555:6666/node/10.0.0.1:8000:5001:6001");
    }
}
