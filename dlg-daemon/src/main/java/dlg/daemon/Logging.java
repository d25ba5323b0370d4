package dlg.daemon;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
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

    /** A started encoder of log lines in {@code pattern}. */
    static PatternLayoutEncoder encoder(LoggerContext context, String pattern) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern);
        encoder.start();
        return encoder;
    }

    /** Also writes the log to {@code file} (a daemon's log: {@code $DLG_ROOT/logs/dlgNM.<host>.log}). */
    static void toFile(java.nio.file.Path file) {
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        var context = root.getLoggerContext();
        var encoder = encoder(context,
                "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{30} %X{sessionId} %X{oid} - %msg%n");
        var appender = new ch.qos.logback.core.FileAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
        appender.setContext(context);
        appender.setName("FILE");
        appender.setFile(file.toString());
        appender.setEncoder(encoder);
        appender.start(); // creates the directory; reports its own errors to Logback's status
        root.addAppender(appender);
    }
}
