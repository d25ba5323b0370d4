package dlg.manager.data;

import dlg.manager.NodeAddress;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * The data connections of a {@link DataClient} that finished a read and wait for the next one to
 * the same node, so that a chain of reads across two nodes does not pay a TCP connection, the
 * node's accept and a new thread there at every step (about half of a small read's time).
 *
 * <p>At most {@code perNode} wait per node, the most recently used first (the others expire). A
 * connection that waited longer than {@code maxIdleNanos} is closed instead of reused: the node
 * closes connections silent for its request timeout, and the client must never be the one to
 * find that out in the middle of a read. Thread-safe: apps take and give back connections, the
 * peer watchdog drops a lost node's.
 */
final class IdleConnections {

    /** An open connection with its buffered streams (whatever they buffered belongs to it). */
    record Connection(Socket socket, DataInputStream in, DataOutputStream out) {
        void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // nothing to read from it any more anyway
            }
        }
    }

    private record Idle(Connection connection, long since) { }

    private final Map<NodeAddress, Deque<Idle>> idle = new ConcurrentHashMap<>();
    private final int perNode;
    private final long maxIdleNanos;
    private final LongSupplier nanoTime;

    IdleConnections(int perNode, long maxIdleNanos, LongSupplier nanoTime) {
        if (perNode < 0) {
            throw new IllegalArgumentException("idle connections per node must be 0 or more: " + perNode);
        }
        this.perNode = perNode;
        this.maxIdleNanos = maxIdleNanos;
        this.nanoTime = nanoTime;
    }

    /** The connection to {@code node} used last, if one waits and has not waited too long; null if none. */
    Connection take(NodeAddress node) {
        Deque<Idle> q = idle.get(node);
        if (q == null) {
            return null;
        }
        long now = nanoTime.getAsLong();
        for (Idle i; (i = q.pollFirst()) != null; ) {
            if (now - i.since() <= maxIdleNanos && !i.connection().socket().isClosed()) {
                return i.connection();
            }
            i.connection().close();
        }
        return null;
    }

    /** Keeps {@code c} for the next read from {@code node}, or closes it if enough wait already. */
    void giveBack(NodeAddress node, Connection c) {
        Deque<Idle> q = idle.computeIfAbsent(node, n -> new ConcurrentLinkedDeque<>());
        q.offerFirst(new Idle(c, nanoTime.getAsLong()));
        // the least recently used beyond the limit go (a racing giveBack may close one more: harmless)
        while (q.size() > perNode) {
            Idle last = q.pollLast();
            if (last == null) {
                break;
            }
            last.connection().close();
        }
    }

    /** Closes the waiting connections to the nodes {@code which} accepts. */
    int drop(Predicate<NodeAddress> which) {
        int n = 0;
        for (var e : idle.entrySet()) {
            if (which.test(e.getKey())) {
                for (Idle i; (i = e.getValue().pollFirst()) != null; n++) {
                    i.connection().close();
                }
            }
        }
        return n;
    }

    /** Connections waiting now, over all nodes. */
    int size() {
        int n = 0;
        for (Deque<Idle> q : idle.values()) {
            n += q.size();
        }
        return n;
    }

    /** Closes every waiting connection. */
    void closeAll() {
        drop(node -> true);
    }
}
