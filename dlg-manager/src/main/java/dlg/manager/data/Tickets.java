package dlg.manager.data;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A data server's tickets ({@link Handshake}): the random value every reader signs its requests
 * with, and the client nonces already used with it, so that a request seen on the wire cannot be
 * played again. A ticket is current for a period or until {@code maxUses} requests used it,
 * then previous (still taken, so that readers holding it need not renew at once), then dead: a
 * request signed with it gets the current ticket to sign again. A replay is refused for as long
 * as its ticket lives (its nonce is known), then because its ticket is dead; the nonces kept
 * are bounded by {@code 2 * maxUses}.
 *
 * <p>Thread-safe: the connections' threads use it at once; only a rotation takes the lock.
 */
final class Tickets {

    /** One ticket and the nonces used with it. */
    static final class Ticket {
        private final byte[] value;
        private final long bornAt;
        private final Set<Nonce> used = ConcurrentHashMap.newKeySet();

        private Ticket(byte[] value, long bornAt) {
            this.value = value;
            this.bornAt = bornAt;
        }

        byte[] value() {
            return value.clone();
        }
    }

    /** A client nonce as a map key. */
    private record Nonce(long high, long low) {
        static Nonce of(byte[] b) {
            ByteBuffer buf = ByteBuffer.wrap(b);
            return new Nonce(buf.getLong(), buf.getLong());
        }
    }

    private final long periodNanos;
    private final int maxUses;
    private final LongSupplier nanoTime;
    private volatile Ticket current;
    private volatile Ticket previous;

    Tickets(Duration period, int maxUses, LongSupplier nanoTime) {
        this.periodNanos = period.toNanos();
        this.maxUses = maxUses;
        this.nanoTime = nanoTime;
        this.current = new Ticket(Handshake.nonce(), nanoTime.getAsLong());
    }

    /** The ticket a reader should sign with now. */
    Ticket current() {
        Ticket c = current;
        return nanoTime.getAsLong() - c.bornAt < periodNanos ? c : rotate(c);
    }

    /** The live ticket of this value, or null if it is unknown or dead (the reader gets the current one). */
    Ticket live(byte[] value) {
        current(); // a ticket two periods old dies even when nothing asked for the current one
        Ticket c = current;
        if (Arrays.equals(c.value, value)) {
            return c;
        }
        Ticket p = previous;
        return p != null && Arrays.equals(p.value, value) ? p : null;
    }

    /**
     * Records a request's nonce under its ticket.
     *
     * @return false if the nonce was used before with this ticket (a replay)
     */
    boolean use(Ticket t, byte[] clientNonce) {
        return t.used.add(Nonce.of(clientNonce));
    }

    /** Whether the ticket has served its share of requests: it takes no more and the current one is renewed. */
    boolean full(Ticket t) {
        if (t.used.size() < maxUses) {
            return false;
        }
        if (t == current) {
            rotate(t);
        }
        return true;
    }

    private synchronized Ticket rotate(Ticket seen) {
        if (current == seen) {
            previous = seen;
            current = new Ticket(Handshake.nonce(), nanoTime.getAsLong());
        }
        return current;
    }
}
