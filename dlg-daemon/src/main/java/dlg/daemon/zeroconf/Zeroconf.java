package dlg.daemon.zeroconf;

import dlg.daemon.proc.ManagerKind;
import dlg.daemon.proc.ProcessDaemon;
import dlg.manager.NodeAddress;
import dlg.manager.auth.ClusterSecret;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's zeroconf, as DALiuGE's: a NodeManager it started is announced as
 * {@code _NodeManager._tcp.local.}, a DataIslandManager as {@code _DIM._tcp.local.} (instance name:
 * the host name cut to 15 characters; port: the manager's real REST port; a NodeManager's TXT record
 * adds its {@code events} and {@code rpc} ports), and while a MasterManager it started runs, the
 * NodeManagers and islands found are fed to it ({@link MasterFeeder}).
 */
public final class Zeroconf implements ProcessDaemon.Listener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Zeroconf.class);

    private final ServiceDiscovery discovery;
    private final String instanceName;
    private final Function<NodeAddress, MasterManagerCalls> masterCalls;
    private final Map<ManagerKind, List<AutoCloseable>> handles = new EnumMap<>(ManagerKind.class); // guarded by this
    private MasterFeeder feeder; // guarded by this

    /**
     * @param hostName this host's name (the instance name, cut to 15 characters as DALiuGE does)
     * @param masterCalls how to call the MasterManager at an address
     */
    public Zeroconf(ServiceDiscovery discovery, String hostName, Function<NodeAddress, MasterManagerCalls> masterCalls) {
        this.discovery = Objects.requireNonNull(discovery, "discovery");
        this.instanceName = hostName.length() <= 15 ? hostName : hostName.substring(0, 15);
        this.masterCalls = Objects.requireNonNull(masterCalls, "masterCalls");
    }

    /** The MasterManager is called over REST, within {@code timeout}, showing {@code secret} (null: none). */
    public static Zeroconf overRest(ServiceDiscovery discovery, String hostName, Duration timeout, ClusterSecret secret) {
        return new Zeroconf(discovery, hostName,
                mm -> new RestMasterManagerCalls(mm.host(), mm.restPort(), timeout, secret));
    }

    @Override
    public synchronized void started(ManagerKind kind, NodeAddress address) {
        List<AutoCloseable> mine = new ArrayList<>();
        try {
            switch (kind) {
                case NODE -> mine.add(discovery.register(new ServiceDiscovery.Service(ServiceDiscovery.NODE_MANAGER,
                        instanceName, discovery.address(), address.restPort(), Map.of(
                                "events", Integer.toString(address.eventsPort()),
                                "rpc", Integer.toString(address.rpcPort())))));
                case ISLAND -> mine.add(discovery.register(new ServiceDiscovery.Service(ServiceDiscovery.DATA_ISLAND,
                        instanceName, discovery.address(), address.restPort(), Map.of())));
                case MASTER -> {
                    MasterFeeder f = new MasterFeeder(masterCalls.apply(address));
                    feeder = f;
                    mine.add(f::close);
                    mine.add(discovery.browse(ServiceDiscovery.NODE_MANAGER, f.nodeListener()));
                    mine.add(discovery.browse(ServiceDiscovery.DATA_ISLAND, f.islandListener()));
                    log.info("zeroconf: feeding the MasterManager at {} with the managers found", address);
                }
            }
        } catch (java.io.IOException e) {
            log.warn("zeroconf: cannot announce the {} at {}: {}", kind.managerName(), address, e.toString());
        }
        handles.put(kind, mine);
    }

    @Override
    public synchronized void ended(ManagerKind kind, NodeAddress address) {
        List<AutoCloseable> mine = handles.remove(kind);
        if (kind == ManagerKind.MASTER) {
            feeder = null;
        }
        closeAll(mine == null ? List.of() : mine);
    }

    @Override
    public synchronized void close() {
        if (feeder != null) {
            feeder.close();
        }
        handles.values().forEach(Zeroconf::closeAll);
        handles.clear();
        discovery.close();
    }

    private static void closeAll(List<AutoCloseable> closing) {
        for (AutoCloseable c : closing) {
            try {
                c.close();
            } catch (Exception e) {
                log.warn("zeroconf: {}", e.toString());
            }
        }
    }
}
