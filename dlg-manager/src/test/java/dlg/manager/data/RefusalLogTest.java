package dlg.manager.data;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RefusalLogTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger(RefusalLogTest.class);
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final AtomicLong now = new AtomicLong();
    private final RefusalLog refusals = new RefusalLog(logger, Duration.ofMinutes(1), now::get);

    @BeforeEach
    void attach() {
        logs.start();
        logger.addAppender(logs);
    }

    @AfterEach
    void detach() {
        logger.detachAppender(logs);
    }

    @Test
    void warn_repeatedWithinPeriod_logsOnce_thenSaysHowManyWereHeldBack() {
        assertThat(refusals.warn("refused {}", 1)).isTrue();
        now.addAndGet(Duration.ofSeconds(59).toNanos());
        assertThat(refusals.warn("refused {}", 2)).isFalse();
        assertThat(refusals.warn("refused {}", 3)).isFalse();
        now.addAndGet(Duration.ofSeconds(1).toNanos());

        assertThat(refusals.warn("refused {}", 4)).isTrue();

        assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("refused 1", "refused 4 (2 similar refusals held back)");
    }

    @Test
    void warn_fromManyThreadsAtOnce_logsOnceAndCountsTheRest() throws InterruptedException {
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 1000; i++) {
                threads.submit(() -> refusals.warn("refused"));
            }
        }
        now.addAndGet(Duration.ofMinutes(1).toNanos());

        refusals.warn("refused");

        assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("refused", "refused (999 similar refusals held back)");
    }
}
