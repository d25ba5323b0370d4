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
 * Not a test: what the secret costs a read across nodes, on loopback. Reads a small drop
 * {@code dlg.bench.reads} times (10,000) one after the other, without and with the secret,
 * {@code dlg.bench.rounds} rounds (3) of each after a warm-up, and prints each round's mean per
 * read and the median round.
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
        System.out.printf("data port on loopback, %d reads of a %d-byte drop per round, one after the other, %d rounds"
                + " of each (interleaved, so that a busy machine weighs on both alike):%n", reads, CONTENT.length, rounds);
        try (DataServer open = server(null); DataServer guarded = server(SECRET)) {
            DataClient[] clients = {client(open, null), client(guarded, SECRET)};
            double[][] perRead = new double[2][rounds];
            for (DataClient c : clients) {
                readMany(c, reads / 2); // warm-up: JIT, SecureRandom's seed, the guarded node's ticket
            }
            for (int r = 0; r < rounds; r++) {
                for (int k = 0; k < 2; k++) {
                    long t0 = System.nanoTime();
                    readMany(clients[k], reads);
                    perRead[k][r] = (System.nanoTime() - t0) / 1e3 / reads;
                }
            }
            double v1 = report("version 1, no secret", perRead[0]);
            double v2 = report("version 2, secret   ", perRead[1]);
            System.out.printf("the secret costs %.1f us per read (%+.0f%%)%n", v2 - v1, 100 * (v2 - v1) / v1);
        }
        long t0 = System.nanoTime();
        byte[] n = Handshake.nonce();
        for (int i = 0; i < reads; i++) {
            Handshake.serverProof(SECRET, n, n);
        }
        System.out.printf("one proof (ClusterSecret.sign) takes %.1f us; a read makes 4 (2 on each side)%n",
                (System.nanoTime() - t0) / 1e3 / reads);
    }

    private static DataServer server(ClusterSecret secret) {
        return DataServer.start("localhost", 0,
                (sid, uid) -> new TestingDataDrop(uid, () -> new ByteArrayInputStream(CONTENT)), secret);
    }

    private static DataClient client(DataServer server, ClusterSecret secret) {
        NodeAddress node = new NodeAddress("127.0.0.1", 8000, 5555, server.port());
        return new DataClient((sid, uid) -> Optional.of(node), Duration.ofSeconds(5), Duration.ofSeconds(5), secret);
    }

    /** @return the median round's mean microseconds per read */
    private static double report(String label, double[] perRead) {
        double[] sorted = perRead.clone();
        Arrays.sort(sorted);
        System.out.printf("  %s rounds %s us/read: median %.1f, best %.1f%n", label,
                Arrays.toString(Arrays.stream(perRead).map(x -> Math.round(x * 10) / 10.0).toArray()),
                sorted[sorted.length / 2], sorted[0]);
        return sorted[sorted.length / 2];
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
