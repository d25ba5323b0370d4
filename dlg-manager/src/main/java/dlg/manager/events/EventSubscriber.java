package dlg.manager.events;

import dlg.core.runtime.DropEvent;
import dlg.manager.auth.ClusterSecret;
import dlg.manager.events.SubscriberLoop.Command;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.ZContext;

/**
 * Receives the drop events that other NodeManagers publish ({@link EventPublisher}): one SUB
 * socket, subscribed to every session (the receiver filters), connected to every publisher this
 * node {@linkplain #subscribe subscribed} to. Events come back as {@link DropEvent}s with their
 * states mapped from DALiuGE's codes, exactly as local drops report them.
 *
 * <p>Threading: one subscriber thread owns the SUB socket and its monitor ({@link SubscriberLoop});
 * no other thread touches a ZeroMQ socket. {@link #subscribe} and {@link #unsubscribe} may be called
 * from any thread: they queue a command that the subscriber thread carries out within one wait
 * (20 ms). The callback runs on the subscriber thread, one event at a time, in the order each
 * publisher sent them; it must be quick. A message that is not an event is logged (at most once a
 * minute) and skipped; an exception from the callback is logged and ignored.
 *
 * <p>Peers are watched: every publisher sends a heartbeat at a fixed interval, and the subscriber
 * takes each publisher's heartbeats on a socket of its own (the events socket cannot tell who sent
 * a message). A publisher heard once and then silent for the peer timeout is reported lost to
 * the {@link PeerListener} (a killed or stopped process, a dead machine), and reported back when
 * its heartbeats come again; meanwhile a new subscription to it waits for it as for a node never
 * seen.
 *
 * <p>With the cluster's secret, every socket is a CURVE client with keys derived from it
 * ({@link CurveKeys}): it only talks to publishers holding the secret, and a connection counts as
 * made at its first heartbeat (the monitor's handshake event comes before the CURVE handshake in
 * JeroMQ). A publisher that refuses the handshake (another secret, none, or a secret while this
 * node has none) is reported at most once a minute, fails the subscriptions waiting for it, names
 * itself in the reason if it is then lost, and is connected to again with back-off (ZeroMQ gives
 * up after a failed handshake).
 */
