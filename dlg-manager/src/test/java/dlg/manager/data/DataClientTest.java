package dlg.manager.data;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dlg.manager.NodeAddress;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The data client against fake nodes that answer, refuse, stall, cut off or speak another protocol. */
class DataClientTest {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(1);

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    private static NodeAddress node(int rpcPort) {
        return new NodeAddress("127.0.0.1", 8000, 5555, rpcPort);
    }

    private static DataClient client(int rpcPort) {
        return new DataClient((sid, uid) -> Optional.of(node(rpcPort)), Duration.ofSeconds(5), READ_TIMEOUT);
    }

    /** A fake node that reads the request, then answers with {@code reply}. */
    private TestingPort node(Reply reply) throws IOException {
        TestingPort p = new TestingPort(s -> {
            var in = new DataInputStream(s.getInputStream());
            Wire.readHeader(in);
            Wire.readString(in);
            Wire.readString(in);
            var out = new DataOutputStream(new BufferedOutputStream(s.getOutputStream()));
            reply.write(out, s);
            out.flush();
        });
        open.add(p);
        return p;
    }

    interface Reply {
        void write(DataOutputStream out, Socket s) throws IOException;
    }

    /** Waits until the client closes the connection: a node that has nothing more to say. */
    private static void silence(DataOutputStream out, Socket s) throws IOException {
        out.flush();
        s.getInputStream().transferTo(OutputStream.nullOutputStream());
    }

    @Test
    void open_sendsTheSessionIdAndUid_asUtf8() throws IOException {
        List<String> seen = new CopyOnWriteArrayList<>();
        TestingPort p = new TestingPort(s -> {
            var in = new DataInputStream(s.getInputStream());
            seen.add(String.valueOf(Wire.readHeader(in)));
            seen.add(Wire.readString(in));
            seen.add(Wire.readString(in));
            var out = new DataOutputStream(s.getOutputStream());
            Wire.writeHeader(out);
            out.writeByte(DataReply.OK.code());
            out.writeInt(Wire.END);
        });
        open.add(p);

        try (InputStream in = client(p.port()).open("s-1", "uid-é-ü")) {
            assertThat(in.readAllBytes()).isEmpty();
        }
        assertThat(seen).containsExactly("null", "s-1", "uid-é-ü");
    }

    /** A fake node that counts its connections and answers "empty" to each request on one, {@code perConnection} times. */
    private TestingPort answering(AtomicInteger connections, int perConnection, Reply afterThat) throws IOException {
        TestingPort p = new TestingPort(s -> {
            connections.incrementAndGet();
            var in = new DataInputStream(s.getInputStream());
            var out = new DataOutputStream(new BufferedOutputStream(s.getOutputStream()));
            for (int i = 0; ; i++) {
                Wire.readHeader(in);
                Wire.readString(in);
                Wire.readString(in);
                if (i == perConnection) {
                    afterThat.write(out, s);
                    return;
                }
                Wire.writeHeader(out);
                out.writeByte(DataReply.OK.code());
                out.writeInt(Wire.END);
                out.flush();
            }
        });
        open.add(p);
        return p;
    }

    @Test
    void open_keptConnectionClosedByTheNode_readGoesOnOverANewOne() throws IOException {
        AtomicInteger connections = new AtomicInteger();
        // a node that closes each connection after one answer (it restarted, or timed the connection out)
        TestingPort p = answering(connections, 1, (out, s) -> { });
        DataClient client = client(p.port());

        for (int i = 0; i < 3; i++) {
            try (InputStream in = client.open("s", "A")) {
                assertThat(in.readAllBytes()).isEmpty();
            }
        }

        assertThat(connections).hasValue(3);
    }

    @Test
    void open_keptConnection_nodeSilent_failsAfterTheReadTimeout_notElsewhere() throws IOException {
        AtomicInteger connections = new AtomicInteger();
        TestingPort p = answering(connections, 1, DataClientTest::silence);
        DataClient client = client(p.port());
        try (InputStream in = client.open("s", "A")) {
            in.readAllBytes();
        }

        assertThatThrownBy(() -> client.open("s", "A")).isInstanceOf(IOException.class)
                .hasMessage("cannot read drop 'A' of session s from node " + node(p.port())
                        + ": the node sent nothing for 1 s");
        assertThat(connections).hasValue(1);
    }

    @Test
    void open_noNodeKnownForTheDrop_failsNamingIt() {
        DataClient client = new DataClient((sid, uid) -> Optional.empty(), Duration.ofSeconds(1), READ_TIMEOUT);

        assertThatThrownBy(() -> client.open("s", "A")).isInstanceOf(IOException.class)
                .hasMessageStartingWith("cannot read drop 'A' of session s: no node is known to hold it");
    }

    @Test
    void open_nothingListens_failsNamingTheNodeAndWhy() throws IOException {
        int port = TestingPort.closedPort();

        assertThatThrownBy(() -> client(port).open("s", "A")).isInstanceOf(IOException.class)
                .hasMessageStartingWith("cannot read drop 'A' of session s from node " + node(port)
                        + ": cannot connect to 127.0.0.1:" + port + ": Connection refused");
    }

    @Test
    void open_nodeSaysNothing_failsAfterTheReadTimeout() throws IOException {
        TestingPort p = node(DataClientTest::silence);

        assertThatThrownBy(() -> client(p.port()).open("s", "A")).isInstanceOf(IOException.class)
                .hasMessage("cannot read drop 'A' of session s from node " + node(p.port())
                        + ": the node sent nothing for 1 s");
    }

