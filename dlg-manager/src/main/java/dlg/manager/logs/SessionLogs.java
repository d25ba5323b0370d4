package dlg.manager.logs;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * A NodeManager's session log files and per-drop log entries, fed by whatever the process logs
 * through SLF4J on a thread whose MDC {@code sessionId} names an open session (the engine adds
 * {@code oid} while it runs a drop).
 * <pre>{@code
 * SessionLogs logs = SessionLogs.install(Level.INFO);
 * logs.open(sid, sessionDir.resolve(SessionLogs.fileName(sid)));   // session created
 * logs.close(sid);          // session ended: the file is complete, drop entries stay readable
 * logs.entries(sid, oid);   // GET /api/sessions/<sid>/graph/drop/<oid>
 * logs.forget(sid);         // session destroyed
 * logs.uninstall();
 * }</pre>
 *
 * <p>What is recorded: events at or above the threshold, whatever the loggers' levels and the
 * appenders of logback.xml (see {@link SessionLogTap}); the console does not change. Calls that
 * first ask the logger ({@code isDebugEnabled()}, and the fluent {@code atInfo()}) are recorded only
 * when the logger is enabled for that level.
 *
 * <p>Files are appended to through a 32 KiB buffer. WARN and above are flushed at once (they are
 * what someone tails the file for, and must survive the process being killed), the rest within a
 * second by a flusher thread, everything at {@link #close}: a flush per line would cost a system
 * call per line in sessions of millions of drops.
 *
 * <p>Drop entries: the last {@code entriesPerDrop} of each drop that logged, within a budget of
 * {@code entriesPerSession} (see {@link DropLogs}). Function and line are left empty and 0: Logback
 * finds them by filling in a Throwable's stack trace for each event, which costs more than all the
 * rest of recording it (about a microsecond) in a drop-heavy session; logger and message say where.
 *
 * <p>Threading: every method is thread-safe. Logging threads take no lock of this object: the
 * session is found in a concurrent map, the line formatted outside any lock, then only that
 * session's file (to copy the bytes) and that drop's ring are locked. open, close, forget and
 * uninstall are serialized on this object. A log call that returned before {@link #close} began
 * is in the file; one racing with it may be left out.
 */
public final class SessionLogs {

    public static final int DEFAULT_ENTRIES_PER_DROP = 100;
    public static final int DEFAULT_ENTRIES_PER_SESSION = 100_000;
    static final String PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS,UTC} %-5level [%thread] %logger [%X{oid}] - %msg%n";
    private static final Duration FLUSH_EVERY = Duration.ofSeconds(1);

    private final int entriesPerDrop;
    private final int entriesPerSession;
    private final ConcurrentHashMap<String, SessionLog> sessions = new ConcurrentHashMap<>();
    private final PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    private final SessionLogTap tap;
    private final ScheduledThreadPoolExecutor flusher;
    private final long flushMillis;
    /** The periodic flush, scheduled only while a session's file is open: an idle manager's thread sleeps. */
    private ScheduledFuture<?> flushing; // guarded by this
    private boolean installed = true; // guarded by this

    SessionLogs(LoggerContext context, Level threshold, int entriesPerDrop, int entriesPerSession,
                Duration flushEvery) {
        Objects.requireNonNull(threshold, "threshold");
        DropLogs.checkSizes(entriesPerDrop, entriesPerSession);
        this.entriesPerDrop = entriesPerDrop;
        this.entriesPerSession = entriesPerSession;
        encoder.setContext(context);
        encoder.setPattern(PATTERN); // PatternLayout appends the stack trace of an event's exception
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.start();
        tap = new SessionLogTap(ch.qos.logback.classic.Level.convertAnSLF4JLevel(threshold), sessions);
        flusher = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().daemon().name("dlg-session-logs-flusher").factory());
        flusher.setRemoveOnCancelPolicy(true);
        flushMillis = flushEvery.toMillis();
        tap.attach(context);
    }

    /** {@link #install(Level, int, int)} with the default sizes. */
    public static SessionLogs install(Level threshold) {
        return install(threshold, DEFAULT_ENTRIES_PER_DROP, DEFAULT_ENTRIES_PER_SESSION);
    }

    /**
     * Starts recording into the running Logback context; nothing is recorded until {@link #open}.
     *
     * @throws IllegalArgumentException unless {@code 1 <= entriesPerDrop <= entriesPerSession}
     * @throws IllegalStateException    if SLF4J is not bound to Logback
     */
    public static SessionLogs install(Level threshold, int entriesPerDrop, int entriesPerSession) {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext context)) {
            throw new IllegalStateException("session logs need SLF4J bound to Logback, not "
                    + factory.getClass().getName());
        }
        return new SessionLogs(context, threshold, entriesPerDrop, entriesPerSession, FLUSH_EVERY);
    }

    /** Detaches from Logback and closes every file; this object takes no more sessions. */
    public synchronized void uninstall() {
        if (!installed) {
            return;
        }
        installed = false;
        tap.detach();
        flusher.shutdown();
        sessions.values().forEach(SessionLog::close);
        sessions.clear();
    }

    /**
     * Starts appending the session's events to {@code logFile} (created with its directories) and
     * recording its drops' entries. A session closed before may be opened again: the file is
     * appended to and the entries kept.
     *
     * @throws IllegalStateException if the session's log is open, or this object uninstalled
     */
    public synchronized void open(String sessionId, Path logFile) throws IOException {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(logFile, "logFile");
        if (!installed) {
            throw new IllegalStateException("session logs are uninstalled: cannot open the log of " + sessionId);
        }
        SessionLog session = sessions.get(sessionId);
        if (session != null && session.isOpen()) {
            throw new IllegalStateException("session " + sessionId + ": its log is already open");
        }
        SessionFile file = SessionFile.open(logFile, tap);
        if (session == null) {
            session = new SessionLog(encoder, new DropLogs(entriesPerDrop, entriesPerSession));
            sessions.put(sessionId, session);
        }
        session.open(file);
        flushWhileOpen();
    }

    /** Schedules the periodic flush while any session's file is open, cancels it when none is (under the lock). */
    private void flushWhileOpen() {
        boolean anyOpen = sessions.values().stream().anyMatch(SessionLog::isOpen);
        if (anyOpen && flushing == null) {
            flushing = flusher.scheduleWithFixedDelay(this::flushAll, flushMillis, flushMillis, TimeUnit.MILLISECONDS);
        } else if (!anyOpen && flushing != null) {
            flushing.cancel(false);
            flushing = null;
        }
    }

    /** Tests: whether the periodic flush is scheduled. */
    synchronized boolean flushing() {
        return flushing != null;
    }

    /** Completes and closes the session's file and stops recording; its drops' entries stay readable. */
    public synchronized void close(String sessionId) {
        SessionLog session = sessions.get(Objects.requireNonNull(sessionId, "sessionId"));
        if (session != null) {
            session.close();
            flushWhileOpen();
        }
    }

    /** {@link #close} and discard the session's drop entries. */
    public synchronized void forget(String sessionId) {
        SessionLog session = sessions.remove(Objects.requireNonNull(sessionId, "sessionId"));
        if (session != null) {
            session.close();
            flushWhileOpen();
        }
    }

    /** The drop's last entries, oldest first; empty for a drop or session that recorded none. */
    public List<DropLogEntry> entries(String sessionId, String oid) {
        SessionLog session = sessions.get(Objects.requireNonNull(sessionId, "sessionId"));
        return session == null ? List.of() : session.entries(Objects.requireNonNull(oid, "oid"));
    }

    /** DALiuGE's name of a session's log file: {@code dlg_<ip of this host's name>_<sessionId>.log}. */
    public static String fileName(String sessionId) {
        return "dlg_" + HostAddress.IP + "_" + Objects.requireNonNull(sessionId, "sessionId") + ".log";
    }

    void flushAll() {
        try {
            sessions.values().forEach(SessionLog::flush);
        } catch (RuntimeException e) { // a throwing periodic task is never run again
            tap.addError("session logs: periodic flush failed", e);
        }
    }

    /** Resolved once, on first use: a host name that does not resolve can take seconds to say so. */
    private static final class HostAddress {

        static final String IP = resolve();

        private static String resolve() {
            try {
                // DALiuGE's socket.gethostbyname(socket.gethostname()): the host name's IPv4 address
                for (InetAddress a : InetAddress.getAllByName(InetAddress.getLocalHost().getHostName())) {
                    if (a instanceof Inet4Address) {
                        return a.getHostAddress();
                    }
                }
            } catch (UnknownHostException e) {
                // a host without a resolvable name: its logs are still named after loopback
            }
            return "127.0.0.1";
        }
    }
}
