package dlg.manager.events;

import dlg.core.runtime.DropEvent;
import dlg.manager.auth.ClusterSecret;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.ZContext;

/**
 * Publishes a NodeManager's drop events to the NodeManagers that subscribed to it: ZeroMQ PUB,
 * one message per event, two frames (topic = session id in UTF-8, body = JSON, see
 * {@link EventJson}).
 *
 * <p>Threading: {@link #publish} is called by engine worker threads. While no subscriber is
 * connected it only counts the event as {@linkplain #skipped() skipped} (one volatile read): a
 * graph of millions of drops on a single node costs nothing here. Otherwise it puts the event in a
 * bounded queue, and blocks while the queue is full. One publisher thread owns the PUB socket and
 * its monitor socket ({@link PublisherLoop}): it binds, tracks connected subscribers from the
 * monitor (ACCEPTED, DISCONNECTED), drains the queue in batches, serialises and sends. No other
 * thread touches a ZeroMQ socket.
 *
 * <p>Nothing is lost behind a subscriber's back: the socket does not drop messages when a
 * subscriber falls {@code sendHwm} messages behind (ZMQ_XPUB_NODROP), the publisher thread waits
 * instead, the queue fills up and {@code publish} blocks the engine until the subscriber catches
 * up (back pressure). A subscriber that reads nothing for 30 s is cut off by ZMTP heartbeats (and
 * a warning says so), so one hung node cannot stall the others for ever. Events published before
 * a subscriber connected are not replayed (ZeroMQ's slow joiner).
 *
 * <p>The publisher thread also sends a heartbeat ({@link EventJson#HEARTBEAT_TOPIC}) every
 * heartbeat interval while anyone subscribes, busy or idle: one small message per interval per
 * node, whatever the number of sessions. Subscribers declare a publisher lost when its heartbeats
 * stop ({@link EventSubscriber}): a killed process, and a stopped or wedged one, whose ZeroMQ
 * connections stay open. Like events, a heartbeat waits while a subscriber lags {@code sendHwm}
 * messages behind: a node that cannot publish is, to the others, a node that stopped.
 *
 * <p>With the cluster's secret ({@link ClusterSecret}), the socket is a ZeroMQ CURVE server
 * whose keys are derived from it ({@link CurveKeys}): events are encrypted, and only subscribers
 * proving they hold the secret's client key are admitted (checked by the context's
 * {@link ZapHandler}, in a ZAP domain of this publisher's own). Without one, the NULL mechanism,
 * as DALiuGE: anyone may subscribe. A guarded publisher sends only the events of drops that other
 * nodes' drops wait for ({@link #publishToPeers}): its only possible subscribers are NodeManagers
 * of the cluster, which act on nothing else, and CURVE costs about 10 us per event in JeroMQ
 * (a session's every state change stays visible over REST).
 */
