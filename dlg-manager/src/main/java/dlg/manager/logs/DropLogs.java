package dlg.manager.logs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The last {@code perDrop} entries of each drop of one session that logged, within a budget of
 * {@code perSession} entries: past it, the drops that started logging first lose their entries (a
 * session of millions of bash apps logs a line for each of them; the session file keeps them all).
 *
 * <p>Threading: any number of threads add at once. There is no session-wide lock: the drop's ring
 * is found in a concurrent map and locked alone (usually by the one thread running that drop);
 * only a ring that grows touches the session's atomic count.
 */
final class DropLogs {

    private final int perDrop;
    private final int perSession;
    private final ConcurrentHashMap<String, Ring> rings = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Ring> oldestFirst = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();

    DropLogs(int perDrop, int perSession) {
        checkSizes(perDrop, perSession);
        this.perDrop = perDrop;
        this.perSession = perSession;
    }

    static void checkSizes(int perDrop, int perSession) {
        if (perDrop < 1 || perSession < perDrop) {
            throw new IllegalArgumentException("need 1 <= entries per drop <= entries per session, got "
                    + perDrop + " and " + perSession);
        }
    }

    void add(String oid, DropLogEntry entry) {
        Ring ring = rings.computeIfAbsent(oid, this::newRing);
        // an entry racing with the eviction of its (oldest) drop is lost with that drop's others
        if (ring.add(entry) && size.incrementAndGet() > perSession) {
            evictOldest();
        }
    }

    /** Oldest first; empty for a drop that never logged or was evicted. */
    List<DropLogEntry> entries(String oid) {
        Ring ring = rings.get(oid);
        return ring == null ? List.of() : ring.snapshot();
    }

    int drops() {
        return rings.size();
    }

    int size() {
        return size.get();
    }

    private Ring newRing(String oid) {
        Ring ring = new Ring(oid, perDrop);
        oldestFirst.add(ring);
        return ring;
    }

    private void evictOldest() {
        // perSession >= perDrop, so the ring just added to is never the only one evicted for its own growth
        while (size.get() > perSession) {
            Ring oldest = oldestFirst.poll();
            if (oldest == null) {
                return;
            }
            rings.remove(oldest.oid, oldest);
            size.addAndGet(-oldest.evict());
        }
    }

    /** A ring of at most {@code capacity} entries that starts small: most drops log one or two lines. */
    private static final class Ring {

        private static final int INITIAL = 4;

        final String oid;
        private final int capacity;
        private DropLogEntry[] items;
        private int head;
        private int count;
        private boolean evicted;

        Ring(String oid, int capacity) {
            this.oid = oid;
            this.capacity = capacity;
            this.items = new DropLogEntry[Math.min(capacity, INITIAL)];
        }

        /** @return whether the ring grew by one entry (not when it replaced its oldest or was evicted) */
        synchronized boolean add(DropLogEntry entry) {
            if (evicted) {
                return false;
            }
            if (count < capacity) { // not yet full: head is still 0, the ring wraps only at capacity
                if (count == items.length) {
                    items = Arrays.copyOf(items, Math.min(capacity, 2 * count));
                }
                items[count++] = entry;
                return true;
            }
            items[head] = entry;
            head = (head + 1) % capacity;
            return false;
        }

        /** @return how many entries the ring held; it accepts none from now on */
        synchronized int evict() {
            evicted = true;
            items = new DropLogEntry[0];
            int n = count;
            count = 0;
            return n;
        }

        synchronized List<DropLogEntry> snapshot() {
            var copy = new ArrayList<DropLogEntry>(count);
            for (int i = 0; i < count; i++) {
                copy.add(items[(head + i) % items.length]);
            }
            return Collections.unmodifiableList(copy);
        }
    }
}
