package dlg.manager.events;

import static dlg.manager.events.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dlg.core.runtime.DropEvent;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

class EventSubscriberTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final ZContext context = new ZContext();
    private final List<AutoCloseable> toClose = new ArrayList<>();
    /** What the subscriber received, probes left out. */
    private final List<DropEvent> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger probes = new AtomicInteger();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose.reversed()) {
            c.close();
        }
        context.close();
    }

    @Test
    void subscribe_publisherRunning_receivesEveryEventInOrder() {
        EventPublisher publisher = publisher();
        EventSubscriber subscriber = subscriber(this::record);
        join(subscriber.subscribe("127.0.0.1", publisher.port()));
        awaitFlowing(publisher);

        for (int i = 0; i < 1000; i++) {
            publisher.publish(event("s1", i));
        }

        await().atMost(WAIT).until(() -> received.size() == 1000);
        for (int i = 0; i < 1000; i++) {
            assertThat(received.get(i)).isEqualTo(event("s1", i));
        }
    }

    @Test
    void subscribe_publisherStartsLater_connectsWhenItIsUp() throws IOException {
        int port = freePort();
        EventSubscriber subscriber = subscriber(this::record);

        CompletableFuture<Void> connected = subscriber.subscribe("localhost", port);
        assertThat(connected).isNotDone(); // nothing listens there yet: ZeroMQ keeps trying
        EventPublisher publisher = track(new EventPublisher(context, "127.0.0.1", port, 16));

        join(connected);
        awaitFlowing(publisher);
        publisher.publish(event("s1", 7));
        await().atMost(WAIT).until(() -> received.contains(event("s1", 7)));
    }

    @Test
    void subscribe_samePublisherTwice_connectsOnce() {
        EventPublisher publisher = publisher();
        EventSubscriber subscriber = subscriber(this::record);

        join(subscriber.subscribe("127.0.0.1", publisher.port()));
        join(subscriber.subscribe("localhost", publisher.port()));

        await().atMost(WAIT).until(() -> publisher.subscribers() == 2); // its events socket and its heartbeat socket
        awaitFlowing(publisher);
        publisher.publish(event("s1", 1));
        publisher.publish(event("s1", 2));
        await().atMost(WAIT).until(() -> received.size() == 2);
        assertThat(received).containsExactly(event("s1", 1), event("s1", 2));
    }

    /** Its heartbeat socket subscribes too, to heartbeats only: one join, for its events socket. */
    @Test
    void subscribe_publisherCountsOneJoin() {
        EventPublisher publisher = publisher();
        EventSubscriber subscriber = subscriber(this::record);

        join(subscriber.subscribe("127.0.0.1", publisher.port()));

        await().atMost(WAIT).until(() -> subscriber.heartbeats() > 0); // the heartbeat socket's subscription was taken in
        await().atMost(WAIT).until(() -> publisher.subscribers() == 2 && publisher.joins() >= 1);
        assertThat(publisher.joins()).isEqualTo(1);
    }

    @Test
    void receive_malformedMessages_areSkippedAndTheNextEventArrives() {
        ZMQ.Socket pub = context.createSocket(SocketType.PUB);
        int port = pub.bindToRandomPort("tcp://127.0.0.1");
        EventSubscriber subscriber = subscriber(this::record);
        join(subscriber.subscribe("127.0.0.1", port));
        EventJson.Writer writer = new EventJson.Writer();
        byte[] probe = writer.write(event("s1", 2));
        byte[] valid = writer.write(event("s1", 3));

        // Resent until it gets through: the publisher drops what it sends before the subscription reaches it.
        await().atMost(WAIT).pollInterval(Duration.ofMillis(5)).pollInSameThread().until(() -> {
            pub.sendMore("s1");
            pub.send(probe);
            return !received.isEmpty();
        });

        pub.send("only one frame");
        pub.sendMore("s1");
        pub.send("{not json");
        pub.sendMore("s1");
        pub.sendMore("s1");
        pub.send("three frames");
        pub.sendMore("other-session");
        pub.send(valid);
        pub.sendMore("s1");
        pub.send(valid);

        await().atMost(WAIT).until(() -> received.contains(event("s1", 3)));
        assertThat(received).filteredOn(e -> !e.equals(event("s1", 2))).containsExactly(event("s1", 3));
        assertThat(subscriber.malformed()).isEqualTo(4);
        pub.close();
    }

    @Test
    void receive_callbackThrows_isLoggedAndTheNextEventArrives() {
        EventPublisher publisher = publisher();
        EventSubscriber subscriber = subscriber(e -> {
            record(e);
            if (e.oid().equals("a1")) {
                throw new IllegalStateException("callback bug");
            }
        });
        join(subscriber.subscribe("127.0.0.1", publisher.port()));
        awaitFlowing(publisher);

        publisher.publish(event("s1", 1));
        publisher.publish(event("s1", 2));

        await().atMost(WAIT).until(() -> received.size() == 2);
        assertThat(subscriber.received()).isEqualTo(received.size() + probes.get());
    }

    @Test
    void unsubscribe_connected_stopsTheConnection() {
        EventPublisher publisher = publisher();
        EventSubscriber subscriber = subscriber(this::record);
        join(subscriber.subscribe("127.0.0.1", publisher.port()));
        await().atMost(WAIT).until(() -> publisher.subscribers() == 2); // events and heartbeats

        join(subscriber.unsubscribe("127.0.0.1", publisher.port()));

        await().atMost(WAIT).until(() -> publisher.subscribers() == 0);
    }

    @Test
    void unsubscribe_stillConnecting_cancelsTheSubscription() throws IOException {
        EventSubscriber subscriber = subscriber(this::record);
        int port = freePort();
        CompletableFuture<Void> connected = subscriber.subscribe("127.0.0.1", port);

        join(subscriber.unsubscribe("127.0.0.1", port));

        await().atMost(WAIT).until(connected::isDone);
        assertThat(connected).isCompletedExceptionally();
        assertThatThrownBy(connected::join).hasCauseInstanceOf(CancellationException.class);
    }

    @Test
    void unsubscribe_notSubscribed_doesNothing() {
        EventSubscriber subscriber = subscriber(this::record);

        assertThat(subscriber.unsubscribe("127.0.0.1", 5555)).isCompleted();
    }

    @Test
    void subscribe_unknownHost_failsTheFuture() {
        EventSubscriber subscriber = subscriber(this::record);

        assertThatThrownBy(() -> join(subscriber.subscribe("no-such-host.invalid", 5555)))
                .hasCauseInstanceOf(UnknownHostException.class);
    }

    @Test
    void close_whileConnecting_failsTheSubscription() throws IOException {
        EventSubscriber subscriber = subscriber(this::record);
        CompletableFuture<Void> connected = subscriber.subscribe("127.0.0.1", freePort());

        subscriber.close();

        assertThat(connected).isCompletedExceptionally();
        assertThatThrownBy(() -> subscriber.subscribe("127.0.0.1", 5555)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void close_afterTheContext_returns() {
        EventSubscriber subscriber = new EventSubscriber(context, this::record);

        context.close();

        assertThatCode(subscriber::close).doesNotThrowAnyException();
    }

    // ---- Watching peers ----

    /** What a {@link PeerListener} was told, as {@code host:port} (and the reason). */
    private static final class TestingPeers implements PeerListener {
        final List<String> lost = new CopyOnWriteArrayList<>();
        final List<String> back = new CopyOnWriteArrayList<>();

        @Override
        public void peerLost(String host, int eventPort, String reason) {
            lost.add(host + ":" + eventPort + ": " + reason);
        }

        @Override
        public void peerBack(String host, int eventPort) {
            back.add(host + ":" + eventPort);
        }
    }

    @Test
    void peer_heartbeatsStopForThePeerTimeout_isLost_andBackOnceAnotherPublisherTakesItsPort() throws IOException {
        int port = freePort();
        EventPublisher first = new EventPublisher(context, "127.0.0.1", port, 16, Duration.ofMillis(50));
        TestingPeers peers = new TestingPeers();
        EventSubscriber subscriber = track(new EventSubscriber(context, this::record, Duration.ofMillis(500), peers));
        join(subscriber.subscribe("localhost", port));
        await().atMost(WAIT).until(() -> subscriber.heartbeats() > 0);

        first.close(); // as a killed process: its connections close, nothing more comes

        await().atMost(Duration.ofSeconds(2)).until(() -> !peers.lost.isEmpty());
        assertThat(peers.lost).containsExactly("localhost:" + port
                + ": no heartbeat on its drop events connection tcp://127.0.0.1:" + port + " for 0.5 s");
        CompletableFuture<Void> again = subscriber.subscribe("localhost", port);
        assertThat(again).isNotDone(); // a lost node is waited for, as one never seen

        EventPublisher second = track(new EventPublisher(context, "127.0.0.1", port, 16, Duration.ofMillis(50)));

        join(again);
        await().atMost(WAIT).until(() -> peers.back.contains("localhost:" + port));
        awaitFlowing(second);
        assertThat(peers.lost).hasSize(1);
    }

    @Test
    void peer_neverHeardFrom_isNotDeclaredLost() throws IOException {
        TestingPeers peers = new TestingPeers();
        EventSubscriber subscriber = track(new EventSubscriber(context, this::record, Duration.ofMillis(200), peers));

        CompletableFuture<Void> connecting = subscriber.subscribe("127.0.0.1", freePort());

        await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(2)).until(() -> peers.lost.isEmpty());
        assertThat(connecting).isNotDone();
    }

    @Test
    void receive_heartbeatsOnTheEventsSocket_areNeitherEventsNorMalformed() {
        EventPublisher publisher = track(new EventPublisher(context, "127.0.0.1", 0, 16, Duration.ofMillis(20)));
        EventSubscriber subscriber = subscriber(this::record);
        join(subscriber.subscribe("127.0.0.1", publisher.port()));

        await().atMost(WAIT).until(() -> publisher.heartbeats() > 5 && subscriber.heartbeats() > 1);

        assertThat(subscriber.malformed()).isZero();
        assertThat(subscriber.received()).isZero();
    }

    // ---- Helpers ----

    private void record(DropEvent e) {
        if (e.sessionId().equals(TestEvents.PROBE)) {
            probes.incrementAndGet();
        } else {
            received.add(e);
        }
    }

    /**
     * Once idle, the thread waits long for events (each wake costs CPU the node's other processes
     * want), yet a subscription is made at once, an event comes at once, and closing stops it.
     */
    @Test
    void idle_waitsLong_yetSubscribesReceivesAndClosesAtOnce() {
        EventPublisher publisher = publisher();
        EventSubscriber subscriber = track(new EventSubscriber(context, this::record, Duration.ofHours(1),
                PeerListener.NONE));
        subscriber.drowsyWait(Duration.ofMinutes(10)); // a twentieth of the peer timeout: 3 minutes
        await().atMost(WAIT).until(() -> subscriber.waitMillis() == 180_000);

        join(subscriber.subscribe("127.0.0.1", publisher.port()));
        awaitFlowing(publisher);
        await().atMost(WAIT).until(() -> subscriber.waitMillis() == 180_000);
        publisher.publish(event("s1", 7));
        await().atMost(WAIT).until(() -> received.contains(event("s1", 7)));

        subscriber.close();
        await().atMost(WAIT).until(() -> publisher.subscribers() == 0); // its sockets closed
    }

    @Test
    void idle_waitIsATwentiethOfThePeerTimeoutAtMost() {
        EventSubscriber subscriber = track(new EventSubscriber(context, this::record, Duration.ofSeconds(2),
                PeerListener.NONE));
        subscriber.drowsyWait(Duration.ofMinutes(10));

        await().atMost(WAIT).until(() -> subscriber.waitMillis() == 100);
    }

    /** Publishes probes until one arrives: events sent before the subscription reached the publisher are lost. */
    private void awaitFlowing(EventPublisher publisher) {
        await().atMost(WAIT).until(() -> publisher.subscribers() > 0);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(5)).until(() -> {
            publisher.publish(TestEvents.probe());
            return probes.get() > 0;
        });
    }

    private static void join(CompletableFuture<Void> f) {
        f.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private EventPublisher publisher() {
        return track(new EventPublisher(context, "127.0.0.1", 0, 1024));
    }

    private EventSubscriber subscriber(Consumer<DropEvent> onEvent) {
        return track(new EventSubscriber(context, onEvent));
    }

    private <T extends AutoCloseable> T track(T c) {
        toClose.add(c);
        return c;
    }
}
