package dlg.manager.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.Appender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.event.Level;

class SessionLogsTest {

    /** OFF in logback-test.xml: what these tests see was recorded whatever the logger's level. */
    private static final Logger log = LoggerFactory.getLogger("dlg.manager.logs.test");
    private static final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();

    @TempDir
    Path dir;

    private SessionLogs logs;

    @AfterEach
    void uninstall() {
        if (logs != null) {
            logs.uninstall();
        }
    }

    private static void inSession(String sessionId, String oid, Runnable logging) {
        try (var s = MDC.putCloseable("sessionId", sessionId);
             var o = oid == null ? null : MDC.putCloseable("oid", oid)) {
            logging.run();
        }
    }

    private Path open(String sessionId) throws IOException {
        Path file = dir.resolve(SessionLogs.fileName(sessionId));
        logs.open(sessionId, file);
        return file;
    }

    private static List<String> messages(List<DropLogEntry> entries) {
        return entries.stream().map(DropLogEntry::message).toList();
    }

    @Test
    void open_twoSessionsLoggingConcurrently_eachFileHasOnlyItsOwnLines() throws Exception {
        logs = SessionLogs.install(Level.INFO);
        Path one = open("s1");
        Path two = open("s2");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            var done = new ArrayList<Future<?>>();
            for (String sid : List.of("s1", "s2")) {
                for (String oid : List.of("a", "b")) {
                    done.add(pool.submit(() -> inSession(sid, oid, () -> {
                        for (int i = 0; i < 5_000; i++) {
                            log.info("{} {} line {}", sid, oid, i);
                        }
                    })));
                }
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        logs.close("s1");
        logs.close("s2");

        assertThat(Files.readAllLines(one)).hasSize(10_000)
                .allMatch(l -> l.contains(" - s1 ")).noneMatch(l -> l.contains("s2"));
        assertThat(Files.readAllLines(two)).hasSize(10_000)
                .allMatch(l -> l.contains(" - s2 ")).noneMatch(l -> l.contains("s1"));
        assertThat(messages(logs.entries("s1", "b"))).hasSize(100).last().isEqualTo("s1 b line 4999");
        assertThat(messages(logs.entries("s2", "a"))).hasSize(100).first().isEqualTo("s2 a line 4900");
    }

    @Test
    void entries_moreThanEntriesPerDrop_keepsTheLastOnesInOrder() throws IOException {
        logs = SessionLogs.install(Level.INFO, 5, 100);
        open("s1");

        inSession("s1", "a", () -> {
            for (int i = 0; i < 12; i++) {
                log.info("line {}", i);
            }
        });
        inSession("s1", "b", () -> log.info("only line"));

        assertThat(messages(logs.entries("s1", "a"))).containsExactly("line 7", "line 8", "line 9", "line 10", "line 11");
        assertThat(messages(logs.entries("s1", "b"))).containsExactly("only line");
    }

    @Test
    void entries_warnWithException_hasLevelLoggerAndExceptionMessage() throws IOException {
        logs = SessionLogs.install(Level.INFO);
        Path file = open("s1");
        Instant before = Instant.now();

        inSession("s1", "a", () -> {
            log.info("starting");
            log.warn("app {} failed", "a", new IllegalStateException("disk full"));
        });

        assertThat(logs.entries("s1", "a")).satisfiesExactly(
                info -> assertThat(info).extracting(DropLogEntry::level, DropLogEntry::message)
                        .containsExactly("INFO", "starting"),
                warn -> {
                    assertThat(warn.level()).isEqualTo("WARN");
                    assertThat(warn.module()).isEqualTo("dlg.manager.logs.test");
                    assertThat(warn.function()).isEmpty();
                    assertThat(warn.line()).isZero();
                    assertThat(warn.message()).isEqualTo("app a failed\njava.lang.IllegalStateException: disk full");
                    assertThat(warn.time()).isBetween(before, Instant.now());
                });
        logs.close("s1");
        assertThat(Files.readString(file))
                .contains("WARN  [", "dlg.manager.logs.test [a] - app a failed")
                .contains("java.lang.IllegalStateException: disk full", "\tat dlg.manager.logs.SessionLogsTest");
    }

    @Test
    void open_eventsWithoutSessionOrOfAnotherSession_areIgnored() throws IOException {
        logs = SessionLogs.install(Level.INFO);
        Path file = open("s1");

        log.info("no session");
        inSession("s2", "a", () -> log.info("session never opened"));
        inSession("s1", null, () -> log.info("session without drop"));
        inSession("s1", "a", () -> log.info("drop a"));
        logs.close("s1");

        assertThat(Files.readAllLines(file)).hasSize(2)
                .anySatisfy(l -> assertThat(l).endsWith("[] - session without drop"))
                .anySatisfy(l -> assertThat(l).endsWith("[a] - drop a"));
        assertThat(messages(logs.entries("s1", "a"))).containsExactly("drop a");
        assertThat(logs.entries("s2", "a")).isEmpty();
    }

    @Test
    void install_warnThreshold_recordsNothingBelowIt() throws IOException {
        logs = SessionLogs.install(Level.WARN);
        Path file = open("s1");

        inSession("s1", "a", () -> {
            log.info("info");
            log.warn("warn");
            log.error("error");
        });
        logs.close("s1");

        assertThat(Files.readAllLines(file)).hasSize(2);
        assertThat(messages(logs.entries("s1", "a"))).containsExactly("warn", "error");
    }

    @Test
    void install_defaultInfoThreshold_ignoresDebug() throws IOException {
        logs = SessionLogs.install(Level.INFO);
        open("s1");

        inSession("s1", "a", () -> {
            log.debug("debug");
            log.info("info");
        });

        assertThat(messages(logs.entries("s1", "a"))).containsExactly("info");
    }

    @Test
    void close_afterMoreThanABufferOfLines_fileIsCompleteAndTakesNoMore() throws IOException {
        logs = SessionLogs.install(Level.INFO);
        Path file = open("s1");
        inSession("s1", "a", () -> {
            for (int i = 0; i < 20_000; i++) {
                log.info("line {}", i);
            }
        });

        logs.close("s1");
        inSession("s1", "a", () -> log.info("after close"));

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(20_000);
        assertThat(lines.getLast()).endsWith(" - line 19999");
        assertThat(messages(logs.entries("s1", "a"))).hasSize(100).last().isEqualTo("line 19999");
    }

    @Test
    void uninstall_openSession_completesItsFile() throws IOException {
        var installed = SessionLogs.install(Level.INFO);
        Path file = dir.resolve("s1.log");
        installed.open("s1", file);
        inSession("s1", "a", () -> log.info("last words"));

        installed.uninstall();

        assertThat(Files.readAllLines(file)).singleElement().asString().endsWith(" - last words");
        assertThat(installed.entries("s1", "a")).isEmpty();
    }

    @Test
    void forget_closedSession_discardsItsEntries() throws IOException {
        logs = SessionLogs.install(Level.INFO);
        open("s1");
        inSession("s1", "a", () -> log.info("kept until forgotten"));
        logs.close("s1");

        logs.forget("s1");

        assertThat(logs.entries("s1", "a")).isEmpty();
    }

    @Test
    void open_closedSessionAgain_appendsToItsFile() throws IOException {
        logs = SessionLogs.install(Level.INFO);
        Path file = open("s1");
        inSession("s1", "a", () -> log.info("first"));
        logs.close("s1");

        logs.open("s1", file);
        inSession("s1", "a", () -> log.info("second"));
        logs.close("s1");

        assertThat(Files.readAllLines(file)).hasSize(2);
        assertThat(messages(logs.entries("s1", "a"))).containsExactly("first", "second");
    }

    @Test
    void write_warn_isInTheFileAtOnceWithTheLinesBefore() throws IOException {
        logs = new SessionLogs(context, Level.INFO, 100, 1000, Duration.ofHours(1));
        Path file = open("s1");

        inSession("s1", "a", () -> log.info("buffered"));
        assertThat(file).isEmptyFile();
        inSession("s1", "a", () -> log.warn("flushed"));

        assertThat(Files.readAllLines(file)).hasSize(2);
    }

    @Test
    void flusher_infoLines_reachTheFileWhileTheSessionIsOpen() throws IOException {
        logs = new SessionLogs(context, Level.INFO, 100, 1000, Duration.ofMillis(20));
        Path file = open("s1");

        inSession("s1", "a", () -> log.info("quiet line"));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(file).content().contains("quiet line"));
    }

