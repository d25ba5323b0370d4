package dlg.manager.events;

import dlg.manager.logs.WarnLimiter;
import dlg.core.runtime.DropEvent;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZEvent;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;
import zmq.ZError;

/**
 * The body of {@link EventSubscriber}'s thread, the only code that touches its sockets: they are
 * created, used and closed in {@link #run()}. Commands from other threads arrive through
 * {@link EventSubscriber#commands}, looked at between polls.
 */
final class SubscriberLoop implements Runnable {

    /** What other threads ask of the subscriber thread. */
    sealed interface Command {

        CompletableFuture<Void> done();

        record Connect(String endpoint, CompletableFuture<Void> done) implements Command { }

        record Disconnect(String endpoint, CompletableFuture<Void> done) implements Command { }
    }

    private static final Logger log = LoggerFactory.getLogger(EventSubscriber.class);
    private static final AtomicInteger MONITORS = new AtomicInteger();
    /**
     * How long the thread waits for a message before it looks at its commands and monitor again. A
     * blocking receive with a timeout, not a poller over both sockets: JeroMQ's poller registers
     * its channels and allocates on every call, and this thread used four times the CPU with it.
     */
    private static final int WAIT_MILLIS = 20;
    /**
     * How long it waits once idle: every link settled, nothing asked and nothing received for
     * {@link #DROWSY_AFTER_NANOS}. An idle manager's thread then wakes 5 times a second, not 50
     * (each wake was counted half a millisecond of CPU on our VMs); an event still comes at once,
     * and a command wakes it ({@link #wake}).
     */
    static final int DROWSY_MILLIS = 200;
    static final long DROWSY_AFTER_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** The one-frame message that wakes this thread (events have two frames, a non-empty topic first). */
    private static final byte[] WAKE = new byte[0];
    private static final int BATCH = 1024;
    private static final int RECEIVE_HWM = 100_000;
    private static final int HEARTBEAT_MILLIS = 10_000;
    /**
     * A ZMTP handshake not done within this time is dropped and ZeroMQ connects again. On loopback a
     * handshake takes milliseconds, yet about one in a hundred JeroMQ handshakes stalled for ten
     * seconds (both ends connected, no greeting processed): a fresh connection cures that. Long
     * enough for a handshake on a machine busy with other work to finish on its first try.
     */
    static final int HANDSHAKE_MILLIS = 2_000;
    private static final int SHOWN_BYTES = 120;
    private final EventSubscriber owner;
    private final ZContext context;
    private final Consumer<DropEvent> onEvent;
    private final PeerWatchdog watchdog;
    private final PeerListener peers;
    private final LongSupplier nanoTime;
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private final WarnLimiter malformedWarning = new WarnLimiter(log, Duration.ofMinutes(1), System::nanoTime);
    private final WarnLimiter callbackWarning = new WarnLimiter(log, Duration.ofMinutes(1), System::nanoTime);
    /** Connections asked for and not made yet (or lost and not back yet). */
    private final Map<String, CompletableFuture<Void>> connecting = new HashMap<>();
    /**
     * Per publisher, a socket that takes its heartbeats only: the one socket that takes every
     * publisher's events cannot tell who sent a message. Created, read and closed on this thread.
     */
    private final Map<String, ZMQ.Socket> beats = new HashMap<>();
    /** Publishers whose event connection is down (ZeroMQ connects again by itself). */
    private final Set<String> down = new HashSet<>();
    private long nextCheck;
    /** Whether each publisher accepts this node's handshake. */
    private final Handshakes handshakes;
    /** Per publisher: each one that refuses is named at least once a minute. */
    private final Map<String, WarnLimiter> refusedWarnings = new HashMap<>();
    /** Null: the NULL mechanism (DALiuGE's way); else this node is a CURVE client with the cluster's keys. */
    private final CurveKeys keys;
    private ZMQ.Socket sub;
    private ZMQ.Socket monitor;
    /** Sends {@link #WAKE} to {@link #sub} over inproc, from whichever thread queued a command. */
    private ZMQ.Socket waker; // guarded by wakeLock
    private final Object wakeLock = new Object();
    /** When this thread last had something to do (its clock), and the receive timeout it set. */
    private long lastBusy;
    private int waitMillis = WAIT_MILLIS;
    /** {@link #DROWSY_MILLIS} unless a test says otherwise; the receive timeout set, for tests. */
    volatile int drowsyMillis = DROWSY_MILLIS;
    volatile int lastWaitMillis = WAIT_MILLIS;

