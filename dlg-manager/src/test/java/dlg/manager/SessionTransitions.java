package dlg.manager;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Records the state changes {@link Session} logs ("session S switched from A to B") for one
 * session id, so that tests can check the whole path a session took, including DEPLOYING.
 */
final class SessionTransitions implements AutoCloseable {

    private final String sessionId;
    private final Logger logger = (Logger) LoggerFactory.getLogger(Session.class);
    private final Level previousLevel;
    private final boolean previousAdditive;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    SessionTransitions(String sessionId) {
        this.sessionId = sessionId;
        previousLevel = logger.getLevel();
        previousAdditive = logger.isAdditive();
        appender.start();
        logger.addAppender(appender);
        logger.setLevel(Level.INFO);
        logger.setAdditive(false); // recorded, not printed
    }

    /** Every state the session entered, in order, starting with PRISTINE. */
    List<String> states() {
        List<String> states = new java.util.ArrayList<>();
        states.add("PRISTINE");
        synchronized (appender) { // AppenderBase.doAppend locks the appender
            for (ILoggingEvent e : appender.list) {
                Object[] args = e.getArgumentArray();
                if (e.getMessage().contains("switched from") && args != null && args.length == 3
                        && sessionId.equals(args[0])) {
                    states.add(String.valueOf(args[2]));
                }
            }
        }
        return states;
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        logger.setLevel(previousLevel);
        logger.setAdditive(previousAdditive);
    }
}