    @Test
    void flusher_runsOnlyWhileASessionsFileIsOpen() throws IOException {
        logs = new SessionLogs(context, Level.INFO, 100, 1000, Duration.ofMillis(20));
        assertThat(logs.flushing()).as("no session: its thread sleeps").isFalse();

        open("s1");
        open("s2");
        assertThat(logs.flushing()).isTrue();
        logs.close("s1");
        assertThat(logs.flushing()).as("s2 still open").isTrue();
        logs.forget("s2");
        assertThat(logs.flushing()).isFalse();

        Path again = open("s1");
        inSession("s1", "a", () -> log.info("after a pause"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(again).content().contains("after a pause"));
    }

    @Test
    void append_threadWithInterruptFlag_fileStaysWritable() throws IOException {
        logs = SessionLogs.install(Level.INFO);
        Path file = open("s1");

        inSession("s1", "a", () -> {
            Thread.currentThread().interrupt(); // as a cancelled app's thread, logging on its way out
            log.warn("interrupted");
            Thread.interrupted();
            log.warn("later");
        });
        logs.close("s1");

        assertThat(Files.readAllLines(file)).hasSize(2);
    }

    @Test
    void installThenUninstall_rootLoggerAndContext_asTheyWere() {
        var root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        var level = root.getLevel();
        var appenders = appenders(root);
        var turboFilters = List.copyOf(context.getTurboFilterList());
        var listeners = context.getCopyOfListenerList();

        var installed = SessionLogs.install(Level.DEBUG);
        assertThat(root.getLevel()).isEqualTo(level);
        assertThat(appenders(root)).isEqualTo(appenders);
        installed.uninstall();

        assertThat(root.getLevel()).isEqualTo(level);
        assertThat(appenders(root)).isEqualTo(appenders);
        assertThat(context.getTurboFilterList()).containsExactlyElementsOf(turboFilters);
        assertThat(context.getCopyOfListenerList()).containsExactlyElementsOf(listeners);
    }

    private static List<Appender<?>> appenders(ch.qos.logback.classic.Logger logger) {
        var list = new ArrayList<Appender<?>>();
        logger.iteratorForAppenders().forEachRemaining(list::add);
        return list;
    }

    @Test
    void reset_ofTheLoggerContext_keepsRecording() throws Exception {
        logs = SessionLogs.install(Level.INFO);
        open("s1");

        context.reset(); // what a reconfiguration (logback.xml scan) does first
        try {
            inSession("s1", "a", () -> log.info("after reset"));
        } finally {
            new ContextInitializer(context).autoConfig(); // back to logback-test.xml
        }

        assertThat(messages(logs.entries("s1", "a"))).containsExactly("after reset");
    }

    @Test
    void open_alreadyOpen_throwsIllegalState() throws IOException {
        logs = SessionLogs.install(Level.INFO);
        open("s1");

        assertThatThrownBy(() -> logs.open("s1", dir.resolve("other.log")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("s1");
    }

    @Test
    void open_afterUninstall_throwsIllegalState() {
        var uninstalled = SessionLogs.install(Level.INFO);
        uninstalled.uninstall();

        assertThatThrownBy(() -> uninstalled.open("s1", dir.resolve("s1.log")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("uninstalled");
    }

    @Test
    void install_sessionBudgetBelowDropSize_throwsIllegalArgument() {
        assertThatThrownBy(() -> SessionLogs.install(Level.INFO, 100, 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(context.getTurboFilterList()).noneMatch(SessionLogTap.class::isInstance);
    }

    @Test
    void fileName_session_isDlgIpSessionLog() {
        assertThat(SessionLogs.fileName("2026-01-01T00-00-00_1"))
                .matches("dlg_\\d{1,3}(\\.\\d{1,3}){3}_2026-01-01T00-00-00_1\\.log");
    }
}