    SubscriberLoop(EventSubscriber owner, ZContext context, Consumer<DropEvent> onEvent, PeerWatchdog watchdog,
                   PeerListener peers, LongSupplier nanoTime, CurveKeys keys) {
        this.keys = keys;
        this.handshakes = new Handshakes(keys != null);
        this.owner = owner;
        this.context = context;
        this.onEvent = onEvent;
        this.watchdog = watchdog;
        this.peers = peers;
        this.nanoTime = nanoTime;
    }

    CompletableFuture<Void> started() {
        return started;
    }

    @Override
    public void run() {
        try {
            open();
        } catch (RuntimeException | Error e) { // handed to the constructor, which is waiting for it
            started.completeExceptionally(e);
            close();
            return;
        }
        started.complete(null);
        lastBusy = nanoTime.getAsLong();
        try {
            while (!owner.isClosed() && !context.isClosed()) {
                boolean busy = runCommands() | readMonitor();
                watch();
                busy |= receive();
                long now = nanoTime.getAsLong();
                if (busy) {
                    lastBusy = now;
                }
                setWait(now);
            }
        } catch (ZMQException e) { // ETERM: the context was closed under a running subscriber
            if (e.getErrorCode() == ZError.ETERM) {
                log.debug("event subscriber stopped: the process's ZeroMQ context closed (exit)");
            } else {
                log.warn("event subscriber failed: {}", e.getMessage());
            }
        } catch (RuntimeException e) {
            // JeroMQ ending its context (at exit) under a blocked receive fails in its own code (an NPE)
            if (context.isClosed() || JvmExit.inProgress()) {
                log.debug("event subscriber stopped: the process's ZeroMQ context closed (exit): {}", e.toString());
            } else {
                log.warn("event subscriber failed", e);
            }
        } finally {
            close();
        }
    }

    private void open() {
        sub = context.createSocket(SocketType.SUB);
        sub.setRcvHWM(RECEIVE_HWM);
        sub.setHeartbeatIvl(HEARTBEAT_MILLIS);
        sub.setHeartbeatTimeout(3 * HEARTBEAT_MILLIS);
        sub.setHandshakeIvl(HANDSHAKE_MILLIS);
        sub.setReceiveTimeOut(WAIT_MILLIS);
        secure(sub);
        sub.subscribe(new byte[0]);
        int id = MONITORS.incrementAndGet();
        String monitorAddress = "inproc://dlg-events-sub-monitor-" + id;
        sub.monitor(monitorAddress, ZMQ.EVENT_CONNECTED | ZMQ.EVENT_CONNECT_RETRIED | ZMQ.EVENT_HANDSHAKE_PROTOCOL
                | ZMQ.EVENT_DISCONNECTED
                | ZMQ.HANDSHAKE_FAILED_PROTOCOL | ZMQ.HANDSHAKE_FAILED_AUTH | ZMQ.HANDSHAKE_FAILED_NO_DETAIL);
        monitor = context.createSocket(SocketType.PAIR);
        monitor.connect(monitorAddress);
        String wakeAddress = "inproc://dlg-events-sub-wake-" + id;
        ZMQ.Socket w = context.createSocket(SocketType.PUB);
        w.bind(wakeAddress);
        synchronized (wakeLock) {
            waker = w;
        }
        sub.connect(wakeAddress);
    }

    /** Wakes this thread from its wait for events, to run a command or to close; from any thread. */
    void wake() {
        synchronized (wakeLock) {
            if (waker != null) {
                try {
                    waker.send(WAKE, ZMQ.DONTWAIT);
                } catch (ZMQException e) { // the context is closed (exit): so is the thread's socket
                    log.debug("event subscriber: no wake-up: {}", e.toString());
                }
            }
        }
    }

