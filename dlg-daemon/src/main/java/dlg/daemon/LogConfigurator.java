package dlg.daemon;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;

/**
 * Logback's configuration of the runnable jar, in code (found by Logback through
 * {@code META-INF/services}): warnings and errors to stderr; the command line then sets the level
 * from {@code -v}/{@code -q} and a manager adds its log file (see {@link Logging}).
 *
 * <p>Why not a {@code logback.xml}: reading one loads Logback's Joran configurator and the JDK's
 * XML parser, about 370 classes that every {@code dlg} process then holds, and that the
 * ahead-of-time cache (which loads all its classes at start) made every manager map and touch.
 * A {@code -Dlogback.configurationFile=...} still wins: then Logback reads that file as usual.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogConfigurator extends ContextAwareBase implements Configurator {

    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{20} %X{sessionId} %X{oid} - %msg%n";
    static final String CONFIG_FILE_PROPERTY = "logback.configurationFile";

    private final UnaryOperator<String> properties;

    /** Logback's service loader makes it. */
    public LogConfigurator() {
        this(System::getProperty);
    }

    LogConfigurator(UnaryOperator<String> properties) {
        this.properties = properties;
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (properties.apply(CONFIG_FILE_PROPERTY) != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY; // the user's own file, read by Logback's next configurators
        }
        PatternLayoutEncoder encoder = Logging.encoder(context, PATTERN);
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN); // WARN keeps `dlg run` output clean
        root.addAppender(stderr);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
