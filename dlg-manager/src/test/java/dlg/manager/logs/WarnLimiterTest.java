package dlg.manager.logs;

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

class WarnLimiterTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger(WarnLimiterTest.class);
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final AtomicLong now = new AtomicLong();
    private final WarnLimiter limiter = new WarnLimiter(logger, Duration.ofMinutes(1), now::get);

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
    void warn_repeatedWithinPeriod_logsOnce() {
        assertThat(limiter.warn("bad {}", 1)).isTrue();
        now.addAndGet(Duration.ofSeconds(59).toNanos());

        assertThat(limiter.warn("bad {}", 2)).isFalse();
        assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly("bad 1");
    }

    @Test
    void warn_afterPeriod_logsWithHeldBackCountBeforeThrowable() {
        limiter.warn("bad {}", 1);
        limiter.warn("bad {}", 2);
        limiter.warn("bad {}", 3);
        now.addAndGet(Duration.ofMinutes(1).toNanos());

        assertThat(limiter.warn("bad {}", 4, new IllegalStateException("boom"))).isTrue();

        assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("bad 1", "bad 4 (2 similar warnings held back)");
        assertThat(logs.list.get(1).getThrowableProxy().getMessage()).isEqualTo("boom");
    }

    @Test
    void warn_fromManyThreadsAtOnce_logsOnceAndCountsTheRest() throws InterruptedException {
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 1000; i++) {
                threads.submit(() -> limiter.warn("refused"));
            }
        }
        now.addAndGet(Duration.ofMinutes(1).toNanos());

        limiter.warn("refused");

        assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("refused", "refused (999 similar warnings held back)");
    }
}