    /** Waits longer for events once idle (see {@link #DROWSY_MILLIS}), at most a twentieth of the peer timeout. */
    private void setWait(long now) {
        // cheapest test first: this runs after every batch of events
        boolean idle = now - lastBusy > DROWSY_AFTER_NANOS && connecting.isEmpty() && handshakes.settled();
        int millis = idle ? (int) Math.max(WAIT_MILLIS, Math.min(drowsyMillis, watchdog.peerTimeout().toMillis() / 20))
                : WAIT_MILLIS;
        if (millis != waitMillis) {
            sub.setReceiveTimeOut(millis);
            waitMillis = millis;
            lastWaitMillis = millis;
        }
    }

    /** Runs the commands queued; returns whether there were any. */
    private boolean runCommands() {
        boolean any = false;
        for (Command c = owner.commands.poll(); c != null; c = owner.commands.poll()) {
            any = true;
            try {
                switch (c) {
                    case Command.Connect(String endpoint, CompletableFuture<Void> done) -> {
                        sub.connect(endpoint);
                        handshakes.watch(endpoint);
                        connecting.put(endpoint, done);
                        beats.computeIfAbsent(endpoint, this::heartbeatSocket);
                        log.info("subscribing to drop events of {}", endpoint);
                    }
                    case Command.Disconnect(String endpoint, CompletableFuture<Void> done) -> {
                        CompletableFuture<Void> pending = connecting.remove(endpoint);
                        if (pending != null) {
                            pending.completeExceptionally(new CancellationException("unsubscribed from " + endpoint));
                        }
                        sub.disconnect(endpoint);
                        ZMQ.Socket beat = beats.remove(endpoint);
                        if (beat != null) {
                            beat.setLinger(0);
                            beat.close();
                        }
                        watchdog.forget(endpoint);
                        down.remove(endpoint);
                        handshakes.forget(endpoint);
                        refusedWarnings.remove(endpoint);
                        owner.refusals.remove(endpoint);
                        done.complete(null);
                        log.info("unsubscribed from drop events of {}", endpoint);
                    }
                }
            } catch (ZMQException e) {
                if (e.getErrorCode() == ZMQ.Error.ETERM.getCode()) {
                    throw e;
                }
                c.done().completeExceptionally(e);
            }
        }
        return any;
    }

    /** Takes what the monitor tells; returns whether it told anything. */
    private boolean readMonitor() {
        boolean any = false;
        for (ZEvent e; (e = ZEvent.recv(monitor, ZMQ.DONTWAIT)) != null; ) {
            any = true;
            String endpoint = e.getAddress();
            long now = nanoTime.getAsLong();
            switch (e.getEvent()) {
                case CONNECTED -> handshakes.connected(endpoint, now);
                case CONNECT_RETRIED -> {
                    if (handshakes.retried(endpoint, now)) { // lost, not refused
                        log.info("disconnected from drop events of {} (ZeroMQ reconnects until unsubscribed)",
                                endpoint);
                    }
                }
                case HANDSHAKE_PROTOCOL -> {
                    down.remove(endpoint);
                    if (handshakes.greeted(endpoint, now)) { // the NULL mechanism: connected
                        proven(endpoint);
                        // a handshake is an answer too: watched from now, even if it dies before its first heartbeat
                        if (watchdog.heard(endpoint, now)) {
                            back(endpoint);
                        }
                    } // else the CURVE handshake follows: it worked once a heartbeat comes through
                }
                case HANDSHAKE_FAILED_AUTH -> failed(endpoint, now,
                        "it does not admit this node's key (ZAP status " + e.getValue() + ")");
                case HANDSHAKE_FAILED_PROTOCOL, HANDSHAKE_FAILED_NO_DETAIL -> failed(endpoint, now,
                        "the handshake failed (" + e.getEvent() + ", code " + e.getValue() + ")");
                case DISCONNECTED -> { // lost if ZeroMQ connects again, else refused (Handshakes.settle)
                    down.add(endpoint);
                    handshakes.closed(endpoint, now);
                }
                default -> { }
            }
        }
        return any;
    }