    @Test
    void read_nodeFallsSilentMidway_failsAfterTheReadTimeout() throws IOException {
        TestingPort p = node((out, s) -> {
            Wire.writeHeader(out);
            out.writeByte(DataReply.OK.code());
            out.writeInt(10);
            out.write(new byte[10]);
            silence(out, s);
        });

        try (InputStream in = client(p.port()).open("s", "A")) {
            assertThat(in.readNBytes(10)).hasSize(10);
            assertThatThrownBy(in::read).isInstanceOf(IOException.class)
                    .hasMessageEndingWith(": the node sent nothing for 1 s after 10 bytes");
        }
    }

    @Test
    void read_nodeDeclaredLostMidway_failsAtOnceNamingIt_notAfterTheReadTimeout() throws Exception {
        TestingPort p = node((out, s) -> {
            Wire.writeHeader(out);
            out.writeByte(DataReply.OK.code());
            out.writeInt(10);
            out.write(new byte[10]);
            silence(out, s); // as a stopped process: the connection stays, nothing comes
        });
        DataClient client = new DataClient((sid, uid) -> Optional.of(node(p.port())), Duration.ofSeconds(5),
                Duration.ofSeconds(60));
        InputStream in = client.open("s", "A");
        assertThat(in.readNBytes(10)).hasSize(10);
        var reading = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return in.read();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });

        assertThat(client.abort("127.0.0.2", 5555, "gone")).isZero(); // another node
        assertThat(client.abort("127.0.0.1", 5555, "no heartbeat for 10 s")).isEqualTo(1);

        assertThat(reading).failsWithin(Duration.ofSeconds(5)).withThrowableThat().havingRootCause()
                .isInstanceOf(IOException.class);
        assertThatThrownBy(reading::join).hasCauseInstanceOf(java.io.UncheckedIOException.class)
                .cause().cause().hasMessage("cannot read drop 'A' of session s from node " + node(p.port())
                        + ": node " + node(p.port()) + " stopped answering: no heartbeat for 10 s (after 10 bytes)");
        in.close();
        assertThat(client.openReads()).isZero();
    }

    @Test
    void read_connectionClosedInAChunk_failsInsteadOfEnding() throws IOException {
        TestingPort p = node((out, s) -> {
            Wire.writeHeader(out);
            out.writeByte(DataReply.OK.code());
            out.writeInt(100);
            out.write(new byte[10]);
        });

        try (InputStream in = client(p.port()).open("s", "A")) {
            assertThatThrownBy(in::readAllBytes).isInstanceOf(IOException.class)
                    .hasMessageEndingWith(": the connection closed after 10 bytes, before the end of the data");
        }
    }

    @Test
    void read_badChunkLength_fails() throws IOException {
        TestingPort p = node((out, s) -> {
            Wire.writeHeader(out);
            out.writeByte(DataReply.OK.code());
            out.writeInt(-7);
        });

        try (InputStream in = client(p.port()).open("s", "A")) {
            assertThatThrownBy(in::read).isInstanceOf(IOException.class).hasMessageEndingWith(": bad chunk length -7 after 0 bytes");
        }
    }

    @Test
    void open_notADlgDataPort_saysSo() throws IOException {
        TestingPort p = new TestingPort(s -> s.getOutputStream().write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(UTF_8)));
        open.add(p);

        assertThatThrownBy(() -> client(p.port()).open("s", "A")).isInstanceOf(IOException.class)
                .hasMessage("cannot read drop 'A' of session s from node " + node(p.port()) + ": 127.0.0.1:" + p.port()
                        + " is not a dlg NodeManager's data port (its first bytes are [72, 84, 84, 80], not \"DLGD\")");
    }

    @Test
    void open_unknownProtocolVersion_saysSo() throws IOException {
        TestingPort p = node((out, s) -> {
            out.write(new byte[] {'D', 'L', 'G', 'D', 3});
            out.writeByte(0);
        });

        assertThatThrownBy(() -> client(p.port()).open("s", "A")).isInstanceOf(IOException.class)
                .hasMessageEndingWith(" is not a dlg NodeManager's data port (it is version 3 of the protocol, this"
                        + " node's are 1 and 2)");
    }

    @Test
    void open_answerInAnotherVersion_saysSo() throws IOException {
        TestingPort p = node((out, s) -> {
            Wire.writeHeader(out, Wire.VERSION_SECRET);
            out.writeByte(DataReply.OK.code());
        });

        assertThatThrownBy(() -> client(p.port()).open("s", "A")).isInstanceOf(IOException.class)
                .hasMessageEndingWith(" answered a request of version 1 of the protocol with an answer (OK) of"
                        + " version 2");
    }

    @Test
    void open_unknownStatus_saysSo() throws IOException {
        TestingPort p = node((out, s) -> {
            Wire.writeHeader(out);
            out.writeByte(200);
        });

        assertThatThrownBy(() -> client(p.port()).open("s", "A")).isInstanceOf(IOException.class)
                .hasMessageEndingWith(": unknown reply status 200");
    }

    @Test
    void open_connectionClosedBeforeAnyReply_saysSo() throws IOException {
        TestingPort p = node((out, s) -> { });

        assertThatThrownBy(() -> client(p.port()).open("s", "A")).isInstanceOf(IOException.class)
                .hasMessageEndingWith(": the connection closed before the reply");
    }

    @Test
    void new_zeroTimeout_isRefused() {
        assertThatThrownBy(() -> new DataClient((sid, uid) -> Optional.empty(), Duration.ZERO, READ_TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("connectTimeout");
    }
}
