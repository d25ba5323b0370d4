package dlg.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dlg slurm} on a real SLURM: a one-host cluster ({@link OneHostSlurm}) runs the job that
 * {@code dlg.jar slurm --wait} submits; its managers use free ports. Skipped where SLURM cannot
 * run (not installed, not root).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DlgSlurmIT {

    /** HelloWorldApp writes "Hello slurm" into hello.txt; a BashShellApp then copies it. */
    private static final String GRAPH = """
            [{"oid": "hello", "categoryType": "Application", "dropclass": "dlg.apps.simple.HelloWorldApp",
              "greet": "slurm", "outputs": ["greeting"]},
             {"oid": "greeting", "categoryType": "Data", "dropclass": "dlg.data.drops.file.FileDROP",
              "filepath": "hello.txt", "producers": ["hello"], "consumers": ["copy"]},
             {"oid": "copy", "categoryType": "Application", "dropclass": "dlg.apps.bash_shell_app.BashShellApp",
              "command": "cp hello.txt copy.txt", "inputs": ["greeting"]}]
            """;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS) // a failure keeps the daemons' and the job's logs
    static Path tmp;

    private static OneHostSlurm slurm;

    @BeforeAll
    static void startSlurm() throws Exception {
        slurm = OneHostSlurm.start(Files.createDirectories(tmp.resolve("slurm")));
    }

    @AfterAll
    static void stopSlurm() throws Exception {
        if (slurm != null) {
            slurm.close();
        }
    }

    private record Result(int exitCode, String output) {
    }

    private static Result dlgSlurm(String... args) throws IOException, InterruptedException {
        Path jar = Path.of("target", "dlg.jar").toAbsolutePath();
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> command = new ArrayList<>(List.of(java, "-XX:+UseCompactObjectHeaders", "-jar", jar.toString(), "slurm"));
        int[] ports = freePorts(4);
        command.addAll(List.of("--nm-port", "" + ports[0], "--event-port", "" + ports[1], "--rpc-port", "" + ports[2],
                "--dim-port", "" + ports[3]));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).directory(tmp.toFile());
        pb.environment().putAll(slurm.environment());
        pb.environment().remove("DLG_LAUNCHER"); // the job runs this jar
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), out);
    }

    @Test
    void graph_runsAsAJob_finishedWithItsFilesAndLogsInTheJobDirectory() throws Exception {
        Path graph = Files.writeString(tmp.resolve("hello.json"), GRAPH);
        Path job = tmp.resolve("job");

        Result r = dlgSlurm("--wait", "-N", "1", "-p", "debug", "-t", "5", "--job-dir", job.toString(),
                "--session-id", "s1", graph.toString());

        String jobOut = jobOutput(job);
        assertThat(r.exitCode()).as("%s%n---- job output:%n%s", r.output(), jobOut).isZero();
        assertThat(r.output()).contains("dlg slurm: job ").contains("session s1");
        assertThat(jobOut).contains("session s1 FINISHED: 3 drops on 1 NodeManagers");
        Path session = job.resolve("localhost").resolve("workspace").resolve("s1");
        assertThat(session.resolve("hello.txt")).hasContent("Hello slurm");
        assertThat(session.resolve("copy.txt")).hasContent("Hello slurm");
        try (var logs = Files.list(job.resolve("logs"))) {
            assertThat(logs.map(f -> f.getFileName().toString()).toList())
                    .anyMatch(f -> f.startsWith("dlgNM.")).anyMatch(f -> f.startsWith("dlgDIM."));
        }
        assertThat(job.resolve("job.sh")).content().contains("#SBATCH --partition=debug", "#SBATCH --time=5");
        // the job made its own secret, and its managers demanded it
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(job.resolve("auth-token"))))
                .isEqualTo("rw-------");
        assertThat(Files.readString(job.resolve("auth-token")).strip()).hasSizeGreaterThanOrEqualTo(40);
        try (var logs = Files.list(job.resolve("logs"))) {
            Path nmLog = logs.filter(f -> f.getFileName().toString().startsWith("dlgNM.")).findFirst().orElseThrow();
            assertThat(nmLog).content().contains("to holders of the cluster's secret");
        }
    }

    @Test
    void failingGraph_jobExitsWithTheSessionsFailure() throws Exception {
        Path graph = Files.writeString(tmp.resolve("fails.json"), """
                [{"oid": "fail", "categoryType": "Application", "dropclass": "dlg.apps.bash_shell_app.BashShellApp",
                  "command": "exit 3"}]
                """);
        Path job = tmp.resolve("failing-job");

        Result r = dlgSlurm("--wait", "--job-dir", job.toString(), "--session-id", "f1", graph.toString());

        String jobOut = jobOutput(job);
        assertThat(r.exitCode()).as("%s%n---- job output:%n%s", r.output(), jobOut).isEqualTo(1);
        assertThat(jobOut).contains("session f1 FAILED");
    }

    private static String jobOutput(Path job) throws IOException {
        if (!Files.isDirectory(job)) {
            return "(no job directory)";
        }
        StringBuilder all = new StringBuilder();
        try (var files = Files.walk(job)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".out")).sorted().toList()) {
                all.append("---- ").append(job.relativize(f)).append('\n').append(Files.readString(f));
            }
        }
        return all.toString();
    }

    private static int[] freePorts(int n) throws IOException {
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                held.add(new ServerSocket(0));
            }
            return held.stream().mapToInt(ServerSocket::getLocalPort).toArray();
        } finally {
            for (ServerSocket s : held) {
                s.close();
            }
        }
    }
}
