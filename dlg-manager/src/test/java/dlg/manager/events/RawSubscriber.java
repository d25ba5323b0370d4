package dlg.manager.events;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A plain JeroMQ SUB socket, as any ZeroMQ client would read our events. Owned by the test
 * thread: use it from that thread only (Awaitility's {@code pollInSameThread}).
 */
final class RawSubscriber implements AutoCloseable {

    private final ZMQ.Socket sub;

    RawSubscriber(ZContext context, String endpoint) {
        sub = context.createSocket(SocketType.SUB);
        sub.setRcvHWM(1000);
        sub.setReceiveBufferSize(65_536); // no TCP autotuning: a client that does not read is soon full
        sub.setReceiveTimeOut(10_000);
        sub.subscribe(new byte[0]);
        sub.connect(endpoint);
    }

    /**
     * Returns once events flow: a publisher drops what it sends before it has processed the
     * subscription (ZeroMQ's slow joiner), so send probes until one arrives.
     *
     * @return how many probes it published
     */
    int awaitFlowing(EventPublisher publisher) {
        await().atMost(Duration.ofSeconds(10)).until(() -> publisher.subscribers() > 0);
        int[] probes = {0};
        await().atMost(Duration.ofSeconds(10)).pollInSameThread().pollInterval(Duration.ofMillis(5)).until(() -> {
            publisher.publish(TestEvents.probe());
            probes[0]++;
            for (byte[] first; (first = sub.recv(ZMQ.DONTWAIT)) != null; ) {
                while (sub.hasReceiveMore()) {
                    sub.recv();
                }
                if (!EventJson.isHeartbeat(first)) {
                    return true;
                }
            }
            return false;
        });
        return probes[0];
    }

    /** The frames of the next message that is not a probe or a heartbeat, as UTF-8 strings; fails after 10 s. */
    List<String> next() {
        while (true) {
            byte[] first = sub.recv();
            if (first == null) {
                throw new AssertionError("no event within 10 s");
            }
            if (EventJson.isHeartbeat(first)) {
                while (sub.hasReceiveMore()) {
                    sub.recv();
                }
                continue;
            }
            List<String> frames = new ArrayList<>(List.of(utf8(first)));
            while (sub.hasReceiveMore()) {
                frames.add(utf8(sub.recv()));
            }
            if (!frames.getFirst().equals(TestEvents.PROBE)) {
                return frames;
            }
        }
    }

    /** The frames of the next heartbeat, skipping anything else; fails after 10 s. */
    List<String> nextHeartbeat() {
        while (true) {
            byte[] first = sub.recv();
            if (first == null) {
                throw new AssertionError("no heartbeat within 10 s");
            }
            List<String> frames = new ArrayList<>(List.of(utf8(first)));
            while (sub.hasReceiveMore()) {
                frames.add(utf8(sub.recv()));
            }
            if (EventJson.isHeartbeat(first)) {
                return frames;
            }
        }
    }

    private static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        sub.close();
    }
}
