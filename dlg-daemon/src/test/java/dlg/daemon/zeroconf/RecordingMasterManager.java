package dlg.daemon.zeroconf;

import dlg.manager.NodeAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** {@link MasterManagerCalls} that records each call as DALiuGE's REST call would read. */
class RecordingMasterManager implements MasterManagerCalls {

    final List<String> calls = new CopyOnWriteArrayList<>();

    @Override
    public void addNode(NodeAddress node) {
        calls.add("POST /api/node/" + node);
    }

    @Override
    public void removeNode(NodeAddress node) {
        calls.add("DELETE /api/node/" + node);
    }

    @Override
    public void addIsland(NodeAddress island) {
        calls.add("POST /api/island/" + island);
    }

    @Override
    public void removeIsland(NodeAddress island) {
        calls.add("DELETE /api/island/" + island);
    }

    @Override
    public void addNodeToIsland(NodeAddress island, NodeAddress node) {
        calls.add("POST /api/managers/" + island + "/node/" + node);
    }

    @Override
    public void removeNodeFromIsland(NodeAddress island, NodeAddress node) {
        calls.add("DELETE /api/managers/" + island + "/node/" + node);
    }
}
