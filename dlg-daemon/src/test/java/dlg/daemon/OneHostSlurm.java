package dlg.daemon;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A one-host SLURM cluster for tests: munged with its own key and socket, slurmctld and slurmd
 * (node {@code localhost}, 2 CPUs, partition {@code debug}) on free ports, all state and logs in
 * a directory of the test's. Needs root and Debian's {@code slurm-wlm} and {@code munge}
 * ({@code .ci/run} installs them); without them the test is skipped, saying which is missing.
 */
final class OneHostSlurm implements AutoCloseable {

    private static final Duration START = Duration.ofSeconds(60);

    private final Path dir;
    private final List<Process> daemons = new ArrayList<>();

    private OneHostSlurm(Path dir) {
        this.dir = dir;
    }

    /** Starts it, or skips the calling test when this machine cannot. */
    static OneHostSlurm start(Path dir) throws IOException, InterruptedException {
        for (String tool : List.of("munged", "mungekey", "slurmctld", "slurmd", "sbatch", "sinfo", "scontrol", "srun")) {
            assumeTrue(which(tool) != null, "SLURM tests skipped: " + tool + " is not installed (apt-get install slurm-wlm munge)");
        }
        assumeTrue("root".equals(System.getProperty("user.name")),
                "SLURM tests skipped: starting slurmd and munged needs root (CI runs as root)");
        OneHostSlurm slurm = new OneHostSlurm(dir);
        try {
            slurm.launch();
        } catch (IOException | RuntimeException | InterruptedException | Error e) {
            slurm.close();
            throw e;
        }
        return slurm;
    }

    /** The environment a SLURM command needs to reach this cluster. */
    Map<String, String> environment() {
        return Map.of("SLURM_CONF", dir.resolve("slurm.conf").toString());
    }

    Path dir() {
        return dir;
    }

    private void launch() throws IOException, InterruptedException {
        Path munge = Files.createDirectories(dir.resolve("munge"));
        Files.setPosixFilePermissions(munge, PosixFilePermissions.fromString("rwx--x--x"));
        Path key = munge.resolve("munge.key");
        run(List.of("mungekey", "-c", "-k", key.toString(), "-b", "1024"));
        Path socket = munge.resolve("sock");
        daemons.add(daemon("munged", List.of("munged", "-F", "-f", "--key-file=" + key, "-S", socket.toString(),
                "--pid-file=" + munge.resolve("pid"), "--seed-file=" + munge.resolve("seed"),
                "--log-file=" + munge.resolve("munged.log"))));
        await().atMost(START).until(() -> Files.exists(socket));
        Files.createDirectories(dir.resolve("state"));
        Files.createDirectories(dir.resolve("spool"));
        int[] ports = freePorts(2);
        Files.writeString(dir.resolve("slurm.conf"), """
                ClusterName=dlgtest
                SlurmctldHost=localhost
                SlurmctldPort=%d
                SlurmdPort=%d
                SlurmUser=root
                SlurmdUser=root
                AuthType=auth/munge
                AuthInfo=socket=%s
                CredType=cred/munge
                StateSaveLocation=%s
                SlurmdSpoolDir=%s
                SlurmctldPidFile=%s
                SlurmdPidFile=%s
                SlurmctldLogFile=%s
                SlurmdLogFile=%s
                ProctrackType=proctrack/linuxproc
                TaskPlugin=task/none
                SelectType=select/linear
                SchedulerType=sched/builtin
                MpiDefault=none
                ReturnToService=2
                JobCompType=jobcomp/none
                AccountingStorageType=accounting_storage/none
                JobAcctGatherType=jobacct_gather/none
                MailProg=/bin/true
                NodeName=localhost CPUs=2 RealMemory=512 State=UNKNOWN
                PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
                """.formatted(ports[0], ports[1], socket, dir.resolve("state"), dir.resolve("spool"),
                dir.resolve("slurmctld.pid"), dir.resolve("slurmd.pid"), dir.resolve("slurmctld.log"),
                dir.resolve("slurmd.log")));
        daemons.add(daemon("slurmctld", List.of("slurmctld", "-D", "-i")));
        daemons.add(daemon("slurmd", List.of("slurmd", "-D", "-N", "localhost")));
        await().atMost(START).pollInterval(Duration.ofMillis(250)).until(() -> {
            daemons.forEach(p -> {
                if (!p.isAlive()) {
                    throw new IllegalStateException("a SLURM daemon stopped: see " + dir);
                }
            });
            return run(List.of("sinfo", "-h", "-n", "localhost", "-o", "%t")).strip().equals("idle");
        });
    }

    private Process daemon(String name, List<String> command) throws IOException {
        List<String> resolved = new ArrayList<>(command);
        resolved.set(0, which(command.get(0)));
        ProcessBuilder pb = new ProcessBuilder(resolved).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".out").toFile());
        pb.environment().putAll(environment());
        return pb.start();
    }

    /** Runs a SLURM command to its end: its output. */
    String run(List<String> command) throws IOException, InterruptedException {
        List<String> resolved = new ArrayList<>(command);
        resolved.set(0, which(command.get(0)));
        ProcessBuilder pb = new ProcessBuilder(resolved).redirectErrorStream(true);
        pb.environment().putAll(environment());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    /** The tool's path: on PATH, or in /usr/sbin (where Debian puts the daemons), else null. */
    private static String which(String tool) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        dirs.add("/usr/sbin");
        for (String d : dirs) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, tool))) {
                return Path.of(d, tool).toString();
            }
        }
        return null;
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

    /** Stops slurmd (and the jobs' processes), slurmctld, munged, in that order. */
    @Override
    public void close() throws InterruptedException {
        for (Process p : daemons.reversed()) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
            if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly().waitFor();
            }
        }
    }
}
