package dlg.manager.logs;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggerContextListener;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.Map;
import org.slf4j.MDC;
import org.slf4j.Marker;

/**
 * Hands every event logged in an open session, at or above the threshold, to that session's log.
 *
 * <p>A turbo filter rather than an appender on the root logger: Logback asks turbo filters before
 * it checks the logger's level, and before appenders and additivity, so what a session records does
 * not depend on what logback.xml lets through to the console (a root at WARN would hide every
 * INFO), and lowering the root level instead would change the console. The tap always answers
 * NEUTRAL: the rest of the configuration decides as if it were not there. A context reset (a
 * reconfiguration, e.g. logback.xml's {@code scan}) drops turbo filters; as a reset-resistant
 * listener the tap puts itself back.
 *
 * <p>Threading: {@link #decide} runs on every logging thread for every log call of the process,
 * at any level; below the threshold, or outside a session, it returns after a comparison or an
 * MDC and a map look-up.
 */
final class SessionLogTap extends TurboFilter implements LoggerContextListener {

    static final String SESSION_ID = "sessionId";
    static final String OID = "oid";
    private static final String LOGGER_CLASS = Logger.class.getName();

    private final Level threshold;
    private final Map<String, SessionLog> sessions;

    SessionLogTap(Level threshold, Map<String, SessionLog> sessions) {
        this.threshold = threshold;
        this.sessions = sessions;
    }

    void attach(LoggerContext context) {
        setContext(context);
        start();
        context.addTurboFilter(this);
        context.addListener(this);
    }

    void detach() {
        var context = (LoggerContext) getContext();
        context.removeListener(this);
        context.getTurboFilterList().remove(this);
        stop();
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
                              Throwable t) {
        // no format: SLF4J asks isXxxEnabled(). Saying ACCEPT would make the fluent API (atInfo())
        // send the event to every appender, as it checks no level after that question.
        if (format == null || level.levelInt < threshold.levelInt) {
            return FilterReply.NEUTRAL;
        }
        String sessionId = MDC.get(SESSION_ID);
        SessionLog session = sessionId == null ? null : sessions.get(sessionId);
        if (session == null || !session.isOpen()) {
            return FilterReply.NEUTRAL;
        }
        try {
            var event = new LoggingEvent(LOGGER_CLASS, logger, level, format, t, params);
            if (marker != null) {
                event.addMarker(marker);
            }
            session.append(event, MDC.get(OID));
        } catch (RuntimeException e) { // the session log must never fail the code that logs
            addError("session log of " + sessionId + ": cannot record an event of " + logger.getName(), e);
        }
        return FilterReply.NEUTRAL;
    }

    @Override
    public boolean isResetResistant() {
        return true;
    }

    @Override
    public void onReset(LoggerContext context) {
        start();
        context.addTurboFilter(this);
    }

    @Override
    public void onStop(LoggerContext context) {
        sessions.values().forEach(SessionLog::flush);
    }

    @Override
    public void onStart(LoggerContext context) {
    }

    @Override
    public void onLevelChange(Logger logger, Level level) {
    }
}
