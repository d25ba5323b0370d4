package dlg.manager.events;

import dlg.core.runtime.DropEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZEvent;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

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
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private final WarnLimiter malformedWarning = new WarnLimiter(log, Duration.ofMinutes(1), System::nanoTime);
    private final WarnLimiter callbackWarning = new WarnLimiter(log, Duration.ofMinutes(1), System::nanoTime);
    /** Connections asked for and not made yet. */
    private final Map<String, CompletableFuture<Void>> connecting = new HashMap<>();
    private ZMQ.Socket sub;
    private ZMQ.Socket monitor;

    SubscriberLoop(EventSubscriber owner, ZContext context, Consumer<DropEvent> onEvent) {
        this.owner = owner;
        this.context = context;
        this.onEvent = onEvent;
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
        try {
            while (!owner.isClosed() && !context.isClosed()) {
                runCommands();
                readMonitor();
                receive();
            }
        } catch (ZMQException e) { // ETERM: the context was closed under a running subscriber
            log.warn("event subscriber failed: {}", e.getMessage());
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
        sub.subscribe(new byte[0]);
        String monitorAddress = "inproc://dlg-events-sub-monitor-" + MONITORS.incrementAndGet();
        sub.monitor(monitorAddress, ZMQ.EVENT_HANDSHAKE_PROTOCOL | ZMQ.EVENT_DISCONNECTED);
        monitor = context.createSocket(SocketType.PAIR);
        monitor.connect(monitorAddress);
    }

    private void runCommands() {
        for (Command c = owner.commands.poll(); c != null; c = owner.commands.poll()) {
            try {
                switch (c) {
                    case Command.Connect(String endpoint, CompletableFuture<Void> done) -> {
                        sub.connect(endpoint);
                        connecting.put(endpoint, done);
                        log.info("subscribing to drop events of {}", endpoint);
                    }
                    case Command.Disconnect(String endpoint, CompletableFuture<Void> done) -> {
                        CompletableFuture<Void> pending = connecting.remove(endpoint);
                        if (pending != null) {
                            pending.completeExceptionally(new CancellationException("unsubscribed from " + endpoint));
                        }
                        sub.disconnect(endpoint);
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
    }

    private void readMonitor() {
        for (ZEvent e; (e = ZEvent.recv(monitor, ZMQ.DONTWAIT)) != null; ) {
            String endpoint = e.getAddress();
            switch (e.getEvent()) {
                case HANDSHAKE_PROTOCOL -> {
                    CompletableFuture<Void> done = connecting.remove(endpoint);
                    if (done != null) {
                        done.complete(null);
                    }
                    log.info("connected to drop events of {}", endpoint);
                }
                case DISCONNECTED ->
                    log.info("disconnected from drop events of {} (ZeroMQ reconnects until unsubscribed)", endpoint);
                default -> { }
            }
        }
    }

    /** Waits up to {@link #WAIT_MILLIS} for a message, then takes what else has come, up to a batch. */
    private void receive() {
        for (int i = 0; i < BATCH; i++) {
            byte[] topic = sub.recv(i == 0 ? 0 : ZMQ.DONTWAIT);
            if (topic == null) {
                return;
            }
            if (!sub.hasReceiveMore()) {
                skip("one frame instead of two", topic);
                continue;
            }
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
            if (sub != null) {
                sub.setLinger(0);
                sub.close();
            }
            if (monitor != null) {
                monitor.close();
            }
        } catch (RuntimeException e) { // the context is already closed: so are the sockets
            log.debug("closing event sockets: {}", e.toString());
        }
    }
}
