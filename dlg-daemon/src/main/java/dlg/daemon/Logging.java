package dlg.daemon;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Sets the log level from the count of {@code -v} and {@code -q} flags. */
final class Logging {

    private Logging() {
    }

    static void configure(int verbose, int quiet, Level byDefault) {
        Level[] levels = {Level.OFF, Level.ERROR, Level.WARN, Level.INFO, Level.DEBUG, Level.TRACE};
        int base = java.util.Arrays.asList(levels).indexOf(byDefault);
        int i = Math.clamp(base + verbose - quiet, 0, levels.length - 1);
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(levels[i]);
    }
}
