package dlg.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dlg.manager.NodeAddress;
import dlg.manager.auth.Access;
import dlg.manager.auth.TestCertificates;
import dlg.manager.auth.TlsFiles;
import dlg.manager.composite.CompositeManager;
import dlg.manager.service.CompositeManagerService;
import dlg.manager.service.NodeManagerService;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code dlg submit}, in-process, against managers started by the test. */
@Timeout(60)
class SubmitCommandTest {

    @TempDir
    Path tmp;

    private final StringWriter err = new StringWriter();

    private int submit(String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(new StringWriter(), true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void noManager_failsAfterTheWait_sayingSo() throws IOException {
        Path graph = Files.writeString(tmp.resolve("g.json"), RunCommandTest.HELLO);

        int code = submit("submit", "-M", "127.0.0.1:" + freePort(), "--wait-managers", "1", graph.toString());

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("does not answer");
    }

    @Test
    void nodeManagerStartingLate_isWaitedFor_thenTheGraphRuns() throws Exception {
        Path graph = Files.writeString(tmp.resolve("g.json"), RunCommandTest.HELLO);
        int nmPort = freePort();
        try (var dim = CompositeManagerService.start(CompositeManagerService.Config.local(
                CompositeManager.Kind.DATA_ISLAND, List.of(new NodeAddress("127.0.0.1", nmPort, 5555, 6666))))) {
            CompletableFuture<Integer> code = CompletableFuture.supplyAsync(() -> submit("submit", "-M",
                    "127.0.0.1:" + dim.restPort(), "--session-id", "late", graph.toString()));
            await().atMost(Duration.ofSeconds(30)).until(() -> err.toString().contains("waiting for every NodeManager"));
            assertThat(code).isNotDone();

            var config = NodeManagerService.Config.local(tmp.resolve("nm"));
            try (var nm = NodeManagerService.start(new NodeManagerService.Config(config.host(), nmPort, 0, 0,
                    config.dlgRoot(), config.maxRequestSize(), 1, config.options(), config.apps(), config.environment()))) {
                assertThat(code.get()).as(err.toString()).isZero();
                assertThat(err.toString()).contains("session late FINISHED: 2 drops on 1 NodeManagers");
                assertThat(tmp.resolve("nm/workspace/late/hello.txt")).hasContent("Hello run");
            }
        }
    }

    @Test
    void httpsManagers_httpsUrlAndTheirCertificate_runTheGraph() throws Exception {
        Path graph = Files.writeString(tmp.resolve("g.json"), RunCommandTest.HELLO);
        TlsFiles tls = TestCertificates.selfSigned(tmp, "tls", "EC");
        Access https = new Access(null, tls);
        try (var nm = NodeManagerService.start(NodeManagerService.Config.local(tmp.resolve("nm")).withAccess(https));
             var dim = CompositeManagerService.start(CompositeManagerService.Config.local(CompositeManager.Kind.DATA_ISLAND,
                     List.of(nm.nodeAddress())).withAccess(https))) {
            int code = submit("submit", "-M", "https://localhost:" + dim.restPort(), "--tls-ca",
                    tls.certificate().toString(), "--session-id", "secure", graph.toString());

            assertThat(code).as(err.toString()).isZero();
            assertThat(err.toString()).contains("on the DataIslandManager https://localhost:" + dim.restPort())
                    .contains("session secure FINISHED");
        }
    }

    @Test
    void httpsManager_plainHttpClient_failsHintingAtHttps() throws Exception {
        Path graph = Files.writeString(tmp.resolve("g.json"), RunCommandTest.HELLO);
        Access https = new Access(null, TestCertificates.selfSigned(tmp, "tls", "EC"));
        try (var dim = CompositeManagerService.start(CompositeManagerService.Config.local(
                CompositeManager.Kind.DATA_ISLAND, List.of()).withAccess(https))) {
            int code = submit("submit", "-M", "127.0.0.1:" + dim.restPort(), "--wait-managers", "1", graph.toString());

            assertThat(code).isEqualTo(1);
            assertThat(err.toString()).contains("does not answer")
                    .contains("(if it serves HTTPS, call it with https:// or --tls-ca)");
        }
    }

    @Test
    void badCaFile_isAUsageError() throws Exception {
        Path graph = Files.writeString(tmp.resolve("g.json"), RunCommandTest.HELLO);
        Path notPem = Files.writeString(tmp.resolve("ca.der"), "not a certificate");

        int code = submit("submit", "--tls-ca", notPem.toString(), graph.toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--tls-ca " + notPem + " is not a PEM file");
    }
}
