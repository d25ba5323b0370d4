import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ForkJoinPool;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The floor of a node crossing on this machine, without dlg: two processes pass a counter back and
 * forth over JeroMQ PUB/SUB, as two NodeManagers pass a chain's events, and the first one prints
 * how long a hop took. Run by hop_floor.py (which starts both sides); one side is
 *
 * <pre>
 *   java -cp dlg-daemon/target/dlg.jar scripts/bench/HopFloor.java first|second MY_PORT OTHER_PORT HOPS MODE
 * </pre>
 *
 * MODE says which threads a hop passes through on the receiving side before the next send:
 * {@code direct} (the receiving thread sends), {@code queue} (it hands the counter to a publisher
 * thread through a BlockingQueue, the mission's event design) or {@code worker} (it hands it to a
 * pool worker, which hands it to the publisher thread: where a drop's consumer runs, as in a chain
 * of apps crossing nodes). The first HOPS hops warm the JIT; the next HOPS are timed.
 */
public final class HopFloor {

    private static final byte[] HELLO = "hello".getBytes(StandardCharsets.US_ASCII);

    public static void main(String[] args) throws Exception {
        boolean first = args[0].equals("first");
        int myPort = Integer.parseInt(args[1]);
        int otherPort = Integer.parseInt(args[2]);
        int hops = Integer.parseInt(args[3]);
        String mode = args[4];
        if (!List.of("direct", "queue", "worker").contains(mode)) {
            throw new IllegalArgumentException("mode: direct, queue or worker, not " + mode);
        }
        try (ZContext context = new ZContext(1)) {
            ZMQ.Socket pub = context.createSocket(SocketType.PUB);
            pub.bind("tcp://127.0.0.1:" + myPort);
            ZMQ.Socket sub = context.createSocket(SocketType.SUB);
            sub.subscribe(new byte[0]);
            sub.connect("tcp://127.0.0.1:" + otherPort);
            // both sides publish hellos for a second, so that each one's subscription is in place
            for (int k = 0; k < 100; k++) {
                pub.send(HELLO, 0);
                Thread.sleep(10);
            }
            Thread.sleep(300);
            while (sub.recv(ZMQ.DONTWAIT) != null) {
                // the other side's hellos
            }
            // from here on only one thread sends: this one (direct) or the publisher (started after
            // this thread's last use of the socket, so it sees the socket as this thread left it)
            BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(1024);
            ForkJoinPool workers = new ForkJoinPool(Runtime.getRuntime().availableProcessors());
            Thread publisher = mode.equals("direct") ? null : Thread.ofPlatform().daemon().name("publisher").start(() -> {
                try {
                    while (true) {
                        pub.send(queue.take(), 0);
                    }
                } catch (InterruptedException | RuntimeException e) {
                    // closing
                }
            });
            int last = 2 * hops; // even: the second side sees it first, and sends the first one its last
            long warm = 0;
            int warmAt = 0;
            if (first) {
                send(counter(0), mode, pub, queue);
            }
            // the other side may still be starting (its subscription not yet seen here): the first
            // counter goes again every second until an answer comes, and repeats are ignored
            sub.setReceiveTimeOut(first ? 1000 : -1);
            int seen = -1;
            while (true) {
                byte[] m = sub.recv();
                if (m == null) {
                    send(counter(0), mode, pub, queue);
                    continue;
                }
                if (m.length != Integer.BYTES) {
                    continue; // a late hello
                }
                int i = ByteBuffer.wrap(m).getInt();
                if (i <= seen) {
                    continue;
                }
                if (seen < 0) {
                    sub.setReceiveTimeOut(-1);
                }
                seen = i;
                if (warm == 0 && i >= hops) {
                    warm = System.nanoTime();
                    warmAt = i;
                }
                if (i >= last) {
                    last = i;
                    if (!first) {
                        send(counter(i + 1), mode, pub, queue);
                    }
                    break;
                }
                byte[] next = counter(i + 1);
                switch (mode) {
                    case "direct", "queue" -> send(next, mode, pub, queue);
                    case "worker" -> workers.execute(() -> {
                        try {
                            queue.put(next);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    });
                    default -> throw new IllegalStateException(mode); // checked at the start
                }
            }
            if (first) {
                double micros = (System.nanoTime() - warm) / 1e3 / (last - warmAt);
                System.out.printf("{\"mode\": \"%s\", \"hops\": %d, \"us_per_hop\": %.1f}%n", mode, last - warmAt, micros);
            }
            Thread.sleep(200); // the last counter leaves before the socket closes
            if (publisher != null) {
                publisher.interrupt();
            }
            workers.shutdownNow();
        }
    }

    private static void send(byte[] message, String mode, ZMQ.Socket pub, BlockingQueue<byte[]> queue)
            throws InterruptedException {
        if (mode.equals("direct")) {
            pub.send(message, 0);
        } else {
            queue.put(message);
        }
    }

    private static byte[] counter(int i) {
        return ByteBuffer.allocate(Integer.BYTES).putInt(i).array();
    }
}
