package dlg.manager.events;

import static dlg.manager.events.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dlg.core.runtime.DropEvent;
import dlg.core.state.DropState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.zeromq.ZContext;

class EventPublisherTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final ZContext context = new ZContext();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose.reversed()) {
            c.close();
        }
        context.close();
    }

    @Test
    void publish_subscribedRawClient_seesEveryEventInOrderWithExactFrames() {
        EventPublisher publisher = publisher(1024);
        RawSubscriber client = client(publisher);
        client.awaitFlowing(publisher);

        for (int i = 0; i < 1000; i++) {
            publisher.publish(event("s1", i));
        }

        for (int i = 0; i < 1000; i++) {
            assertThat(client.next()).containsExactly("s1", TestEvents.json("s1", i));
        }
        assertThat(publisher.dropped()).isZero();
    }

    @Test
    void publish_noSubscriber_queuesNothingAndCountsSkipped() {
        EventPublisher publisher = publisher(16);

        for (int i = 0; i < 1000; i++) {
            publisher.publish(event("s1", i));
        }

        assertThat(publisher.skipped()).isEqualTo(1000);
        assertThat(publisher.queue).isEmpty();
        assertThat(publisher.published()).isZero();
    }

    @Test
    void subscribers_clientConnectsThenLeaves_countsIt() {
        EventPublisher publisher = publisher(16);
        RawSubscriber client = new RawSubscriber(context, publisher.endpoint());

        await().atMost(WAIT).until(() -> publisher.subscribers() == 1);
        client.close();

        await().atMost(WAIT).until(() -> publisher.subscribers() == 0);
    }

    @Test
    void publish_tinyQueueAndClientNotReading_blocksThenLosesNothing() {
        EventPublisher publisher = track(new EventPublisher(context, "127.0.0.1", 0, 2, 1000, Duration.ofSeconds(30)));
        RawSubscriber client = client(publisher);
        client.awaitFlowing(publisher);
        int n = 100_000; // more than the TCP buffers between the two sockets hold
        Thread producer = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < n; i++) {
                publisher.publish(event("s1", i));
            }
        });

        await().atMost(WAIT)
                .until(() -> producer.getState() == Thread.State.TIMED_WAITING && publisher.queue.size() == 2);

        for (int i = 0; i < n; i++) {
            assertThat(client.next()).containsExactly("s1", TestEvents.json("s1", i));
        }
        await().atMost(WAIT).until(() -> !producer.isAlive());
        assertThat(publisher.dropped()).isZero();
    }

    @Test
    void close_withQueuedEvents_sendsThemBeforeClosing() {
        int n = 50_000;
        EventPublisher publisher = track(new EventPublisher(context, "127.0.0.1", 0, 2 * n, 1000, Duration.ofSeconds(30)));
        RawSubscriber client = client(publisher);
        client.awaitFlowing(publisher);
        for (int i = 0; i < n; i++) {
            publisher.publish(event("s1", i));
        }
        assertThat(publisher.queue).isNotEmpty(); // the client reads nothing yet: the publisher waits

        CompletableFuture<Void> closed = CompletableFuture.runAsync(publisher::close);
        for (int i = 0; i < n; i++) {
            assertThat(client.next()).containsExactly("s1", TestEvents.json("s1", i));
        }

        closed.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
        assertThat(publisher.dropped()).isZero();
    }

    @Test
    void close_clientNeverReads_dropsWhatIsLeftAfterFlushTimeout() {
        int n = 50_000;
        EventPublisher publisher = track(new EventPublisher(context, "127.0.0.1", 0, 2 * n, 10, Duration.ofMillis(200)));
        RawSubscriber client = client(publisher);
        int probes = client.awaitFlowing(publisher);
        for (int i = 0; i < n; i++) {
            publisher.publish(event("s1", i));
        }

        publisher.close();

        assertThat(publisher.dropped()).isPositive();
        assertThat(publisher.published() + publisher.dropped()).isEqualTo(probes + n);
    }

    @Test
    void publish_afterClose_isSkipped() {
        EventPublisher publisher = publisher(16);
        publisher.close();

        publisher.publish(event("s1", 1));

        assertThat(publisher.skipped()).isEqualTo(1);
    }

    @Test
    void publish_eventThatCannotBeWritten_isDroppedAndTheNextOnesGoOut() {
        EventPublisher publisher = publisher(16);
        RawSubscriber client = client(publisher);
        client.awaitFlowing(publisher);

        publisher.publish(new DropEvent(DropEvent.Type.STATUS, "s1", "x", "x", null, null, 0));
        publisher.publish(event("s1", 1));

        assertThat(client.next()).containsExactly("s1", TestEvents.json("s1", 1));
        assertThat(publisher.dropped()).isEqualTo(1);
    }

    @Test
    void close_afterTheContext_returns() {
        EventPublisher publisher = new EventPublisher(context, "127.0.0.1", 0, 16);

        context.close();

        assertThatCode(publisher::close).doesNotThrowAnyException();
    }

    @Test
    void constructor_portTaken_throwsIllegalState() {
        EventPublisher first = publisher(16);

        assertThatThrownBy(() -> new EventPublisher(context, "127.0.0.1", first.port(), 16))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("tcp://127.0.0.1:" + first.port());
    }

    @Test
    void constructor_badArguments_throwIllegalArgument() {
        assertThatThrownBy(() -> new EventPublisher(context, "127.0.0.1", 0, 0)).hasMessageContaining("capacity");
        assertThatThrownBy(() -> new EventPublisher(context, "", 0, 16)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void endpoint_localhostEphemeral_isBoundOnLoopback() {
        EventPublisher publisher = track(new EventPublisher(context, "localhost", 0, 16));

        assertThat(publisher.port()).isPositive();
        assertThat(publisher.endpoint()).isEqualTo("tcp://127.0.0.1:" + publisher.port());
    }

    /**
     * Once idle, the thread waits long for events (each wake costs CPU the node's other processes
     * want); an event still goes out at once, and closing does not wait out the wait.
     */
    @Test
    void idle_waitsLong_yetAnEventGoesAtOnce_andCloseStopsAtOnce() {
        Duration drowsy = Duration.ofMinutes(10);
        EventPublisher publisher = track(new EventPublisher(context, "127.0.0.1", 0, 16, Duration.ofHours(1), null));
        publisher.drowsyWait(drowsy);
        RawSubscriber client = client(publisher);
        client.awaitFlowing(publisher);
        await().atMost(WAIT).until(() -> publisher.lastWaitMillis() == drowsy.toMillis());

        publisher.publish(event("s1", 1));
        assertThat(client.next()).containsExactly("s1", TestEvents.json("s1", 1));

        await().atMost(WAIT).until(() -> publisher.lastWaitMillis() == drowsy.toMillis());
        publisher.close();
        assertThat(publisher.stopped()).isTrue();
        assertThat(publisher.dropped()).isZero();
    }

    @Test
    void idle_waitIsAQuarterOfTheHeartbeatIntervalAtMost() {
        EventPublisher publisher = track(new EventPublisher(context, "127.0.0.1", 0, 16, Duration.ofMillis(400), null));
        publisher.drowsyWait(Duration.ofMinutes(10));

        await().atMost(WAIT).until(() -> publisher.lastWaitMillis() == 100);
    }

    private EventPublisher publisher(int capacity) {
        return track(new EventPublisher(context, "127.0.0.1", 0, capacity));
    }

    @Test
    void heartbeat_whileSomeoneSubscribes_goesOutAtItsIntervalEvenWhenIdle() {
        EventPublisher publisher = track(new EventPublisher(context, "127.0.0.1", 0, 16, Duration.ofMillis(20)));
        await().during(Duration.ofMillis(200)).atMost(WAIT).until(() -> publisher.heartbeats() == 0); // nobody listens
        RawSubscriber client = client(publisher);

        assertThat(client.nextHeartbeat()).containsExactly("\u0001dlg-heartbeat", "");
        await().atMost(WAIT).until(() -> publisher.heartbeats() >= 5);
        assertThat(publisher.published()).isZero(); // heartbeats are not events
    }

    /** Small content goes out once; the copy kept for late joiners has none (they fetch the data). */
    @Test
    void publishToPeers_withContent_aLateJoinerGetsTheEventAgainWithoutIt() {
        EventPublisher publisher = track(new EventPublisher(context, "127.0.0.1", 0, 1024));
        RawSubscriber first = client(publisher);
        first.awaitFlowing(publisher);

        publisher.publishToPeers(new DropEvent(DropEvent.Type.DROP_COMPLETED, "s1", "a", "a",
                DropState.COMPLETED, null, 1_000, new byte[] {'h', 'i'}));

        assertThat(first.next()).containsExactly("s1",
                "{\"type\":\"dropCompleted\",\"session_id\":\"s1\",\"oid\":\"a\",\"uid\":\"a\",\"status\":2,"
                        + "\"timestamp\":1.000,\"content\":\"aGk=\"}");
        assertThat(publisher.joins()).isEqualTo(1);
        RawSubscriber late = client(publisher); // its subscription has the retained events sent again
        assertThat(late.next()).containsExactly("s1",
                "{\"type\":\"dropCompleted\",\"session_id\":\"s1\",\"oid\":\"a\",\"uid\":\"a\",\"status\":2,"
                        + "\"timestamp\":1.000}");
        assertThat(publisher.joins()).isEqualTo(2);
    }

    private RawSubscriber client(EventPublisher publisher) {
        return track(new RawSubscriber(context, publisher.endpoint()));
    }

    private <T extends AutoCloseable> T track(T c) {
        toClose.add(c);
        return c;
    }
}
