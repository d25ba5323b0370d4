package dlg.web;

import dlg.manager.auth.Access;
import dlg.manager.service.NodeManagerService;
import dlg.manager.composite.CompositeManager;
import dlg.manager.service.CompositeManagerService;
import java.nio.file.Path;
import java.util.List;

/** Two NodeManagers and a DataIslandManager over them, on loopback, each serving the web UI; closed island first. */
final class TestIsland extends StartedServices {

    final NodeManagerService nm1;
    final NodeManagerService nm2;
    final CompositeManagerService dim;
    /** The NodeManagers' node strings. */
    final String n1;
    final String n2;

    TestIsland(Path dir) {
        this(dir, Access.OPEN);
    }

    /** @param access of all three (HTTPS, a secret) */
    TestIsland(Path dir, Access access) {
        this(dir, access, access);
    }

    /**
     * @param nodes the NodeManagers' access
     * @param island the DataIslandManager's
     */
    TestIsland(Path dir, Access nodes, Access island) {
        nm1 = keep(NodeManagerService.start(NodeManagerService.Config.local(dir.resolve("nm1")).withAccess(nodes),
                WebUi::forNodeManager));
        nm2 = keep(NodeManagerService.start(NodeManagerService.Config.local(dir.resolve("nm2")).withAccess(nodes),
                WebUi::forNodeManager));
        dim = keep(CompositeManagerService.start(CompositeManagerService.Config.local(CompositeManager.Kind.DATA_ISLAND,
                List.of(nm1.nodeAddress(), nm2.nodeAddress())).withAccess(island), WebUi::forComposite));
        n1 = nm1.nodeAddress().toString();
        n2 = nm2.nodeAddress().toString();
    }
}
