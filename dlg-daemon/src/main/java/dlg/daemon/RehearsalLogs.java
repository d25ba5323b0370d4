package dlg.daemon;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.Marker;

/**
 * Keeps the INFO and DEBUG lines of the warm-up's cross-node rehearsal out of the manager's log:
 * its sessions' state changes (by their session id), its sockets' connections (by their
 * endpoints) and what others log on the warm-up's thread (WarmUp's own lines pass). Warnings
 * and errors still show.
 *
 * <p>Why: a user reading a NodeManager's log should not find sessions and event publishers that
 * are none of theirs. Installed on Logback's context only while the rehearsal lasts (every log
 * call passes a turbo filter, even one below the logger's level), and not at all when the
 * logging backend is not Logback.
 */
final class RehearsalLogs extends TurboFilter implements AutoCloseable {

    private final Thread warmUp;
    private final Set<String> quiet = ConcurrentHashMap.newKeySet();
    private final LoggerContext context;

    private RehearsalLogs(Thread warmUp, LoggerContext context) {
        this.warmUp = warmUp;
        this.context = context;
    }

    /** Starts keeping quiet the lines of the calling thread and of {@code sessionId}. */
    static RehearsalLogs install(String sessionId) {
        LoggerContext context = LoggerFactory.getILoggerFactory() instanceof LoggerContext c ? c : null;
        RehearsalLogs filter = new RehearsalLogs(Thread.currentThread(), context);
        filter.quiet.add(sessionId);
        if (context != null) {
            filter.setContext(context);
            filter.start();
            context.addTurboFilter(filter);
        }
        return filter;
    }

    /** Also keeps quiet the lines naming {@code value} (an endpoint) as an argument. */
    void add(String value) {
        quiet.add(value);
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (level == null || level.isGreaterOrEqual(Level.WARN)) {
            return FilterReply.NEUTRAL;
        }
        if (Thread.currentThread() == warmUp && !logger.getName().equals(WarmUp.class.getName())) {
            return FilterReply.DENY;
        }
        String session = MDC.get("sessionId");
        if (session != null && quiet.contains(session)) {
            return FilterReply.DENY;
        }
        if (params != null) {
            for (Object p : params) {
                if (p instanceof String s && quiet.contains(s)) {
                    return FilterReply.DENY;
                }
            }
        }
        return FilterReply.NEUTRAL;
    }

    @Override
    public void close() {
        if (context != null) {
            context.getTurboFilterList().remove(this);
        }
        stop();
    }
}
