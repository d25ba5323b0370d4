package dlg.manager;

import java.util.concurrent.CompletableFuture;

/**
 * Where a NodeManager listens for other nodes' drop events (the ZeroMQ subscriber in production,
 * a fake in tests). Received events go to {@link NodeManager#deliverRemote}.
 */
@FunctionalInterface
public interface EventSubscriptions {

    /** Nothing to subscribe to: a NodeManager that runs whole graphs only. */
    EventSubscriptions NONE = (host, port) -> CompletableFuture.completedFuture(null);

    /** Starts receiving the events that the node at {@code host:eventsPort} publishes; completes once connected. */
    CompletableFuture<Void> subscribe(String host, int eventsPort);
}