    private void failed(String endpoint, long now, String detail) {
        String why = handshakes.failed(endpoint, now, detail);
        if (why != null) {
            refused(endpoint, why);
        }
    }

    /**
     * {@code endpoint} refused this node's handshake: that is told (at most once a minute per
     * publisher), kept as the reason if the publisher is then lost, and what waits for the
     * connection fails naming it. ZeroMQ does not connect again after a failed handshake: this
     * thread will, later ({@link #retryRefused}).
     */
    private void refused(String endpoint, String why) {
        String message = "the node publishing drop events on " + endpoint + " refused the handshake: " + why;
        refusedWarnings.computeIfAbsent(endpoint, ep -> new WarnLimiter(log, Duration.ofMinutes(1), nanoTime))
                .warn("{}", message);
        watchdog.refused(endpoint, why);
        owner.refusals.put(endpoint, message);
        CompletableFuture<Void> pending = connecting.remove(endpoint);
        if (pending != null) { // fails now; a later subscription waits for the publisher to accept this node
            CompletableFuture<Void> again = owner.awaitAgain(endpoint);
            if (again != null) {
                connecting.put(endpoint, again);
            }
            pending.completeExceptionally(new ConnectException(message));
        }
    }

    /** The connection to {@code endpoint} works: what waits for it goes on. */
    private void proven(String endpoint) {
        owner.refusals.remove(endpoint);
        log.info("connected to drop events of {}{}", endpoint, keys == null ? "" : " (CURVE)");
        CompletableFuture<Void> done = connecting.remove(endpoint);
        if (done != null) {
            done.complete(null);
        }
    }

    /**
     * Takes the heartbeats that came (every check interval, not every pass) and declares lost the
     * publishers silent for the peer timeout. Until one is back, a new subscription to it waits for
     * it, as for a node never seen.
     */
    private void watch() {
        long now = nanoTime.getAsLong();
        if (now - nextCheck < 0) {
            return;
        }
        nextCheck = now + watchdog.checkIntervalNanos();
        handshakes.settle(now).forEach(this::refused);
        retryRefused(now);
        for (var e : beats.entrySet()) {
            boolean heard = false;
            while (e.getValue().recv(ZMQ.DONTWAIT) != null) {
                heard = true;
            }
            if (heard) {
                owner.heartbeats.increment();
                // with CURVE, only a publisher that admitted this node's key sends it anything
                if (keys != null && handshakes.proven(e.getKey(), now)) {
                    proven(e.getKey());
                }
                if (watchdog.heard(e.getKey(), now)) {
                    back(e.getKey());
                }
            }
        }
        for (String endpoint : watchdog.newlyLost(now)) {
            String reason = watchdog.reason(endpoint);
            log.warn("drop events of {} lost: {}", endpoint, reason);
            CompletableFuture<Void> again = owner.awaitAgain(endpoint);
            if (again != null) {
                connecting.put(endpoint, again);
            }
            for (EventSubscriber.Name n : owner.names(endpoint)) {
                tell(() -> peers.peerLost(n.host(), n.port(), reason));
            }
        }
    }

    /** Connects again to the publishers that refused this node's handshake, once their delay is over. */
    private void retryRefused(long now) {
        for (String endpoint : handshakes.dueRetries(now)) {
            try {
                sub.disconnect(endpoint); // what is left of the session ZeroMQ gave up on
            } catch (ZMQException ex) {
                if (ex.getErrorCode() == ZError.ETERM) {
                    throw ex;
                }
            }
            sub.connect(endpoint);
            ZMQ.Socket old = beats.put(endpoint, heartbeatSocket(endpoint));
            if (old != null) {
                old.setLinger(0);
                old.close();
            }
            log.debug("drop events of {}: connecting again after a refused handshake", endpoint);
        }
    }

