package dlg.manager.data;

import dlg.manager.NodeAddress;
import dlg.manager.auth.ClusterSecret;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Not a test: what the secret's handshake costs a read across nodes, on loopback. Reads a small
 * drop {@code dlg.bench.reads} times (10,000) one after the other, without and with the secret,
 * three rounds each after a warm-up, and prints each round's mean per read and the median round.
 * Its name does not end in {@code Test}, so the build never runs it; run it with
 * {@code scripts/bench/data_port_handshake.sh}.
 */
class DataPortBench {

    private static final ClusterSecret SECRET = ClusterSecret.generate();
    private static final byte[] CONTENT = new byte[100];

    @Test
    void handshakeCost() throws IOException {
        int reads = Integer.getInteger("dlg.bench.reads", 10_000);
        int rounds = Integer.getInteger("dlg.bench.rounds", 3);
        System.out.printf("data port, %d reads of a %d-byte drop per round, %d rounds, median round:%n", reads,
                CONTENT.length, rounds);
        double open = measure("version 1, no secret ", null, reads, rounds);
        double secret = measure("version 2, secret    ", SECRET, reads, rounds);
        System.out.printf("handshake costs %.1f us per read (%.0f%%)%n", secret - open, 100 * (secret - open) / open);
        long t0 = System.nanoTime();
        byte[] n = Handshake.nonce();
        for (int i = 0; i < reads; i++) {
            Handshake.serverProof(SECRET, n, n);
        }
        System.out.printf("one proof (ClusterSecret.sign) takes %.1f us%n", (System.nanoTime() - t0) / 1e3 / reads);
    }

    /** @return the median round's mean microseconds per read */
    private static double measure(String label, ClusterSecret secret, int reads, int rounds) throws IOException {
        try (DataServer server = DataServer.start("localhost", 0,
                (sid, uid) -> new TestingDataDrop(uid, () -> new ByteArrayInputStream(CONTENT)), secret)) {
            NodeAddress node = new NodeAddress("127.0.0.1", 8000, 5555, server.port());
            DataClient client = new DataClient((sid, uid) -> Optional.of(node), Duration.ofSeconds(5),
                    Duration.ofSeconds(5), secret);
            readMany(client, reads / 2); // warm-up: JIT, TLS-free sockets, SecureRandom's seed
            double[] perRead = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                long t0 = System.nanoTime();
                readMany(client, reads);
                perRead[r] = (System.nanoTime() - t0) / 1e3 / reads;
            }
            double[] sorted = perRead.clone();
            Arrays.sort(sorted);
            double median = sorted[rounds / 2];
            System.out.printf("  %s rounds %s us/read, median %.1f us/read%n", label, Arrays.toString(
                    Arrays.stream(perRead).map(x -> Math.round(x * 10) / 10.0).toArray()), median);
            return median;
        }
    }

    private static void readMany(DataClient client, int reads) throws IOException {
        for (int i = 0; i < reads; i++) {
            try (InputStream in = client.open("s", "A")) {
                if (in.readAllBytes().length != CONTENT.length) {
                    throw new IllegalStateException("short read");
                }
            }
        }
    }
}
