package dlg.manager.history;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session history in a JDBC database: an embedded H2 file by default, a shared PostgreSQL
 * with {@code --history-db}.
 *
 * <p>Threading: one writer thread ({@code dlg-history}) opens the database (Flyway migrates the
 * schema), then takes records from a bounded queue, makes them (the snapshot scans a finished
 * session's drops there, never on a drop's thread) and writes each batch in one transaction; it
 * prunes old sessions at start and daily. Opening happens off the caller's thread so that a
 * manager answers at once; queries (on the REST threads, a connection each) wait for it, bounded.
 */
public final class JdbcSessionHistory implements SessionHistory {

    private static final Logger log = LoggerFactory.getLogger(JdbcSessionHistory.class);

    /** Sessions waiting to be written: more than a manager ends in any burst, bounded all the same. */
    static final int QUEUE = 1024;
    private static final int BATCH = 64;
    private static final Duration OPEN_WAIT = Duration.ofSeconds(30);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);
    private static final Duration PRUNE_EVERY = Duration.ofDays(1);
    private static final Supplier<PastSession> STOP = () -> null;

    private final CompletableFuture<HistoryTarget> target;
    private volatile HistoryStore store; // set by the writer before opened completes
    private final Duration keep;
    private final Clock clock;
    private final BlockingQueue<Supplier<PastSession>> queue = new ArrayBlockingQueue<>(QUEUE);
    private final CompletableFuture<Void> opened = new CompletableFuture<>();
    private final Thread writer;
    private volatile boolean closed;

    /**
     * Starts opening the database at {@code url} on the writer thread and returns at once.
     *
     * @param keep how long sessions are kept ({@code --history-days}), or null for ever
     */
    public static JdbcSessionHistory open(HistoryTarget target, Duration keep, Clock clock) {
        return new JdbcSessionHistory(CompletableFuture.completedFuture(target), keep, clock);
    }

    /**
     * As {@link #open(HistoryTarget, Duration, Clock)} once {@code target} is known: a manager's
     * database and name depend on its port, known once it listens, and its routes are made
     * before. Records wait in the queue meanwhile; a target that fails closes the history.
     */
    public static JdbcSessionHistory openWhen(CompletableFuture<HistoryTarget> target, Duration keep, Clock clock) {
        return new JdbcSessionHistory(target, keep, clock);
    }

    private JdbcSessionHistory(CompletableFuture<HistoryTarget> target, Duration keep, Clock clock) {
        this.target = Objects.requireNonNull(target, "target");
        if (keep != null && (keep.isNegative() || keep.isZero())) {
            throw new IllegalArgumentException("sessions must be kept for a positive time: " + keep);
        }
        this.keep = keep;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.writer = Thread.ofPlatform().daemon().name("dlg-history").start(this::run);
    }

    @Override
    public String owner() {
        return read(() -> target.join().owner());
    }

    /** Completes once the schema is ready (exceptionally if the database cannot be opened). */
    public CompletableFuture<Void> opened() {
        return opened.copy();
    }

    // ---- Writer thread ----

    private void run() {
        Connection c;
        String owner;
        try {
            HistoryTarget t = target.join();
            owner = t.owner();
            store = new HistoryStore(t.url());
            long t0 = System.nanoTime();
            store.migrate();
            c = store.connect();
            int n = store.markInterrupted(c, owner);
            if (n > 0) {
                log.warn("history: {} sessions of {} had not ended when it last stopped: marked interrupted", n, owner);
            }
            if (keep != null) {
                prune(c, owner); // before anyone reads
            }
            log.info("history in {} ready in {} ms", redacted(store.url()), (System.nanoTime() - t0) / 1_000_000);
            opened.complete(null);
        } catch (java.util.concurrent.CompletionException e) { // no target: the manager did not start
            opened.completeExceptionally(e.getCause());
            queue.clear();
            return;
        } catch (Exception | LinkageError e) {
            log.error("history: cannot open {}: {} (sessions are not recorded)", redacted(store.url()), reason(e));
            opened.completeExceptionally(e);
            queue.clear();
            return;
        }
        try (Connection conn = c) {
            loop(conn, owner);
        } catch (SQLException e) {
            log.warn("history: closing {}: {}", redacted(store.url()), e.toString());
        }
    }

    private void loop(Connection c, String owner) {
        Instant nextPrune = clock.instant().plus(PRUNE_EVERY);
        List<Supplier<PastSession>> batch = new ArrayList<>(BATCH);
        boolean stopping = false;
        while (!stopping) {
            if (keep != null && !clock.instant().isBefore(nextPrune)) {
                prune(c, owner);
                nextPrune = clock.instant().plus(PRUNE_EVERY);
            }
            Supplier<PastSession> first;
            try {
                first = queue.poll(keep == null ? Long.MAX_VALUE
                        : Math.max(1, Duration.between(clock.instant(), nextPrune).toMillis()), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                break; // close() gave up waiting
            }
            if (first == null) {
                continue;
            }
            batch.add(first);
            queue.drainTo(batch, BATCH - 1);
            long t0 = System.nanoTime();
            List<PastSession> records = new ArrayList<>(batch.size());
            for (Supplier<PastSession> s : batch) {
                if (s == STOP) {
                    stopping = true;
                    continue;
                }
                try {
                    PastSession p = s.get();
                    if (p != null) {
                        records.add(p);
                    }
                } catch (RuntimeException e) {
                    log.warn("history: a session could not be summarised: {}", e.toString(), e);
                }
            }
            batch.clear();
            long made = System.nanoTime();
            if (records.isEmpty()) {
                continue;
            }
            write(c, latestOfEach(records));
            log.debug("history: {} sessions summarised in {} ms, written in {} ms", records.size(),
                    (made - t0) / 1_000_000, (System.nanoTime() - made) / 1_000_000);
        }
    }

    /**
     * The last record of each session, in the order of those: a session that ended just after it
     * was deployed has both its records in one batch, and the second replaces the first (one
     * transaction cannot insert a session's rows twice).
     */
    static List<PastSession> latestOfEach(List<PastSession> records) {
        Map<List<String>, PastSession> last = new LinkedHashMap<>();
        for (PastSession p : records) {
            List<String> key = List.of(p.owner(), p.sessionId());
            last.remove(key); // so that it goes where its latest record is
            last.put(key, p);
        }
        return last.size() == records.size() ? records : List.copyOf(last.values());
    }

    private void write(Connection c, List<PastSession> records) {
        if (records.isEmpty()) {
            return;
        }
        try {
            store.write(c, records);
        } catch (SQLException | RuntimeException e) {
            log.error("history: {} sessions not written ({}): {}", records.size(),
                    records.stream().map(PastSession::sessionId).toList(), e.toString());
        }
    }

    private void prune(Connection c, String owner) {
        Instant before = clock.instant().minus(keep);
        try {
            int n = store.prune(c, owner, before);
            if (n > 0) {
                log.info("history: {} sessions older than {} pruned", n, before);
            }
        } catch (SQLException e) {
            log.warn("history: cannot prune sessions older than {}: {}", before, e.toString());
        }
    }

    // ---- Callers' threads ----

    @Override
    public void record(Supplier<PastSession> snapshot) {
        Objects.requireNonNull(snapshot, "snapshot");
        if (closed || opened.isCompletedExceptionally()) {
            return;
        }
        if (!queue.offer(snapshot)) {
            log.warn("history: {} sessions wait to be written already: one more is not recorded", QUEUE);
        }
    }

    @Override
    public HistoryPage query(HistoryQuery q) {
        return read(() -> store.query(q));
    }

    @Override
    public Optional<PastSession> session(String sessionId) {
        return read(() -> store.session(target.join().owner(), sessionId));
    }

    @Override
    public boolean has(String sessionId) {
        return read(() -> store.has(target.join().owner(), sessionId));
    }

    @Override
    public List<ConstructSummary> constructs(ConstructQuery q) {
        return read(() -> store.constructs(q));
    }

    @Override
    public List<String> sessionIds(int max) {
        return read(() -> store.sessionIds(target.join().owner(), max));
    }

    private interface Read<T> {
        T run() throws SQLException;
    }

    private <T> T read(Read<T> query) {
        try {
            opened.get(OPEN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            return query.run();
        } catch (ExecutionException e) {
            throw new HistoryUnavailableException("the session history in " + where()
                    + " could not be opened: " + reason(e.getCause()), e.getCause());
        } catch (TimeoutException e) {
            throw new HistoryUnavailableException("the session history in " + where()
                    + " is not open after " + OPEN_WAIT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HistoryUnavailableException("interrupted while waiting for the session history", e);
        } catch (SQLException e) {
            throw new HistoryUnavailableException("the session history cannot be read: " + e.getMessage(), e);
        }
    }

    /** Writes what is queued (for up to 30 s), then closes the database. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        target.completeExceptionally(new IllegalStateException("the history was closed before it was opened"));
        try {
            if (!queue.offer(STOP, CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                writer.interrupt();
            }
            if (!writer.join(CLOSE_WAIT)) {
                log.warn("history: still writing after {} s, left behind", CLOSE_WAIT.toSeconds());
                writer.interrupt();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            writer.interrupt();
        }
    }

    private String where() {
        HistoryStore s = store;
        return s == null ? "(not known yet)" : redacted(s.url());
    }

    /** Why opening failed: the schema's own explanation, else the exception (a driver's, a connection's). */
    private static String reason(Throwable e) {
        return e instanceof IllegalStateException && e.getCause() instanceof FlywayException
                ? e.getMessage() : e.toString();
    }

    /** The URL without its password, for logs and errors. */
    static String redacted(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }
}