    /** A lost publisher's heartbeats come again: new subscriptions to it go on at once. */
    private void back(String endpoint) {
        log.info("drop events of {}: heartbeats again, the node is back", endpoint);
        if (!down.contains(endpoint)) { // else at the handshake of its event connection
            CompletableFuture<Void> done = connecting.remove(endpoint);
            if (done != null) {
                done.complete(null);
            }
        }
        for (EventSubscriber.Name n : owner.names(endpoint)) {
            tell(() -> peers.peerBack(n.host(), n.port()));
        }
    }

    private ZMQ.Socket heartbeatSocket(String endpoint) {
        ZMQ.Socket s = context.createSocket(SocketType.SUB);
        s.setRcvHWM(64);
        s.setHandshakeIvl(HANDSHAKE_MILLIS);
        secure(s);
        s.subscribe(EventJson.HEARTBEAT_TOPIC);
        s.connect(endpoint);
        return s;
    }

    /** With the cluster's keys, a CURVE client that only talks to publishers holding the server's secret key. */
    private void secure(ZMQ.Socket s) {
        if (keys != null) {
            s.setCurveServerKey(keys.serverPublic());
            s.setCurvePublicKey(keys.clientPublic());
            s.setCurveSecretKey(keys.clientSecret());
        }
    }

    private void tell(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            log.warn("the peer listener failed", e);
        }
    }

    /**
     * Waits up to the receive timeout for a message, then takes what else has come, up to a batch;
     * returns whether anything but heartbeats came (a publisher beats every second, idle or not).
     * A wake-up ends it, so that the commands run.
     */
    private boolean receive() {
        boolean any = false;
        for (int i = 0; i < BATCH; i++) {
            byte[] topic = sub.recv(i == 0 ? 0 : ZMQ.DONTWAIT);
            if (topic == null) {
                return any;
            }
            if (topic.length == 0 && !sub.hasReceiveMore()) {
                return true;
            }
            if (!sub.hasReceiveMore()) {
                skip("one frame instead of two", topic);
                continue;
            }
            if (EventJson.isHeartbeat(topic)) { // watched on the publisher's own heartbeat socket
                while (sub.hasReceiveMore()) {
                    sub.recv(0);
                }
                continue;
            }
            any = true;
            byte[] body = sub.recv(0); // the frames of a message arrive together
            if (sub.hasReceiveMore()) {
                while (sub.hasReceiveMore()) {
                    sub.recv(0);
                }
                skip("more than two frames", body);
                continue;
            }
            DropEvent event;
            try {
                event = EventJson.read(new String(topic, StandardCharsets.UTF_8), body);
            } catch (IllegalArgumentException e) {
                skip(e.getMessage(), body);
                continue;
            }
            owner.received.increment();
            try {
                onEvent.accept(event);
            } catch (RuntimeException e) {
                callbackWarning.warn("the drop event callback failed on {}", event, e);
            }
        }
        return any;
    }

    private void skip(String reason, byte[] frame) {
        owner.malformed.increment();
        String shown = new String(frame, 0, Math.min(frame.length, SHOWN_BYTES), StandardCharsets.UTF_8);
        malformedWarning.warn("skipped a message that is not a drop event ({}): {}", reason, shown);
    }

    private void close() {
        IllegalStateException closed = new IllegalStateException("the event subscriber is closed");
        connecting.values().forEach(f -> f.completeExceptionally(closed));
        connecting.clear();
        try {
            for (ZMQ.Socket beat : beats.values()) {
                beat.setLinger(0);
                beat.close();
            }
            beats.clear();
            if (sub != null) {
                sub.monitor(null, 0); // no event may go to a monitor that is gone (ZeroMQ's advice)
                sub.setLinger(0);
                sub.close();
            }
            if (monitor != null) {
                monitor.close();
            }
            synchronized (wakeLock) {
                if (waker != null) {
                    waker.setLinger(0);
                    waker.close();
                    waker = null;
                }
            }
        } catch (RuntimeException e) { // the context is already closed: so are the sockets
            log.debug("closing event sockets: {}", e.toString());
        }
    }
}
