package dlg.daemon.zeroconf;

import dlg.manager.NodeAddress;

/** What the daemon asks of its MasterManager as managers come and go (DALiuGE's {@code MasterManagerClient} calls). */
public interface MasterManagerCalls {

    /** {@code POST /api/node/<nm>}: one of the MasterManager's NodeManagers. */
    void addNode(NodeAddress node);

    /** {@code DELETE /api/node/<nm>}. */
    void removeNode(NodeAddress node);

    /** {@code POST /api/island/<dim>}. */
    void addIsland(NodeAddress island);

    /** {@code DELETE /api/island/<dim>}. */
    void removeIsland(NodeAddress island);

    /** {@code POST /api/managers/<dim>/node/<nm>}: the island's DataIslandManager takes the NodeManager. */
    void addNodeToIsland(NodeAddress island, NodeAddress node);

    /** {@code DELETE /api/managers/<dim>/node/<nm>}. */
    void removeNodeFromIsland(NodeAddress island, NodeAddress node);
}
