package dlg.core.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dlg.core.python.Pythons;
import dlg.core.runtime.Graph;
import dlg.core.runtime.TestRun;
import dlg.core.state.SessionState;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultTransmitterTest {

    private static final String TRANSMITTER = "dlg.dask_emulation.ResultTransmitter";

    @TempDir
    Path dir;

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** What DALiuGE's compute() does: connects once the app listens, reads a length and a pickle. */
    private static byte[] receive(int port) throws IOException {
        AtomicReference<Socket> socket = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).ignoreExceptions()
                .until(() -> {
                    socket.set(new Socket("127.0.0.1", port));
                    return true;
                });
        try (Socket s = socket.get(); DataInputStream in = new DataInputStream(s.getInputStream())) {
            return in.readNBytes(in.readInt());
        }
    }

    /** The value Python's pickle.loads makes of {@code pickle}, as repr() shows it. */
    private static String unpickled(byte[] pickle) throws Exception {
        return Pythons.run("import pickle; print(repr(pickle.loads(bytes.fromhex('"
                + HexFormat.of().formatHex(pickle) + "'))))").strip();
    }

    @Test
    void severalInputs_listOfEachValueAsPythonUnpicklesIt() throws Exception {
        Pythons.assumePython();
        int port = freePort();
        Graph g = new Graph();
        g.memory("A").param("pydata", 3).consumers("T");
        g.memory("B").arg("pydata", "[1, 2.5, \"x\"]", "NoPort", null, "json")
                .consumers("T");
        g.memory("E").consumers("T");
        g.app("T", TRANSMITTER).param("port", port).param("host", "127.0.0.1");
        try (TestRun run = TestRun.deploy(dir, g)) {
            run.trigger();

            byte[] payload = receive(port);

            assertThat(run.await()).isEqualTo(SessionState.FINISHED);
            assertThat(unpickled(payload)).isEqualTo("[3, [1, 2.5, 'x'], None]");
        }
    }

    @Test
    void oneInput_itsValueAlone() throws Exception {
        Pythons.assumePython();
        int port = freePort();
        Graph g = new Graph();
        g.memory("A").param("pydata", 42).consumers("T");
        g.app("T", TRANSMITTER).param("port", port).param("host", "127.0.0.1");
        try (TestRun run = TestRun.deploy(dir, g)) {
            run.trigger();

            byte[] payload = receive(port);

            assertThat(run.await()).isEqualTo(SessionState.FINISHED);
            assertThat(unpickled(payload)).isEqualTo("42");
        }
    }

    @Test
    void noPort_failsAsDaliugeSays() throws Exception {
        Graph g = new Graph();
        g.memory("A").param("pydata", 42).consumers("T");
        g.app("T", TRANSMITTER);
        try (TestRun run = TestRun.deploy(dir, g)) {
            assertThat(run.runToEnd()).isEqualTo(SessionState.FAILED);
            assertThat(run.status("T").error()).contains("Missing port parameter");
        }
    }
}
