package dlg.daemon.zeroconf;

import java.io.IOException;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import javax.jmdns.JmDNS;
import javax.jmdns.ServiceEvent;
import javax.jmdns.ServiceInfo;
import javax.jmdns.ServiceListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link ServiceDiscovery} with JmDNS, bound to one interface address. */
public final class JmdnsDiscovery implements ServiceDiscovery {

    private static final Logger log = LoggerFactory.getLogger(JmdnsDiscovery.class);

    private static final long RESOLVE_MS = 3000;

    private final JmDNS jmdns;
    private final String address;

    private JmdnsDiscovery(JmDNS jmdns, String address) {
        this.jmdns = jmdns;
        this.address = address;
    }

    /** Multicast DNS on the interface of {@code address}; its host name is this host's. */
    public static JmdnsDiscovery on(InetAddress address) throws IOException {
        JmDNS jmdns = JmDNS.create(address, InetAddress.getLocalHost().getHostName());
        log.info("zeroconf on {}", address.getHostAddress());
        return new JmdnsDiscovery(jmdns, address.getHostAddress());
    }

    @Override
    public AutoCloseable register(Service service) throws IOException {
        ServiceInfo info = ServiceInfo.create(service.type(), service.name(), service.port(), 0, 0,
                new HashMap<>(service.properties()));
        jmdns.registerService(info);
        log.info("announced {} {} on {}:{}", service.type(), service.name(), address, service.port());
        return () -> {
            jmdns.unregisterService(info);
            log.info("withdrew {} {}", service.type(), service.name());
        };
    }

    @Override
    public AutoCloseable browse(String type, Listener listener) {
        ServiceListener l = new ServiceListener() {
            /**
             * Resolved once here, in full: JmDNS's own resolution events come many times, some
             * without the TXT record (a NodeManager's event and data ports).
             */
            @Override
            public void serviceAdded(ServiceEvent event) {
                Thread.ofVirtual().name("dlg-zeroconf-resolve").start(() -> {
                    ServiceInfo info = jmdns.getServiceInfo(event.getType(), event.getName(), RESOLVE_MS);
                    if (info == null || info.getInet4Addresses().length == 0) {
                        log.warn("{} {} did not resolve to an IPv4 address within {} ms: ignored", event.getType(),
                                event.getName(), RESOLVE_MS);
                        return;
                    }
                    listener.added(service(event.getType(), event.getName(), info));
                });
            }

            @Override
            public void serviceRemoved(ServiceEvent event) {
                listener.removed(new Service(event.getType(), event.getName(), null, 0, Map.of()));
            }

            @Override
            public void serviceResolved(ServiceEvent event) {
                // see serviceAdded
            }
        };
        jmdns.addServiceListener(type, l);
        return () -> jmdns.removeServiceListener(type, l);
    }

    private static Service service(String type, String name, ServiceInfo info) {
        Map<String, String> props = new HashMap<>();
        for (var names = info.getPropertyNames(); names.hasMoreElements(); ) {
            String n = names.nextElement();
            props.put(n, info.getPropertyString(n));
        }
        return new Service(type, name, info.getInet4Addresses()[0].getHostAddress(), info.getPort(), props);
    }

    @Override
    public String address() {
        return address;
    }

    @Override
    public void close() {
        jmdns.unregisterAllServices();
        try {
            jmdns.close();
        } catch (IOException e) {
            log.warn("closing zeroconf: {}", e.toString());
        }
    }
}
