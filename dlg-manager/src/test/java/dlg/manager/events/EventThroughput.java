package dlg.manager.events;

import dlg.core.runtime.DropEvent;
import dlg.manager.auth.ClusterSecret;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Measures events per second, not a test: run its {@code main} with the test classpath. Figures
 * depend on the machine; nothing asserts them. Arguments: events per run (2,000,000), and
 * {@code curve} to compare the NULL and CURVE mechanisms end to end (three runs each).
 */
final class EventThroughput {

    private EventThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        DropEvent[] events = new DropEvent[1024];
        for (int i = 0; i < events.length; i++) {
            events[i] = TestEvents.event("session-2024-05-01T10-00-00", i);
        }
        if (args.length > 1 && args[1].equals("curve")) { // NULL against CURVE, alternating, three rounds each
            ClusterSecret secret = ClusterSecret.generate();
            try (ZContext context = new ZContext()) {
                eventSubscriber(context, events, n / 2, null, "NULL, warm-up");
                eventSubscriber(context, events, n / 2, secret, "CURVE, warm-up");
                for (int round = 0; round < 3; round++) {
                    eventSubscriber(context, events, n, null, "NULL");
                    eventSubscriber(context, events, n, secret, "CURVE");
                }
            }
            return;
        }
        serialiseOnly(events, n);
        try (ZContext context = new ZContext()) {
            noSubscriber(context, events, 5 * n);
            rawSubscriber(context, events, n);
            eventSubscriber(context, events, n, null, "NULL");
        }
    }

    private static void serialiseOnly(DropEvent[] events, int n) {
        EventJson.Writer writer = new EventJson.Writer();
        long bytes = 0;
        for (int round = 0; round < 3; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                bytes += writer.write(events[i & 1023]).length;
            }
            report("JSON only (EventJson.Writer)", n, System.nanoTime() - t0);
        }
        byte[] body = writer.write(events[1]);
        for (int round = 0; round < 3; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                bytes += EventJson.read(events[1].sessionId(), body).oid().length();
            }
            report("JSON parse only (EventJson.read)", n, System.nanoTime() - t0);
        }
        System.out.println("(" + bytes + " bytes)");
    }

    private static void noSubscriber(ZContext context, DropEvent[] events, int n) {
        try (EventPublisher publisher = new EventPublisher(context, "127.0.0.1", 0, 65_536)) {
            for (int round = 0; round < 3; round++) { // the first rounds warm the JIT up
                long t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    publisher.publish(events[i & 1023]);
                }
                report("no subscriber, publish()", n, System.nanoTime() - t0);
            }
        }
    }

    private static void rawSubscriber(ZContext context, DropEvent[] events, int n) throws InterruptedException {
        try (EventPublisher publisher = new EventPublisher(context, "127.0.0.1", 0, 65_536)) {
            for (int round = 0; round < 2; round++) {
                CountDownLatch ready = new CountDownLatch(1);
                LongAdder got = new LongAdder();
                Thread reader = Thread.ofPlatform().start(() -> {
                    ZMQ.Socket sub = context.createSocket(SocketType.SUB);
                    sub.setRcvHWM(100_000);
                    sub.subscribe(new byte[0]);
                    sub.connect(publisher.endpoint());
                    sub.recv(); // the probe's topic
                    sub.recv();
                    ready.countDown();
                    for (int i = 0; i < n; i++) {
                        sub.recv();
                        sub.recv();
                        got.increment();
                    }
                    sub.close();
                });
                while (ready.getCount() > 0) {
                    publisher.publish(TestEvents.probe());
                    ready.await(5, TimeUnit.MILLISECONDS);
                }
                Thread.sleep(50); // let the probes still in flight drain: this is a measurement, not a test
                long t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    publisher.publish(events[i & 1023]);
                }
                long published = System.nanoTime() - t0;
                reader.join(Duration.ofMinutes(5));
                report("raw SUB reader, publish() calls", n, published);
                report("raw SUB reader, end to end", got.sum(), System.nanoTime() - t0);
            }
        }
    }

    private static void eventSubscriber(ZContext context, DropEvent[] events, int n, ClusterSecret secret,
                                        String mechanism) throws InterruptedException {
        LongAdder got = new LongAdder();
        CountDownLatch done = new CountDownLatch(1);
        try (EventPublisher publisher = new EventPublisher(context, "127.0.0.1", 0, 65_536,
                        EventPublisher.DEFAULT_HEARTBEAT_INTERVAL, secret);
                EventSubscriber subscriber = new EventSubscriber(context, e -> {
                    if (!e.sessionId().equals(TestEvents.PROBE)) {
                        got.increment();
                        if (got.sum() == n) {
                            done.countDown();
                        }
                    }
                }, EventSubscriber.DEFAULT_PEER_TIMEOUT, PeerListener.NONE, secret)) {
            subscriber.subscribe("127.0.0.1", publisher.port()).join();
            while (subscriber.received() == 0) {
                publisher.publishToPeers(TestEvents.probe());
                Thread.sleep(5);
            }
            Thread.sleep(50);
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) { // events for peers: a guarded publisher sends no others
                publisher.publishToPeers(events[i & 1023]);
            }
            done.await(5, TimeUnit.MINUTES);
            publisher.forget(events[0].sessionId());
            report("EventSubscriber (" + mechanism + ", parsed), end to end", got.sum(), System.nanoTime() - t0);
        }
    }

    private static void report(String what, long events, long nanos) {
        System.out.printf("%-52s %,12d events in %,8.1f ms: %,14.0f events/s (%.1f ns/event)%n",
                what, events, nanos / 1e6, events / (nanos / 1e9), (double) nanos / events);
    }
}
