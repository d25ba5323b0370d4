package dlg.daemon.zeroconf;

import java.io.IOException;
import java.util.Map;
import java.util.Objects;

/** Announcing services on the local network and hearing of others' (zeroconf, DNS-SD over multicast DNS). */
public interface ServiceDiscovery extends AutoCloseable {

    /** DALiuGE's service type of a NodeManager. */
    String NODE_MANAGER = "_NodeManager._tcp.local.";
    /** DALiuGE's service type of a DataIslandManager. */
    String DATA_ISLAND = "_DIM._tcp.local.";

    /**
     * A service instance.
     *
     * @param name the instance name, unique within its type (DALiuGE: the host name, 15 characters at most)
     * @param host the IPv4 address it is reached at; null in a removal, where zeroconf does not say
     * @param properties its TXT record (dlg: a NodeManager's {@code events} and {@code rpc} ports)
     */
    record Service(String type, String name, String host, int port, Map<String, String> properties) {
        public Service {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(name, "name");
            properties = Map.copyOf(properties);
        }
    }

    /** Hears of the services of one type. Called on the discovery's own threads. */
    interface Listener {
        void added(Service service);

        void removed(Service service);
    }

    /** Announces {@code service} until the returned handle is closed. */
    AutoCloseable register(Service service) throws IOException;

    /** Tells {@code listener} of every service of {@code type}, present and to come, until the handle is closed. */
    AutoCloseable browse(String type, Listener listener);

    /** The address this discovery announces and listens on. */
    String address();

    /** Withdraws every announcement and stops browsing. */
    @Override
    void close();
}
