package dlg.manager.history;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A throw-away PostgreSQL cluster for tests: Debian's {@code initdb} and {@code pg_ctl}
 * ({@code /usr/lib/postgresql/<version>/bin}, or {@code $DLG_PG_BIN}) make one in a temporary
 * directory, listening on a free loopback port with trust authentication, started once per test
 * JVM and stopped (and deleted) when it exits. {@code initdb} refuses to run as root, as CI
 * does: then the cluster is made and run as the {@code postgres} user the Debian package creates
 * ({@code runuser -u postgres}), in a directory handed to it. Where PostgreSQL is not installed
 * the tests that need it are skipped, saying why.
 */
final class TestingPostgres implements AutoCloseable {

    private final Path dir;
    private final Path bin;
    private final List<String> asUser;
    private final int port;

    private TestingPostgres(Path dir, Path bin, List<String> asUser, int port) {
        this.dir = dir;
        this.bin = bin;
        this.asUser = asUser;
        this.port = port;
    }

    private static TestingPostgres shared;
    private static RuntimeException failed;

    /**
     * The JDBC URL of a fresh database (one per call) of the cluster shared by the JVM's tests,
     * started at the first call and stopped when the JVM exits.
     */
    static synchronized String freshDatabase() throws Exception {
        if (shared == null && failed == null) {
            try {
                shared = start();
                TestingPostgres pg = shared;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        pg.close();
                    } catch (Exception e) {
                        System.err.println("cannot stop the tests' PostgreSQL in " + pg.dir + ": " + e);
                    }
                }));
            } catch (RuntimeException e) { // skipped or broken: the same for every later test
                failed = e;
            }
        }
        if (failed != null) {
            throw failed;
        }
        TestingPostgres pg = shared;
        String db = "t" + Long.toHexString(System.nanoTime());
        try (var c = java.sql.DriverManager.getConnection(pg.url("postgres")); var s = c.createStatement()) {
            s.execute("CREATE DATABASE " + db);
        }
        return pg.url(db);
    }

    String url(String db) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + db + "?user=dlg";
    }

    private static TestingPostgres start() {
        Optional<Path> bin = binaries();
        Assumptions.assumeTrue(bin.isPresent(), "PostgreSQL tests skipped: no initdb/pg_ctl in /usr/lib/postgresql/*/bin"
                + " nor $DLG_PG_BIN (apt-get install postgresql)");
        List<String> asUser = new ArrayList<>();
        try {
            Path dir = Files.createTempDirectory("dlg-pg");
            if ("root".equals(System.getProperty("user.name"))) {
                UserPrincipal postgres;
                try {
                    postgres = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
                } catch (IOException e) {
                    Assumptions.abort("PostgreSQL tests skipped: running as root, and there is no 'postgres' user"
                            + " to run initdb as (it refuses root)");
                    throw e;
                }
                Files.setOwner(dir, postgres);
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
                asUser.addAll(List.of("runuser", "-u", "postgres", "--"));
            }
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            var pg = new TestingPostgres(dir, bin.get(), asUser, port);
            pg.run("initdb", "-D", dir.resolve("data").toString(), "-U", "dlg", "-A", "trust", "-E", "UTF8",
                    "--no-sync", "--no-instructions");
            pg.run("pg_ctl", "-D", dir.resolve("data").toString(), "-w", "-t", "60", "-l", dir.resolve("log").toString(),
                    "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=" + dir
                            + " -c fsync=off -c shared_buffers=16MB", "start");
            return pg;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("cannot start a PostgreSQL cluster for the tests: " + e.getMessage(), e);
        }
    }

    private static Optional<Path> binaries() {
        String env = System.getenv("DLG_PG_BIN");
        if (env != null && Files.isExecutable(Path.of(env, "initdb"))) {
            return Optional.of(Path.of(env));
        }
        Path base = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(base)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(base)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparing(b -> b.getParent().getFileName().toString()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private void run(String tool, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(asUser);
        cmd.add(bin.resolve(tool).toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(90, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(tool + " failed: " + out);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            run("pg_ctl", "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop");
        } finally {
            try (Stream<Path> all = Files.walk(dir)) {
                all.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
