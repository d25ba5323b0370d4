package dlg.manager.data;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dlg.core.app.DataDrop;
import dlg.manager.NodeAddress;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The data server on loopback, read through the real {@link DataClient}. */
class DataServerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    /** The drops of session "s". */
    private final Map<String, DataDrop> drops = new ConcurrentHashMap<>();
    private final DataServer server = DataServer.start("localhost", 0, (sid, uid) -> {
        if (!sid.equals("s")) {
            throw new DataRefusedException(DataReply.NO_SESSION, "no session " + sid);
        }
        DataDrop d = drops.get(uid);
        if (d == null) {
            throw new DataRefusedException(DataReply.NO_DROP, "no drop " + uid);
        }
        return d;
    });
    private final List<AutoCloseable> open = new ArrayList<>(List.of(server));

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    private static NodeAddress node(int rpcPort) {
        return new NodeAddress("127.0.0.1", 8000, 5555, rpcPort);
    }

    private DataClient client() {
        return new DataClient((sid, uid) -> Optional.of(node(server.port())), Duration.ofSeconds(5), Duration.ofSeconds(20));
    }

    private void drop(String uid, byte[] content) {
        drops.put(uid, new TestingDataDrop(uid, () -> new ByteArrayInputStream(content)));
    }

    /** Reads to the end, checking every byte against {@link GeneratedStream#byteAt}; returns the count. */
    private static long readGenerated(InputStream in, long from) throws IOException {
        byte[] buf = new byte[8192];
        long pos = from;
        for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
            for (int k = 0; k < n; k++) {
                if (buf[k] != GeneratedStream.byteAt(pos + k)) {
                    throw new AssertionError("byte " + (pos + k) + " differs");
                }
            }
            pos += n;
        }
        return pos;
    }

    @Test
    void serve_completedDrop_clientReadsItsBytes() throws IOException {
        drop("A", "hello".getBytes(UTF_8));
        drop("E", new byte[0]);

        try (InputStream a = client().open("s", "A"); InputStream e = client().open("s", "E")) {
            assertThat(a.readAllBytes()).asString(UTF_8).isEqualTo("hello");
            assertThat(e.readAllBytes()).isEmpty();
            assertThat(a.read()).as("after the end").isEqualTo(-1);
        }
    }

    @Test
    void serve_50MB_isStreamedNeverHeld() throws IOException {
        long size = 50L << 20;
        AtomicLong produced = new AtomicLong();
        drops.put("big", new TestingDataDrop("big", () -> new GeneratedStream(size, produced)));

        try (InputStream in = client().open("s", "big")) {
            byte[] first = in.readNBytes(Wire.CHUNK);
            for (int k = 0; k < first.length; k++) {
                assertThat(first[k]).isEqualTo(GeneratedStream.byteAt(k));
            }
            // the reader pauses: the server must pause too, held back by the sockets' buffers
            await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> produced.get() < size / 2);

            assertThat(readGenerated(in, first.length)).isEqualTo(size);
        }
        assertThat(produced).hasValue(size);
    }

    @Test
    void serve_manyReadersAtOnce_eachGetsItsWholeDrop() throws Exception {
        long size = 1L << 20;
        drops.put("G", new TestingDataDrop("G", () -> new GeneratedStream(size, new AtomicLong())));
        DataClient client = client();
        List<CompletableFuture<Long>> reads = new ArrayList<>();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 16; i++) {
                reads.add(CompletableFuture.supplyAsync(() -> {
                    try (InputStream in = client.open("s", "G")) {
                        return readGenerated(in, 0);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }, threads));
            }
            for (CompletableFuture<Long> r : reads) {
                assertThat(r.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(size);
            }
        }
    }

    @Test
    void serve_moreConnectionsAtOnceThanPlatformThreads_allServed_threadsFreedAtTheirEnd() throws Exception {
        drop("A", "hello".getBytes(UTF_8));
        DataClient client = client();
        List<InputStream> streams = new ArrayList<>();
        for (int i = 0; i < DataServer.PLATFORM_THREADS + 8; i++) { // each open stream holds its connection
            streams.add(client.open("s", "A"));
        }
        assertThat(server.platformThreadsFree()).isZero();

        for (InputStream in : streams) {
            assertThat(in.readAllBytes()).asString(UTF_8).isEqualTo("hello");
            in.close();
        }
        client.close();

        await().atMost(WAIT).until(() -> server.openConnections() == 0);
        await().atMost(WAIT).until(() -> server.platformThreadsFree() == DataServer.PLATFORM_THREADS);
    }

    @ParameterizedTest
    @EnumSource(value = DataReply.class, names = {"OK", "RENEW"}, mode = EnumSource.Mode.EXCLUDE)
    void serve_refused_clientGetsTheReasonAndWhy(DataReply reason) throws IOException {
        try (DataServer refusing = DataServer.start("localhost", 0, (sid, uid) -> {
            throw new DataRefusedException(reason, "because " + reason.name().toLowerCase());
        })) {
            NodeAddress node = node(refusing.port());
            DataClient client = new DataClient((sid, uid) -> Optional.of(node), Duration.ofSeconds(5), Duration.ofSeconds(20));

            assertThatThrownBy(() -> client.open("s", "A"))
                    .isInstanceOfSatisfying(DataRefusedException.class, e -> assertThat(e.reason()).isEqualTo(reason))
                    .hasMessage("cannot read drop 'A' of session s from node " + node + ": refused (" + reason + "): because "
                            + reason.name().toLowerCase());
        }
    }

    @Test
    void serve_unknownSessionOrUid_isRefusedAsSuch() {
        assertThatThrownBy(() -> client().open("other", "A")).isInstanceOfSatisfying(DataRefusedException.class,
                e -> assertThat(e.reason()).isEqualTo(DataReply.NO_SESSION));
        assertThatThrownBy(() -> client().open("s", "nope")).isInstanceOfSatisfying(DataRefusedException.class,
                e -> assertThat(e.reason()).isEqualTo(DataReply.NO_DROP));
    }

    @Test
    void serve_dropCannotBeOpened_isRefusedAsUnreadable() {
        drops.put("F", new TestingDataDrop("F", () -> {
            throw new IOException("file /x/f does not exist");
        }));

        assertThatThrownBy(() -> client().open("s", "F"))
                .isInstanceOfSatisfying(DataRefusedException.class, e -> assertThat(e.reason()).isEqualTo(DataReply.UNREADABLE))
                .hasMessageEndingWith("drop 'F' of session s cannot be read: file /x/f does not exist");
    }

    @Test
    void serve_readingFailsMidway_readerGetsTheFailureNotAnEnd() throws IOException {
        drops.put("F", new TestingDataDrop("F", () -> new GeneratedStream(1 << 20, 100_000, new AtomicLong())));
        byte[] buf = new byte[8192];
        long[] got = {0};

        try (InputStream in = client().open("s", "F")) {
            assertThatThrownBy(() -> {
                for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                    got[0] += n;
                }
            }).isInstanceOf(IOException.class).hasMessageContaining("cannot read drop 'F' of session s from node")
                    .hasMessageEndingWith("the node failed to send it: reading drop 'F' of session s failed after 100000"
                            + " bytes: disk on fire");
        }
        assertThat(got[0]).isEqualTo(100_000);
    }

    @Test
    void serve_notOurProtocol_answersBadRequest() throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            s.getOutputStream().write("GET / HTTP/1.1\r\n\r\n".getBytes(UTF_8));
            var in = new DataInputStream(s.getInputStream());

            assertThat(Wire.readHeader(in)).isNull();
            assertThat(DataReply.ofCode(in.readUnsignedByte())).isEqualTo(DataReply.BAD_REQUEST);
            assertThat(Wire.readString(in)).contains("not of its protocol").contains("[71, 69, 84, 32]");
            assertThat(in.read()).as("the connection is closed").isEqualTo(-1);
        }
    }

    @Test
    void serve_readerLeavesEarly_nextReaderIsServed() throws IOException {
        drops.put("big", new TestingDataDrop("big", () -> new GeneratedStream(Long.MAX_VALUE, new AtomicLong())));
        drop("A", "a".getBytes(UTF_8));

        try (InputStream in = client().open("s", "big")) {
            assertThat(in.read()).isEqualTo(GeneratedStream.byteAt(0) & 0xFF);
        }

        try (InputStream in = client().open("s", "A")) {
            assertThat(in.readAllBytes()).asString(UTF_8).isEqualTo("a");
        }
    }

    @Test
    void read_severalFromOneNode_oneConnectionCarriesThemAll() throws IOException {
        drop("A", "hello".getBytes(UTF_8));
        drop("E", new byte[0]);
        DataClient client = client();
        open.add(client);

        for (String uid : List.of("A", "E", "A")) {
            try (InputStream in = client.open("s", uid)) {
                in.readAllBytes();
            }
        }

        assertThat(server.connectionsAccepted()).isEqualTo(1);
        assertThat(client.idleConnections()).as("kept for the next read").isEqualTo(1);
        assertThat(client.openReads()).isZero();
    }

    @Test
    void read_streamClosedBeforeItsEnd_closesItsConnection_theNextReadMakesAnother() throws IOException {
        drops.put("big", new TestingDataDrop("big", () -> new GeneratedStream(Long.MAX_VALUE, new AtomicLong())));
        drop("A", "a".getBytes(UTF_8));
        DataClient client = client();
        open.add(client);

        try (InputStream in = client.open("s", "big")) {
            assertThat(in.read()).isEqualTo(GeneratedStream.byteAt(0) & 0xFF);
        }
        assertThat(client.idleConnections()).isZero();
        try (InputStream in = client.open("s", "A")) {
            assertThat(in.readAllBytes()).asString(UTF_8).isEqualTo("a");
        }

        assertThat(server.connectionsAccepted()).isEqualTo(2);
    }

    @Test
    void read_refused_closesItsConnection_theNextReadIsServed() throws IOException {
        drop("A", "a".getBytes(UTF_8));
        DataClient client = client();
        open.add(client);

        assertThatThrownBy(() -> client.open("s", "nope")).isInstanceOf(DataRefusedException.class);
        assertThat(client.idleConnections()).isZero();
        try (InputStream in = client.open("s", "A")) {
            assertThat(in.readAllBytes()).asString(UTF_8).isEqualTo("a");
        }

        assertThat(server.connectionsAccepted()).isEqualTo(2);
    }

    @Test
    void read_nodeDeclaredLost_closesTheConnectionsKeptForIt() throws IOException {
        drop("A", "a".getBytes(UTF_8));
        DataClient client = client();
        open.add(client);
        try (InputStream in = client.open("s", "A")) {
            in.readAllBytes();
        }

        client.abort("127.0.0.1", 5555, "no heartbeat for 10 s");

        assertThat(client.idleConnections()).isZero();
        await().atMost(WAIT).until(() -> server.openConnections() == 0);
    }

    @Test
    void serve_requestsOneAfterTheOther_onOneConnection_answersEach() throws IOException {
        drop("A", "hello".getBytes(UTF_8));
        drop("B", "bye".getBytes(UTF_8));
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            var out = new java.io.DataOutputStream(s.getOutputStream());
            var in = new DataInputStream(s.getInputStream());

            for (String uid : List.of("A", "B")) {
                Wire.writeHeader(out);
                Wire.writeId(out, "sid", "s");
                Wire.writeId(out, "uid", uid);
                assertThat(Wire.readHeader(in)).isNull();
                assertThat(DataReply.ofCode(in.readUnsignedByte())).isEqualTo(DataReply.OK);
                byte[] data = new byte[in.readInt()];
                in.readFully(data);
                assertThat(in.readInt()).isEqualTo(Wire.END);
                assertThat(data).asString(UTF_8).isEqualTo(uid.equals("A") ? "hello" : "bye");
            }
            s.shutdownOutput();
            assertThat(in.read()).as("no more requests: the server closes too").isEqualTo(-1);
        }
    }

    @Test
    void close_whileAReaderReads_cutsItsConnection() throws IOException {
        drops.put("big", new TestingDataDrop("big", () -> new GeneratedStream(Long.MAX_VALUE, new AtomicLong())));
        InputStream in = client().open("s", "big");
        open.add(in);
        assertThat(in.readNBytes(1000)).hasSize(1000);

        server.close();

        // whatever the sockets buffered is read first, then the cut shows
        assertThatThrownBy(() -> readGenerated(in, 1000)).isInstanceOf(IOException.class)
                .hasMessageStartingWith("cannot read drop 'big' of session s from node");
        assertThatThrownBy(() -> client().open("s", "big")).isInstanceOf(IOException.class)
                .hasMessageContaining("cannot connect");
    }

    @Test
    void start_portInUse_failsNamingThePort() {
        assertThatThrownBy(() -> DataServer.start("localhost", server.port(), (sid, uid) -> null))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageStartingWith("cannot serve drop data on localhost:" + server.port());
    }
}
