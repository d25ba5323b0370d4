package dlg.manager.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dlg.core.error.GenericDlgException;
import dlg.core.error.NoSessionException;
import dlg.core.error.RestClientException;
import dlg.core.error.SubManagerException;
import dlg.core.state.SessionState;
import dlg.manager.client.TestingHttpServer.Reply;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class FanoutTest {

    private static final RestDropManagerClient.Options FAST = new RestDropManagerClient.Options(
            Duration.ofSeconds(2), Duration.ofSeconds(5), false);

    private static RestDropManagerClient client(int port) {
        return new RestDropManagerClient(RestDropManagerClient.sharedHttpClient(), "127.0.0.1", port, FAST);
    }

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void call_oneGoodAndTwoBadNodes_subManagerExceptionListsEveryBadNode() throws Exception {
        try (var good = TestingHttpServer.answering(Reply.json(200, "3"));
             var noSession = TestingHttpServer.answering(
                     Reply.json(404, "{\"type\": \"NoSessionException\", \"args\": [\"s1\"]}"))) {
            Map<String, RestDropManagerClient> nodes = new LinkedHashMap<>();
            nodes.put("good:8000:5555:6666", client(good.port()));
            nodes.put("lost:8000:5555:6666", client(noSession.port()));
            nodes.put("down:8000:5555:6666", client(closedPort()));

            var e = catchThrowableOfType(SubManagerException.class,
                    () -> Fanout.call(nodes, (node, nm) -> nm.sessionStatus("s1")));

            assertThat(e.failures()).containsOnlyKeys("lost:8000:5555:6666", "down:8000:5555:6666");
            assertThat(e.failures().get("lost:8000:5555:6666")).isInstanceOf(NoSessionException.class);
            assertThat(e.failures().get("down:8000:5555:6666")).isInstanceOf(RestClientException.class)
                    .hasMessageContaining("connection refused");
            assertThat(e).hasMessageStartingWith("2 sub-managers failed: lost:8000:5555:6666: NoSessionException: "
                    + "no session with id 's1'; down:8000:5555:6666: RestClientException: 127.0.0.1:");
            assertThat(e.args()).containsOnlyKeys("lost:8000:5555:6666", "down:8000:5555:6666");
            assertThat(good.requests()).hasSize(1); // the good node was called all the same
        }
    }

    @Test
    void call_everyNodeSucceeds_resultsInTheOrderOfTheNodes() {
        Map<String, Integer> nodes = new LinkedHashMap<>();
        nodes.put("c", 3);
        nodes.put("a", 1);
        nodes.put("b", 2);

        Map<String, String> results = Fanout.call(nodes, (node, n) -> node + n);

        assertThat(results).containsExactly(Map.entry("c", "c3"), Map.entry("a", "a1"), Map.entry("b", "b2"));
    }

    @Test
    void call_threeNodes_runInParallel() {
        CountDownLatch allStarted = new CountDownLatch(3);
        Map<String, Integer> nodes = Map.of("a", 1, "b", 2, "c", 3);

        Map<String, Boolean> met = Fanout.call(nodes, (node, n) -> {
            allStarted.countDown();
            return allStarted.await(10, TimeUnit.SECONDS); // true only if the three calls overlap
        });

        assertThat(met.values()).containsOnly(true);
    }

    @Test
    void run_failureThatIsNoDlgException_reportedUnderItsClassNameAndLogged() {
        Logger logger = (Logger) LoggerFactory.getLogger(Fanout.class);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        logger.addAppender(logs);
        logger.setAdditive(false); // an expected error: kept off the console
        SubManagerException e;
        try {
            e = catchThrowableOfType(SubManagerException.class, () -> Fanout.run(Map.of("a", 1),
                    (node, n) -> {
                        throw new IllegalStateException("bug");
                    }));
        } finally {
            logger.detachAppender(logs);
            logger.setAdditive(true);
        }

        assertThat(logs.list).singleElement().extracting(ILoggingEvent::getFormattedMessage)
                .isEqualTo("a call on a failed");

        assertThat(e.failures().get("a")).isInstanceOf(GenericDlgException.class)
                .hasMessage("IllegalStateException: bug").hasCauseInstanceOf(IllegalStateException.class);
        assertThat(e.failures().get("a").type()).isEqualTo("IllegalStateException");
        assertThat(e.failures().get("a").args()).isEqualTo(List.of("IllegalStateException: bug"));
    }

    @Test
    void call_noNodes_noResults() {
        assertThat(Fanout.call(Map.<String, SessionState>of(), (node, s) -> s)).isEmpty();
    }
}
