package dlg.daemon.zeroconf;

import dlg.manager.NodeAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds a MasterManager with the NodeManagers and DataIslandManagers zeroconf finds, as DALiuGE's
 * daemon does ({@code NMAssigner}): each NodeManager and island is added to (and removed from) the
 * MasterManager, and while there is exactly one island every NodeManager is given to it; with
 * several, assigning nodes is left to the user. Unlike DALiuGE, an island is added with the port it
 * announced (DALiuGE's {@code /api/island/<ip>} assumes 8000), and a NodeManager with the event and
 * data ports of its announcement.
 *
 * <p>Thread-safe (one lock); a failed call to the MasterManager is logged and the next event goes on.
 */
public final class MasterFeeder {

    private static final Logger log = LoggerFactory.getLogger(MasterFeeder.class);

    private final MasterManagerCalls mm;
    private final Map<String, NodeAddress> nodes = new LinkedHashMap<>();   // service name -> address
    private final Map<String, NodeAddress> islands = new LinkedHashMap<>();
    private final Map<String, NodeAddress> assignments = new LinkedHashMap<>(); // node name -> its island
    private boolean closed;

    public MasterFeeder(MasterManagerCalls mm) {
        this.mm = Objects.requireNonNull(mm, "mm");
    }

    /** The listener for {@link ServiceDiscovery#NODE_MANAGER}. */
    public ServiceDiscovery.Listener nodeListener() {
        return new ServiceDiscovery.Listener() {
            @Override
            public void added(ServiceDiscovery.Service s) {
                addNode(s.name(), nodeAddress(s));
            }

            @Override
            public void removed(ServiceDiscovery.Service s) {
                removeNode(s.name());
            }
        };
    }

    /** The listener for {@link ServiceDiscovery#DATA_ISLAND}. */
    public ServiceDiscovery.Listener islandListener() {
        return new ServiceDiscovery.Listener() {
            @Override
            public void added(ServiceDiscovery.Service s) {
                addIsland(s.name(), new NodeAddress(s.host(), s.port(), NodeAddress.EVENTS_PORT, NodeAddress.RPC_PORT));
            }

            @Override
            public void removed(ServiceDiscovery.Service s) {
                removeIsland(s.name());
            }
        };
    }

    /** Removals after this are not passed on: the MasterManager may be gone already (DALiuGE's shutting down). */
    public synchronized void close() {
        closed = true;
    }

    synchronized void addNode(String name, NodeAddress node) {
        if (closed || node.equals(nodes.get(name))) {
            return; // zeroconf resolves a service more than once
        }
        if (nodes.containsKey(name)) {
            removeNode(name); // the same name at new ports: a NodeManager started again
        }
        log.info("found NodeManager {} at {}: adding it to the MasterManager", name, node);
        call(() -> mm.addNode(node));
        nodes.put(name, node);
        allocate();
    }

    synchronized void addIsland(String name, NodeAddress island) {
        if (closed || island.equals(islands.get(name))) {
            return;
        }
        if (islands.containsKey(name)) {
            removeIsland(name);
        }
        log.info("found DataIslandManager {} at {}: adding it to the MasterManager", name, island);
        call(() -> mm.addIsland(island));
        islands.put(name, island);
        allocate();
    }

    synchronized void removeNode(String name) {
        NodeAddress node = nodes.remove(name);
        NodeAddress island = assignments.remove(name);
        if (closed || node == null) {
            return;
        }
        log.info("NodeManager {} at {} went away: removing it from the MasterManager", name, node);
        if (island != null) {
            call(() -> mm.removeNodeFromIsland(island, node));
        }
        call(() -> mm.removeNode(node));
    }

    synchronized void removeIsland(String name) {
        NodeAddress island = islands.remove(name);
        if (closed || island == null) {
            return;
        }
        log.info("DataIslandManager {} at {} went away: removing it from the MasterManager", name, island);
        assignments.values().removeIf(island::equals);
        call(() -> mm.removeIsland(island));
        allocate();
    }

    /** With exactly one island, it takes every NodeManager not yet given to it. */
    private void allocate() {
        if (islands.size() != 1) {
            if (islands.size() > 1) {
                log.info("{} DataIslandManagers: assign NodeManagers to them yourself", islands.size());
            }
            return;
        }
        NodeAddress island = islands.values().iterator().next();
        nodes.forEach((name, node) -> {
            if (!island.equals(assignments.get(name))) {
                log.info("giving NodeManager {} to DataIslandManager {}", node, island);
                call(() -> mm.addNodeToIsland(island, node));
                assignments.put(name, island);
            }
        });
    }

    private static NodeAddress nodeAddress(ServiceDiscovery.Service s) {
        return new NodeAddress(s.host(), s.port(), port(s, "events", NodeAddress.EVENTS_PORT),
                port(s, "rpc", NodeAddress.RPC_PORT));
    }

    private static int port(ServiceDiscovery.Service s, String key, int otherwise) {
        String v = s.properties().get(key);
        try {
            return v == null ? otherwise : Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            log.warn("{} {}: its {} port is not a number: {}", s.type(), s.name(), key, v);
            return otherwise;
        }
    }

    private static void call(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            log.warn("the MasterManager refused: {}", e.getMessage());
        }
    }
}