public final class EventPublisher implements DropEventSink, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EventPublisher.class);
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final int DEFAULT_SEND_HWM = 100_000;
    private static final Duration DEFAULT_FLUSH_TIMEOUT = Duration.ofSeconds(5);
    /** A fifth of the default peer timeout (10 s): a subscriber may miss four in a row. */
    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(1);

    /** {@link DropEvent}s, {@link Peer}s (events of sessions spanning nodes) and {@link Forget}s. */
    final BlockingQueue<Object> queue;
    final LongAdder published = new LongAdder();
    final LongAdder skipped = new LongAdder();
    final LongAdder dropped = new LongAdder();
    final LongAdder heartbeats = new LongAdder();
    final LongAdder joins = new LongAdder();
    /** Connected subscribers; written by the publisher thread only. */
    volatile int subscribers;
    /** False once the publisher thread has ended, for whatever reason. */
    volatile boolean running = true;
    private volatile boolean closed;
    /** Guarded: only NodeManagers of the cluster subscribe, and they only act on events sent to peers. */
    private final boolean peersOnly;
    private final Duration flushTimeout;
    private final PublisherLoop loop;
    private final Thread thread;
    private final String endpoint;

    /**
     * Binds {@code tcp://host:port} (port 0: an ephemeral one, see {@link #port()}; {@code localhost}
     * is 127.0.0.1, {@code 0.0.0.0} every interface) and starts the publisher thread.
     *
     * @param context the process's only ZeroMQ context; close this publisher before it
     * @param queueCapacity events waiting to be sent before {@link #publish} blocks
     * @throws IllegalStateException if the address cannot be bound (e.g. the port is taken)
     */
    public EventPublisher(ZContext context, String host, int port, int queueCapacity) {
        this(context, host, port, queueCapacity, DEFAULT_HEARTBEAT_INTERVAL);
    }

    /** @param heartbeatInterval how often the heartbeat goes out (at least 10 ms) */
    public EventPublisher(ZContext context, String host, int port, int queueCapacity, Duration heartbeatInterval) {
        this(context, host, port, queueCapacity, DEFAULT_SEND_HWM, DEFAULT_FLUSH_TIMEOUT, heartbeatInterval);
    }

    EventPublisher(ZContext context, String host, int port, int queueCapacity, int sendHwm, Duration flushTimeout) {
        this(context, host, port, queueCapacity, sendHwm, flushTimeout, DEFAULT_HEARTBEAT_INTERVAL);
    }

    /**
     * @param sendHwm messages ZeroMQ holds for one subscriber before the publisher thread waits
     * @param flushTimeout how long {@link #close} goes on sending what is queued
     */
    EventPublisher(ZContext context, String host, int port, int queueCapacity, int sendHwm, Duration flushTimeout,
                   Duration heartbeatInterval) {
        this(context, host, port, queueCapacity, sendHwm, flushTimeout, heartbeatInterval, null);
    }

    /**
     * A publisher that only subscribers holding the cluster's secret may subscribe to (ZeroMQ's
     * CURVE mechanism, keys derived from the secret: {@link CurveKeys}); without a secret, anyone
     * may (the NULL mechanism, as DALiuGE).
     *
     * @param secret null for none
     */
    public EventPublisher(ZContext context, String host, int port, int queueCapacity, Duration heartbeatInterval,
                          ClusterSecret secret) {
        this(context, host, port, queueCapacity, DEFAULT_SEND_HWM, DEFAULT_FLUSH_TIMEOUT, heartbeatInterval, secret);
    }

    EventPublisher(ZContext context, String host, int port, int queueCapacity, int sendHwm, Duration flushTimeout,
                   Duration heartbeatInterval, ClusterSecret secret) {
        Objects.requireNonNull(context, "context");
        if (heartbeatInterval.compareTo(Duration.ofMillis(10)) < 0) {
            throw new IllegalArgumentException("heartbeat interval must be at least 10 ms: " + heartbeatInterval);
        }
        String address = Endpoints.bind(host, port);
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("event queue capacity must be positive: " + queueCapacity);
        }
        if (sendHwm < 1) {
            throw new IllegalArgumentException("send high water mark must be positive: " + sendHwm);
        }
        this.flushTimeout = Objects.requireNonNull(flushTimeout, "flushTimeout");
        this.peersOnly = secret != null;
        this.queue = new LinkedBlockingQueue<>(queueCapacity);
        this.loop = new PublisherLoop(this, context, address, sendHwm, flushTimeout, heartbeatInterval,
                CurveKeys.of(secret));
        this.thread = Thread.ofPlatform().name("dlg-events-pub-" + THREADS.incrementAndGet()).daemon()
                .start(loop);
        try {
            this.endpoint = loop.bound().join();
        } catch (CompletionException e) {
            joinThread();
            throw new IllegalStateException("cannot bind the event publisher to " + address + ": "
                    + e.getCause().getMessage(), e.getCause());
        }
        log.info("publishing drop events on {}{}", endpoint,
                secret == null ? "" : " (CURVE: to nodes holding the cluster's secret only)");
    }

    /** Tests: how long the thread waits for events once idle. */
    void drowsyWait(Duration wait) {
        loop.drowsyMillis = wait.toMillis();
    }

    /** Tests: whether the publisher thread has ended. */
    boolean stopped() {
        return !thread.isAlive();
    }

    /** Tests: the I/O threads that may serve this publisher's subscribers, as a bit mask. */
    long ioThreadAffinity() {
        return loop.affinity;
    }

    /** Tests: how long the thread last waited for events. */
    long lastWaitMillis() {
        return loop.lastWaitMillis;
    }

    /** The bound endpoint, e.g. {@code tcp://127.0.0.1:5555}. */
    public String endpoint() {
        return endpoint;
    }

    public int port() {
        return Endpoints.port(endpoint);
    }

    /** Whether {@link #publish} sends anything: someone subscribes, and this publisher is not guarded. */
    @Override
    public boolean listening() {
        return subscribers > 0 && !closed && !peersOnly;
    }

    /**
     * Hands an event to the publisher thread, or counts it as skipped if no subscriber is connected,
     * this publisher is closed, or it is guarded (only events for peers then go out). Blocks while the queue is full; an interrupt does not stop the
     * wait (the event would be lost for another node) but is kept for the caller.
     */
    @Override
    public void publish(DropEvent event) {
        Objects.requireNonNull(event, "event");
        if (subscribers == 0 || closed || peersOnly) {
            skipped.increment();
            return;
        }
        if (!queue.offer(event)) {
            enqueueBlocking(event);
        }
    }

    /**
     * Publishes even when no subscriber is known yet: the subscriber count comes from the monitor,
     * a moment after a peer connects, and events that other nodes wait for must not be lost in
     * that moment.
     */
    @Override
    public void publishToPeers(DropEvent event) {
        Objects.requireNonNull(event, "event");
        if (closed) {
            skipped.increment();
            return;
        }
        Peer peer = new Peer(event);
        if (!queue.offer(peer)) {
            enqueueBlocking(peer);
        }
    }

    @Override
    public void forget(String sessionId) {
        Forget f = new Forget(sessionId);
        if (!closed && !queue.offer(f)) {
            enqueueBlocking(f);
        }
    }

    /** An event that must be sent even with no subscriber known, and kept for late joiners. */
    record Peer(DropEvent event) {
    }

    /** Forget the events retained for a session. */
    record Forget(String sessionId) {
    }

    /** Nothing to send: wakes the thread (to close without waiting out its idle wait). */
    enum Wake {
        UP
    }

    private void enqueueBlocking(Object event) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    if (queue.offer(event, 100, TimeUnit.MILLISECONDS)) {
                        return;
                    }
                    if (closed || !running) {
                        dropped.increment(); // too late: close() already gave up on what is queued
                        return;
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Subscribers connected now, as the socket monitor last told the publisher thread. */
    public int subscribers() {
        return subscribers;
    }

    /** Heartbeats handed to ZeroMQ. */
    public long heartbeats() {
        return heartbeats.sum();
    }

    /**
     * Subscriptions to events the publisher thread has taken in (a subscriber's events socket, not
     * its heartbeat socket): from then on that subscriber gets every event, and it was sent the
     * retained ones again. Of the events published before it joined, it gets only those (events
     * that settle drops other nodes wait for, without their inlined content).
     */
    public long joins() {
        return joins.sum();
    }

    /** Events handed to ZeroMQ. */
    public long published() {
        return published.sum();
    }

    /** Events waiting for the publisher thread now. */
    public int queued() {
        return queue.size();
    }

    /** Events not even queued: no subscriber was connected, or this publisher was closed. */
    public long skipped() {
        return skipped.sum();
    }

    /** Queued events that were never sent: {@link #close} ran out of time, or the socket failed. */
    public long dropped() {
        return dropped.sum();
    }

    boolean isClosed() {
        return closed;
    }

    /**
     * Stops accepting events, sends what is queued (for at most the flush timeout), closes the
     * socket and waits for the publisher thread. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        queue.offer(Wake.UP); // if full, the thread is not waiting
        joinThread();
        queue.remove(Wake.UP); // left by a thread that had ended already
        int left = queue.size(); // put there by a publish() that raced with the end of the thread
        if (left > 0) {
            queue.clear();
            dropped.add(left);
        }
    }

    private void joinThread() {
        boolean interrupted = false;
        long until = System.nanoTime() + flushTimeout.plusSeconds(5).toNanos();
        try {
            while (thread.isAlive()) {
                long left = until - System.nanoTime();
                if (left <= 0) {
                    log.warn("event publisher thread {} did not stop", thread.getName());
                    return;
                }
                try {
                    thread.join(Duration.ofNanos(left));
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
