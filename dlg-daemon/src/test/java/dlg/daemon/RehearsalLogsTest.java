package dlg.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

class RehearsalLogsTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger("dlg.test.RehearsalLogsTest");
    private final Logger warmUp = (Logger) LoggerFactory.getLogger(WarmUp.class);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    @BeforeEach
    void listen() {
        lines.start();
        for (Logger l : List.of(logger, warmUp)) {
            l.addAppender(lines);
            l.setLevel(Level.DEBUG);
        }
    }

    @AfterEach
    void stopListening() {
        for (Logger l : List.of(logger, warmUp)) {
            l.detachAppender(lines);
            l.setLevel(null);
        }
    }

    private List<String> messages() {
        return lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    private void onAnotherThread(Runnable r) throws InterruptedException {
        Thread t = Thread.ofPlatform().start(r);
        t.join();
    }

    @Test
    void keepsQuietTheRehearsalsInfoLines_andNothingElse() throws InterruptedException {
        try (RehearsalLogs quiet = RehearsalLogs.install("dlg-warm-up-x")) {
            quiet.add("tcp://127.0.0.1:4242");
            logger.info("on the warm-up's thread"); // denied
            warmUp.debug("the warm-up's own line");
            onAnotherThread(() -> {
                logger.info("connected to drop events of {}", "tcp://127.0.0.1:4242"); // denied
                logger.info("connected to drop events of {}", "tcp://127.0.0.1:5555");
                logger.warn("event publisher on {} failed", "tcp://127.0.0.1:4242");
                try (var c = MDC.putCloseable("sessionId", "dlg-warm-up-x")) {
                    logger.info("session switched to RUNNING"); // denied
                    logger.error("session failed");
                }
                try (var c = MDC.putCloseable("sessionId", "users")) {
                    logger.info("session users switched to RUNNING");
                }
            });
        }
        logger.info("after the rehearsal");

        assertThat(messages()).containsExactly("the warm-up's own line",
                "connected to drop events of tcp://127.0.0.1:5555", "event publisher on tcp://127.0.0.1:4242 failed",
                "session failed", "session users switched to RUNNING", "after the rehearsal");
    }
}