public final class EventSubscriber implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EventSubscriber.class);
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(5);
    /** DALiuGE's {@code --dmCheckTimeout} default: how long a silent peer takes to be declared lost. */
    public static final Duration DEFAULT_PEER_TIMEOUT = Duration.ofSeconds(10);

    /** A publisher as {@link #subscribe} was given it. */
    record Name(String host, int port) { }

    final Queue<Command> commands = new ConcurrentLinkedQueue<>();
    final LongAdder received = new LongAdder();
    final LongAdder malformed = new LongAdder();
    final LongAdder heartbeats = new LongAdder();
    /**
     * Publishers refusing this node's handshake now, with what to tell a new subscription to them:
     * it fails at once rather than waiting. Written by the subscriber thread.
     */
    final Map<String, String> refusals = new ConcurrentHashMap<>();
    /** Subscribed endpoints and whether they connected; entries that fail are removed. */
    private final Map<String, CompletableFuture<Void>> endpoints = new ConcurrentHashMap<>();
    /** The host and port each endpoint was subscribed as (two names may resolve to one endpoint). */
    private final Map<String, Set<Name>> names = new ConcurrentHashMap<>();
    private final PeerWatchdog watchdog;
    private final SubscriberLoop loop;
    private final Thread thread;
    private volatile boolean closed;

    /**
     * Starts the subscriber thread.
     *
     * @param context the process's only ZeroMQ context; close this subscriber before it
     * @param onEvent receives every well-formed event, on the subscriber thread
     */
    public EventSubscriber(ZContext context, Consumer<DropEvent> onEvent) {
        this(context, onEvent, DEFAULT_PEER_TIMEOUT, PeerListener.NONE);
    }

    /**
     * Starts the subscriber thread, which also watches the publishers it is connected to.
     *
     * @param peerTimeout how long a publisher may send no heartbeat before it is declared lost; at
     *     least 100 ms, and best five times the publishers' heartbeat interval or more
     * @param peers told, on the subscriber thread, when a publisher is lost and when it is back
     */
    public EventSubscriber(ZContext context, Consumer<DropEvent> onEvent, Duration peerTimeout, PeerListener peers) {
        this(context, onEvent, peerTimeout, peers, null);
    }

    /**
     * A subscriber that only takes events from publishers holding the cluster's secret, and proves
     * it holds it too (ZeroMQ's CURVE mechanism, keys derived from the secret: {@link CurveKeys});
     * without a secret, the NULL mechanism (as DALiuGE). A publisher that refuses this node's
     * handshake (it holds another secret, none, or this node has none and it has one) is reported,
     * at most once a minute, and a subscription waiting for it fails naming the cause.
     *
     * @param secret null for none
     */
    public EventSubscriber(ZContext context, Consumer<DropEvent> onEvent, Duration peerTimeout, PeerListener peers,
                           ClusterSecret secret) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(onEvent, "onEvent");
        Objects.requireNonNull(peers, "peers");
        this.watchdog = new PeerWatchdog(Objects.requireNonNull(peerTimeout, "peerTimeout"));
        this.loop = new SubscriberLoop(this, context, onEvent, watchdog, peers, System::nanoTime,
                CurveKeys.of(secret));
        this.thread = Thread.ofPlatform().name("dlg-events-sub-" + THREADS.incrementAndGet()).daemon().start(loop);
        try {
            loop.started().join();
        } catch (CompletionException e) {
            throw new IllegalStateException("cannot open the event subscriber: " + e.getCause().getMessage(),
                    e.getCause());
        }
    }

    /**
     * Connects to the publisher at {@code tcp://host:eventPort}. ZeroMQ keeps trying until that
     * publisher is up (and reconnects if it goes away). The future completes once connected (the
     * ZeroMQ handshake is done); events the publisher sends before it has seen this subscription are
     * not received. Subscribing again to the same publisher does nothing more.
     *
     * @return fails with {@link UnknownHostException} if the host has no IPv4 address, and with a
     *     {@link java.net.ConnectException} naming the cause if the publisher refuses this node's
     *     handshake (a secret on one side only, or two different ones); this subscriber keeps
     *     trying, and a later subscription succeeds once the publisher accepts it
     * @throws IllegalStateException if this subscriber is closed
     */
    public CompletableFuture<Void> subscribe(String host, int eventPort) {
        requireOpen();
        String endpoint;
        try {
            endpoint = Endpoints.connect(host, eventPort);
        } catch (UnknownHostException e) {
            return CompletableFuture.failedFuture(e);
        }
        names.computeIfAbsent(endpoint, ep -> ConcurrentHashMap.newKeySet()).add(new Name(host, eventPort));
        CompletableFuture<Void> connected = endpoints.computeIfAbsent(endpoint, ep -> {
            CompletableFuture<Void> f = new CompletableFuture<>();
            f.whenComplete((ok, error) -> {
                if (error != null) {
                    endpoints.remove(ep, f); // so that a later subscribe tries again
                }
            });
            commands.add(new Command.Connect(ep, f));
            loop.wake();
            return f;
        });
        failCommandsIfClosed();
        String refused = refusals.get(endpoint);
        if (refused != null && !connected.isDone()) {
            return CompletableFuture.failedFuture(new ConnectException(refused));
        }
        return connected.copy();
    }

    /**
     * Disconnects from a publisher; a connection still being attempted fails with a
     * {@link java.util.concurrent.CancellationException}. Unsubscribing from a publisher this
     * subscriber is not subscribed to does nothing.
     *
     * @throws IllegalStateException if this subscriber is closed
     */
    public CompletableFuture<Void> unsubscribe(String host, int eventPort) {
        requireOpen();
        String endpoint;
        try {
            endpoint = Endpoints.connect(host, eventPort);
        } catch (UnknownHostException e) {
            return CompletableFuture.failedFuture(e);
        }
        names.remove(endpoint);
        refusals.remove(endpoint);
        if (endpoints.remove(endpoint) == null) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        commands.add(new Command.Disconnect(endpoint, done));
        loop.wake();
        failCommandsIfClosed();
        return done.copy();
    }

    /** How long a silent publisher takes to be declared lost. */
    public Duration peerTimeout() {
        return watchdog.peerTimeout();
    }

    Set<Name> names(String endpoint) {
        return names.getOrDefault(endpoint, Set.of());
    }

    /**
     * The publisher at {@code endpoint} is lost: from now on subscribing to it waits for its next
     * handshake, completing the future returned here. Null if it is not subscribed any more.
     */
    CompletableFuture<Void> awaitAgain(String endpoint) {
        CompletableFuture<Void> again = new CompletableFuture<>();
        again.whenComplete((ok, error) -> {
            if (error != null) {
                endpoints.remove(endpoint, again);
            }
        });
        return endpoints.computeIfPresent(endpoint, (ep, old) -> again) == again ? again : null;
    }

    /** Tests: how long the thread waits for events once idle (capped at a twentieth of the peer timeout). */
    void drowsyWait(Duration wait) {
        loop.drowsyMillis = (int) wait.toMillis();
    }

    /** Tests: how long the thread now waits for events. */
    int waitMillis() {
        return loop.lastWaitMillis;
    }

    /** Well-formed events handed to the callback. */
    public long received() {
        return received.sum();
    }

    /** Heartbeats received on the publishers' heartbeat sockets (counted once per look, not per beat). */
    public long heartbeats() {
        return heartbeats.sum();
    }

    /** Messages skipped because they were not events. */
    public long malformed() {
        return malformed.sum();
    }

    boolean isClosed() {
        return closed;
    }

    /** Disconnects from every publisher and stops the subscriber thread. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        loop.wake();
        boolean interrupted = false;
        try {
            thread.join(JOIN_TIMEOUT);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (thread.isAlive()) {
            log.warn("event subscriber thread {} did not stop", thread.getName());
        }
        failCommandsIfClosed();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the event subscriber is closed");
        }
    }

    /** A command queued while closing would never run: whoever sees it fails it. */
    private void failCommandsIfClosed() {
        if (!closed) {
            return;
        }
        for (Command c = commands.poll(); c != null; c = commands.poll()) {
            c.done().completeExceptionally(new IllegalStateException("the event subscriber is closed"));
        }
    }
}
