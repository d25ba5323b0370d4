package dlg.web;

import dlg.manager.NodeAddress;
import dlg.manager.composite.CompositeManager;
import dlg.manager.service.CompositeManagerService;
import dlg.manager.service.NodeManagerService;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A MasterManager over two DataIslandManagers of one NodeManager each, on loopback, each serving
 * the web UI.
 */
final class TestMaster extends StartedServices {

    /** The NodeManagers' node strings, island 0's first. */
    final List<String> nms = new ArrayList<>();
    /** The islands' {@code host:port}. */
    final List<String> islands = new ArrayList<>();
    /** The MasterManager's REST. */
    final Rest mm;

    TestMaster(Path dir) {
        for (int i = 0; i < 2; i++) {
            NodeManagerService nm = keep(NodeManagerService.start(NodeManagerService.Config.local(dir.resolve("nm" + i)),
                    WebUi::forNodeManager));
            nms.add(nm.nodeAddress().toString());
            CompositeManagerService dim = keep(CompositeManagerService.start(CompositeManagerService.Config.local(
                    CompositeManager.Kind.DATA_ISLAND, List.of(nm.nodeAddress())), WebUi::forComposite));
            islands.add("127.0.0.1:" + dim.restPort());
        }
        CompositeManagerService master = keep(CompositeManagerService.start(CompositeManagerService.Config.local(
                CompositeManager.Kind.MASTER, islands.stream().map(d -> NodeAddress.parse(d, NodeAddress.DIM_PORT))
                        .toList()), WebUi::forComposite));
        mm = new Rest(master.restPort());
    }
}
