package dlg.core.apps;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dlg.core.error.InvalidGraphException;
import dlg.core.runtime.Graph;
import dlg.core.runtime.Recorder;
import dlg.core.runtime.TestRun;
import dlg.core.state.AppState;
import dlg.core.state.DropState;
import dlg.core.state.SessionState;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SocketListenerAppTest {

    private static final Path PROC_NET_TCP = Path.of("/proc/net/tcp");

    @TempDir
    Path dir;

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Connects once the app listens (retrying until then) and sends {@code data}. */
    private static void send(int port, byte[] data) {
        AtomicReference<Socket> socket = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).ignoreExceptions()
                .until(() -> {
                    socket.set(new Socket("127.0.0.1", port));
                    return true;
                });
        try (Socket s = socket.get(); OutputStream out = s.getOutputStream()) {
            out.write(data);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Whether something listens on 127.0.0.1:port, read from the kernel's tables (no connection
     * made): Java's sockets are dual-stack, so the address may be an IPv4-mapped IPv6 one.
     */
    private static boolean listening(int port) throws IOException {
        String hexPort = String.format(Locale.ROOT, ":%04X", port);
        for (Path table : new Path[] {PROC_NET_TCP, PROC_NET_TCP.resolveSibling("tcp6")}) {
            if (!Files.isReadable(table)) {
                continue;
            }
            for (String line : Files.readAllLines(table)) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 3 && f[1].endsWith("0100007F" + hexPort) && f[3].equals("0A")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Graph listener(int port) {
        Graph g = new Graph();
        g.data("L", Graph.SOCKET).param("categoryType", "socket")
                .param("host", "127.0.0.1").param("port", port).param("bufsize", 7).outputs("M", "F");
        g.memory("M").consumers("R");
        g.file("F").param("filepath", "received.bin");
        return g;
    }

    @Test
    void receivedBytes_landInEveryOutput() throws Exception {
        int port = freePort();
        Recorder rec = new Recorder();
        Graph g = listener(port);
        g.app("R", rec);
        byte[] data = new byte[100_000];
        new Random(3).nextBytes(data);
        try (TestRun run = TestRun.deploy(dir, g)) {
            assertThat(run.spec.roots()).contains("L");
            run.trigger();

            send(port, data);

            assertThat(run.await()).isEqualTo(SessionState.FINISHED);
            assertThat(run.exec("L")).isEqualTo(AppState.FINISHED);
        }
        assertThat(rec.bytes("M")).isEqualTo(data);
        assertThat(Files.readAllBytes(dir.resolve("received.bin"))).isEqualTo(data);
    }

    @Test
    void tenBytes_likeDaliugesComplexGraph() throws Exception {
        int port = freePort();
        Recorder rec = new Recorder();
        Graph g = listener(port);
        g.app("R", rec);
        try (TestRun run = TestRun.deploy(dir, g)) {
            run.trigger();

            send(port, "0123456789".getBytes());

            assertThat(run.await()).isEqualTo(SessionState.FINISHED);
        }
        assertThat(rec.text("M")).isEqualTo("0123456789");
    }

    @Test
    void cancel_whileWaitingForAConnection_endsPromptlyAndStopsListening() throws Exception {
        assumeTrue(Files.isReadable(PROC_NET_TCP), "needs Linux's /proc/net/tcp to see a listening socket");
        int port = freePort();
        Graph g = listener(port);
        g.app("R", Graph.NULL_BARRIER);
        try (TestRun run = TestRun.deploy(dir, g)) {
            run.trigger();
            await().atMost(Duration.ofSeconds(10)).until(() -> listening(port));

            run.execution.cancel();

            assertThat(run.execution.outcome().get(5, SECONDS)).isEqualTo(SessionState.CANCELLED);
            assertThat(run.status("L").execStatus()).isEqualTo(AppState.CANCELLED);
            assertThat(run.state("M")).isEqualTo(DropState.CANCELLED);
            await().atMost(Duration.ofSeconds(10)).until(() -> !listening(port));
        }
    }

    @Test
    void inputs_areRefusedAtDeploy() throws Exception {
        Graph g = new Graph();
        g.memory("IN").consumers("L");
        g.app("L", Graph.SOCKET).param("host", "127.0.0.1").param("port", freePort());

        assertThatThrownBy(() -> TestRun.deploy(dir, g)).isInstanceOf(InvalidGraphException.class)
                .hasMessageContaining("drop 'L'").hasMessageContaining("takes no inputs");
    }

    @Test
    void portOutOfRange_isAnError() {
        Graph g = new Graph();
        g.app("L", Graph.SOCKET).param("port", 70000);
        try (TestRun run = TestRun.deploy(dir, g)) {
            assertThat(run.runToEnd()).isEqualTo(SessionState.FAILED);
            assertThat(run.status("L").error()).contains("70000");
        }
    }

    @Test
    void portInUse_isAnError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            Graph g = new Graph();
            g.app("L", Graph.SOCKET).param("host", "127.0.0.1").param("port", taken.getLocalPort());
            try (TestRun run = TestRun.deploy(dir, g)) {
                assertThat(run.runToEnd()).isEqualTo(SessionState.FAILED);
                assertThat(run.exec("L")).isEqualTo(AppState.ERROR);
            }
        }
    }

    @Test
    void waits_onAVirtualThread() {
        assertThat(new SocketListenerApp().waits(new TestingAppContext())).isTrue();
    }
}
