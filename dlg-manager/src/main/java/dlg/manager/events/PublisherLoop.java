package dlg.manager.events;

import dlg.manager.logs.WarnLimiter;
import dlg.core.runtime.DropEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZEvent;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;
import zmq.ZError;

/**
 * The body of {@link EventPublisher}'s thread, the only code that touches its sockets: both are
 * created, used and closed in {@link #run()}.
 */
final class PublisherLoop implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(EventPublisher.class);
    private static final AtomicInteger PUBLISHERS = new AtomicInteger();
    private static final int BATCH = 1024;
    /** How long the thread waits for events before it looks at the monitor again. */
    private static final long IDLE_MILLIS = 20;
    /**
     * How long it waits once nothing has come for {@link #DROWSY_AFTER_NANOS}: an idle manager's
     * thread wakes 5 times a second, not 50 (each wake was counted half a millisecond of CPU on our
     * VMs). An event still goes out at once (its queue wakes the thread); what may wait this long
     * is the socket's side: a new subscriber counted, a guarded subscriber's first heartbeat,
     * retained events sent again to a late joiner.
     */
    static final long DROWSY_MILLIS = 200;
    static final long DROWSY_AFTER_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** How long one send waits for a lagging subscriber before the thread looks around. */
    private static final int SEND_SLICE_MILLIS = 100;
    private static final int HEARTBEAT_MILLIS = 10_000;

    private final EventPublisher owner;
    private final ZContext context;
    private final String address;
    private final int sendHwm;
    private final long flushNanos;
    private final long heartbeatNanos;
    private long nextHeartbeat;
    private static final byte[] EMPTY = new byte[0];
    private final CompletableFuture<String> bound = new CompletableFuture<>();
    private final EventJson.Writer json = new EventJson.Writer();
    /** Null: the NULL mechanism, anyone may subscribe (DALiuGE's way). */
    private final CurveKeys keys;
    /** The ZAP domain that admits this publisher's subscribers; null without keys. */
    private String zapDomain;
    private ZapHandler zap;
    private final WarnLimiter refusedWarning = new WarnLimiter(log, Duration.ofMinutes(1), System::nanoTime);
    private final WarnLimiter lagWarning = new WarnLimiter(log, Duration.ofMinutes(1), System::nanoTime);
    private final WarnLimiter eventWarning = new WarnLimiter(log, Duration.ofMinutes(1), System::nanoTime);
    private ZMQ.Socket pub;
    private ZMQ.Socket monitor;
    private int subscribers;
    private boolean flushing;
    /** When the thread last had something to do (nanoTime). */
    private long lastBusy = System.nanoTime();
    /** {@link #DROWSY_MILLIS} unless a test says otherwise; the wait last used, for tests. */
    volatile long drowsyMillis = DROWSY_MILLIS;
    volatile long lastWaitMillis = IDLE_MILLIS;
    /** The publisher socket's I/O thread mask ({@link #oneIoThread}), for tests. */
    volatile long affinity;
    /** Whether a send is waiting for a subscriber that lags behind. */
    private boolean waiting;
    private long deadline;
    private String lastSession;
    private byte[] lastTopic;
    /**
     * Per session, the events retained for late joiners (a last-value cache): sent again whenever
     * a subscription arrives. Only events that settle drops with links to other nodes are kept,
     * so this holds one or two events per cross-node link.
     */
    private final Map<String, List<DropEvent>> retained = new HashMap<>();

    PublisherLoop(EventPublisher owner, ZContext context, String address, int sendHwm, Duration flushTimeout,
                  Duration heartbeatInterval, CurveKeys keys) {
        this.keys = keys;
        this.heartbeatNanos = heartbeatInterval.toNanos();
        this.owner = owner;
        this.context = context;
        this.address = address;
        this.sendHwm = sendHwm;
        this.flushNanos = flushTimeout.toNanos();
    }

    /**
     * The I/O thread that serves every subscriber of publisher number {@code number}, as an affinity
     * mask: one bit, publishers spread over the context's threads. Why one: a PUB hands the same
     * message object to every subscriber's pipe, and JeroMQ 0.6.0's CURVE encoder copies it out
     * with {@code Msg.transfer}, which moves and restores that message's buffer position. Two I/O
     * threads encoding one message at once can copy nothing, and the subscriber gets zeros of the
     * frame's length: seen as a topic {@code "\0\0"} for session {@code s1}, the event dropped and
     * the session waiting for ever (a test JVM, four I/O threads). Two threads transferring one
     * two-byte message 10 million times each got {@code [0, 0]} 3 to 136 times. On one thread the
     * encoders run one after the other. A manager has one I/O thread anyway (ProcessZContext).
     */
    static long oneIoThread(int number, int ioThreads) {
        return 1L << Math.floorMod(number, Math.clamp(ioThreads, 1, Long.SIZE));
    }

    /** Completes with the bound endpoint, or with the reason it could not bind. */
    CompletableFuture<String> bound() {
        return bound;
    }

    @Override
    public void run() {
        try {
            open();
        } catch (RuntimeException | Error e) { // handed to the constructor, which is waiting for it
            closeSockets();
            owner.running = false;
            bound.completeExceptionally(e);
            return;
        }
        try {
            loop();
        } catch (ZMQException e) { // ETERM: the context was closed under a running publisher
            if (e.getErrorCode() == ZError.ETERM) {
                log.debug("event publisher on {} stopped: the process's ZeroMQ context closed (exit)", bound.join());
            } else {
                log.warn("event publisher on {} failed: {}", bound.join(), e.getMessage());
            }
        } catch (RuntimeException e) {
            // JeroMQ ending its context (at exit) under a blocked call fails in its own code (an NPE)
            if (context.isClosed() || JvmExit.inProgress()) {
                log.debug("event publisher on {} stopped: the process's ZeroMQ context closed (exit): {}", bound.join(),
                        e.toString());
            } else {
                log.warn("event publisher on {} failed", bound.join(), e);
            }
        } finally {
            owner.running = false;
            owner.subscribers = 0;
            closeSockets();
            log.info("event publisher on {} closed: {} events published, {} skipped, {} dropped",
                    bound.join(), owner.published(), owner.skipped(), owner.dropped());
        }
    }

    private void open() {
        // XPUB: a PUB that also reads its subscribers' subscriptions, so that each new one gets the
        // retained events (verbose: every subscription, even one it has seen from another peer)
        pub = context.createSocket(SocketType.XPUB);
        int number = PUBLISHERS.incrementAndGet();
        affinity = oneIoThread(number, context.getIoThreads());
        pub.setAffinity(affinity); // before the bind: the listener and each accepted connection take it
        pub.setSndHWM(sendHwm);
        pub.setXpubNoDrop(true);
        pub.setXpubVerbose(true);
        pub.setSendTimeOut(SEND_SLICE_MILLIS);
        pub.setHeartbeatIvl(HEARTBEAT_MILLIS);
        pub.setHeartbeatTimeout(3 * HEARTBEAT_MILLIS);
        pub.setHandshakeIvl(SubscriberLoop.HANDSHAKE_MILLIS); // the subscriber connects again
        int events = ZMQ.EVENT_ACCEPTED | ZMQ.EVENT_DISCONNECTED;
        if (keys != null) { // before the bind: a CURVE server without a ZAP handler would admit any key
            zap = ZapHandler.of(context);
            zapDomain = zap.admit(keys);
            pub.setCurveServer(true);
            pub.setCurveSecretKey(keys.serverSecret());
            pub.setZapDomain(zapDomain);
            events |= ZMQ.HANDSHAKE_FAILED_PROTOCOL | ZMQ.HANDSHAKE_FAILED_AUTH | ZMQ.HANDSHAKE_FAILED_NO_DETAIL;
        }
        String monitorAddress = "inproc://dlg-events-pub-monitor-" + number;
        pub.monitor(monitorAddress, events);
        monitor = context.createSocket(SocketType.PAIR);
        monitor.connect(monitorAddress);
        pub.bind(address);
        bound.complete(pub.getLastEndpoint());
    }

    private void loop() {
        List<Object> batch = new ArrayList<>(BATCH);
        while (true) {
            if (readMonitor() | readSubscriptions()) {
                lastBusy = System.nanoTime();
            }
            if (!heartbeat()) {
                return;
            }
            Object first = next();
            if (first == null) {
                if (flushing) {
                    return; // closed, and everything queued went out
                }
                continue;
            }
            lastBusy = System.nanoTime();
            batch.add(first);
            owner.queue.drainTo(batch, BATCH - 1);
            if (!send(batch)) {
                return;
            }
            batch.clear();
        }
    }

    private Object next() {
        noticeClose();
        if (flushing) {
            return owner.queue.poll();
        }
        try {
            boolean drowsy = System.nanoTime() - lastBusy > DROWSY_AFTER_NANOS;
            // never longer than a quarter of the heartbeat interval, which subscribers time
            long wait = drowsy ? Math.max(IDLE_MILLIS, Math.min(drowsyMillis, heartbeatNanos / 4_000_000)) : IDLE_MILLIS;
            if (wait != lastWaitMillis) {
                lastWaitMillis = wait;
            }
            return owner.queue.poll(wait, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            // Nobody interrupts this thread; not re-asserted, as an interrupt closes JeroMQ's NIO channels.
            return null;
        }
    }

    /**
     * Sends the heartbeat if it is due and anyone subscribes; not while closing. Returns false once
     * the flush timed out.
     */
    private boolean heartbeat() {
        long now = System.nanoTime();
        if (flushing || subscribers == 0 || now - nextHeartbeat < 0) {
            return true;
        }
        nextHeartbeat = now + heartbeatNanos;
        if (!sendFrame(EventJson.HEARTBEAT_TOPIC, ZMQ.SNDMORE) || !sendFrame(EMPTY, 0)) {
            return false;
        }
        owner.heartbeats.increment();
        return true;
    }

    /** Sends a batch; returns false once the flush timed out (what is left is dropped). */
    private boolean send(List<Object> batch) {
        int sent = 0;
        for (int i = 0; i < batch.size(); i++) {
            DropEvent e;
            switch (batch.get(i)) {
                case DropEvent local -> {
                    if (subscribers == 0) {
                        owner.skipped.increment(); // the last subscriber left while it was queued
                        continue;
                    }
                    e = local;
                }
                case EventPublisher.Peer peer -> {
                    e = peer.event();
                    // kept without content: a late joiner fetches the data, and a session with a
                    // million small inputs crossing nodes does not keep a second copy of them here
                    retained.computeIfAbsent(e.sessionId(), k -> new ArrayList<>()).add(e.withoutContent());
                }
                case EventPublisher.Forget f -> {
                    retained.remove(f.sessionId());
                    continue;
                }
                case EventPublisher.Wake w -> {
                    continue;
                }
                default -> throw new IllegalStateException("not an event: " + batch.get(i));
            }
            byte[] body;
            try {
                body = json.write(e);
            } catch (RuntimeException ex) { // e.g. a null state: the engine's bug, not a reason to stop
                owner.dropped.increment();
                eventWarning.warn("cannot serialise {}: {}", e, ex.toString());
                continue;
            }
            if (!sendFrame(topic(e.sessionId()), ZMQ.SNDMORE) || !sendFrame(body, 0)) {
                owner.queue.remove(EventPublisher.Wake.UP); // close()'s, not an event
                long left = batch.size() - i - (batch.lastIndexOf(EventPublisher.Wake.UP) > i ? 1 : 0)
                        + owner.queue.size();
                owner.queue.clear();
                owner.dropped.add(left);
                log.warn("event publisher on {}: {} events still queued after {} ms of closing, dropped",
                        bound.join(), left, TimeUnit.NANOSECONDS.toMillis(flushNanos));
                owner.published.add(sent);
                return false;
            }
            sent++;
        }
        owner.published.add(sent);
        return true;
    }

    /**
     * Sends one frame, waiting while a subscriber is {@code sendHwm} messages behind. Only the first
     * frame of a message can wait: ZeroMQ counts whole messages against the high water mark.
     * Returns false if the flush deadline passed.
     */
    private boolean sendFrame(byte[] frame, int flags) {
        try {
            while (!pub.send(frame, flags)) {
                waiting = true;
                readMonitor();
                noticeClose();
                if (flushing && System.nanoTime() - deadline > 0) {
                    return false;
                }
                lagWarning.warn("a subscriber of {} is {} events behind: publishing waits for it ({} queued)",
                        bound.join(), sendHwm, owner.queue.size());
            }
            return true;
        } finally {
            waiting = false;
        }
    }

    private void noticeClose() {
        if (!flushing && owner.isClosed()) {
            flushing = true;
            deadline = System.nanoTime() + flushNanos;
        }
    }

    /** The topic frame: most events in a row belong to one session, so its bytes are reused. */
    private byte[] topic(String sessionId) {
        if (!sessionId.equals(lastSession)) {
            lastSession = sessionId;
            lastTopic = sessionId.getBytes(StandardCharsets.UTF_8);
        }
        return lastTopic;
    }

    /**
     * A subscription (first byte 1) arrived: someone may have missed what was retained, send it
     * again. Returns whether any message came.
     */
    private boolean readSubscriptions() {
        boolean joined = false;
        boolean any = false;
        for (byte[] m; (m = pub.recv(ZMQ.DONTWAIT)) != null; ) {
            any = true;
            boolean subscription = m.length > 0 && m[0] == 1;
            // a subscriber's heartbeat socket wants heartbeats only: no events to send again
            boolean beats = subscription && isHeartbeatSubscription(m);
            if (subscription && !beats) {
                joined = true;
                owner.joins.increment();
            }
            if (beats && keys != null) {
                // a guarded subscriber counts itself connected at its first heartbeat (only an admitted
                // subscriber's subscription gets here): it gets one at once, not an interval later
                nextHeartbeat = System.nanoTime();
            }
        }
        if (joined && !retained.isEmpty()) {
            int n = 0;
            for (List<DropEvent> events : retained.values()) {
                for (DropEvent e : events) {
                    if (sendFrame(topic(e.sessionId()), ZMQ.SNDMORE)) {
                        sendFrame(json.write(e), 0);
                        n++;
                    }
                }
            }
            log.debug("event publisher on {}: a subscriber joined, {} retained events sent again", bound.join(), n);
        }
        return any;
    }

    private static boolean isHeartbeatSubscription(byte[] m) {
        return m.length == EventJson.HEARTBEAT_TOPIC.length + 1
                && Arrays.equals(m, 1, m.length, EventJson.HEARTBEAT_TOPIC, 0, EventJson.HEARTBEAT_TOPIC.length);
    }

    /** Takes what the monitor tells; returns whether it told anything. */
    private boolean readMonitor() {
        boolean any = false;
        for (ZEvent e; (e = ZEvent.recv(monitor, ZMQ.DONTWAIT)) != null; ) {
            any = true;
            switch (e.getEvent()) {
                case ACCEPTED -> subscribers++;
                case DISCONNECTED -> {
                    subscribers = Math.max(0, subscribers - 1);
                    if (waiting) { // most likely the one it waited for, cut off by the heartbeat timeout
                        log.warn("event publisher on {}: a subscriber that was {} events behind went away;"
                                + " it missed those", bound.join(), sendHwm);
                    }
                }
                case HANDSHAKE_FAILED_PROTOCOL, HANDSHAKE_FAILED_AUTH, HANDSHAKE_FAILED_NO_DETAIL -> {
                    Object code = e.getValue();
                    refusedWarning.warn("event publisher on {}: refused a subscriber that does not hold this"
                            + " cluster's secret (or holds another one): its handshake failed ({}, code {})",
                            bound.join(), e.getEvent(), code);
                    continue;
                }
                default -> {
                    continue;
                }
            }
            owner.subscribers = subscribers;
            if (keys == null) {
                log.info("event publisher on {}: {} subscriber(s) connected", bound.join(), subscribers);
            } else { // a refused subscriber connects again every 0.1 s: counted (for a moment), not logged
                log.debug("event publisher on {}: {} subscriber(s) connected", bound.join(), subscribers);
            }
        }
        return any;
    }

    private void closeSockets() {
        if (zap != null) {
            zap.close(zapDomain);
        }
        long lingerMillis = flushing ? Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())) : 0;
        try {
            if (pub != null) {
                pub.monitor(null, 0); // no event may go to a monitor that is gone (ZeroMQ's advice)
                pub.setLinger((int) lingerMillis); // what ZeroMQ still holds goes out within the flush timeout
                pub.close();
            }
            if (monitor != null) {
                monitor.close();
            }
        } catch (RuntimeException e) { // the context is already closed: so are the sockets
            log.debug("closing event sockets: {}", e.toString());
        }
    }
}
