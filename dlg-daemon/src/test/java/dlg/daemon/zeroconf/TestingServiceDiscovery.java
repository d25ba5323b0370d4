package dlg.daemon.zeroconf;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-memory "network" for {@link ServiceDiscovery}: what one discovery registers, every
 * discovery of the same network hears of at once, on the caller's thread.
 */
final class TestingServiceDiscovery implements ServiceDiscovery {

    /** The shared medium. */
    static final class Network {
        final Map<String, Service> services = new ConcurrentHashMap<>(); // type + name -> service
        final List<Map.Entry<String, Listener>> listeners = new CopyOnWriteArrayList<>();

        void add(Service s) {
            services.put(s.type() + s.name(), s);
            listeners.stream().filter(e -> e.getKey().equals(s.type())).forEach(e -> e.getValue().added(s));
        }

        void remove(Service s) {
            if (services.remove(s.type() + s.name()) != null) {
                Service gone = new Service(s.type(), s.name(), null, 0, Map.of());
                listeners.stream().filter(e -> e.getKey().equals(s.type())).forEach(e -> e.getValue().removed(gone));
            }
        }
    }

    private final Network network;
    private final String address;
    private final List<AutoCloseable> mine = new CopyOnWriteArrayList<>();
    boolean closed;

    TestingServiceDiscovery(Network network, String address) {
        this.network = network;
        this.address = address;
    }

    @Override
    public AutoCloseable register(Service service) {
        network.add(service);
        AutoCloseable h = () -> network.remove(service);
        mine.add(h);
        return h;
    }

    @Override
    public AutoCloseable browse(String type, Listener listener) {
        var entry = Map.entry(type, listener);
        network.listeners.add(entry);
        new ArrayList<>(network.services.values()).stream().filter(s -> s.type().equals(type)).forEach(listener::added);
        AutoCloseable h = () -> network.listeners.remove(entry);
        mine.add(h);
        return h;
    }

    @Override
    public String address() {
        return address;
    }

    @Override
    public void close() {
        closed = true;
        for (AutoCloseable h : mine) {
            try {
                h.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
