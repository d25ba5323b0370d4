package dlg.daemon;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code dlg slurm GRAPH}: writes the job script of {@link SlurmScript} into a new job directory
 * and submits it with {@code sbatch}. Simpler than DALiuGE's {@code dlg.deploy} (no per-facility
 * configuration, no remote submission): what the job does is the script, which {@code --dry-run}
 * prints for users to edit and submit themselves.
 */
@Command(name = "slurm", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Runs a physical graph as a SLURM job: writes an sbatch script into a new job directory"
                + " and submits it. The job starts one NodeManager per node with srun and a DataIslandManager on the"
                + " first node, runs the graph once every NodeManager answers, and exits with the session's outcome"
                + " (0 FINISHED, 1 FAILED or cancelled, 2 invalid graph).",
            "Logs go to JOB_DIR/logs, node h's session files to JOB_DIR/h/workspace/<session id>.",
            "Other sbatch options are passed on as written, in their --name=value form (e.g. --mem=8G, --qos=debug)."})
final class SlurmCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "GRAPH", description = "physical graph (JSON list of drop specs)")
    Path graph;

    @Option(names = {"-N", "--nodes"}, defaultValue = "1", paramLabel = "N",
            description = "nodes to allocate, one NodeManager each (default: ${DEFAULT-VALUE})")
    int nodes;

    @Option(names = {"-p", "--partition"}, paramLabel = "NAME", description = "the SLURM partition")
    String partition;

    @Option(names = {"-t", "--time"}, paramLabel = "TIME", description = "the job's time limit (as sbatch's --time)")
    String time;

    @Option(names = {"-A", "--account"}, paramLabel = "NAME", description = "the account charged")
    String account;

    @Option(names = "--job-dir", paramLabel = "DIR",
            description = "the job's directory, made if missing (default: ./dlg-<session id>)")
    Path jobDir;

    @Option(names = "--session-id", paramLabel = "ID", description = "default: <graph name>-<date and time>")
    String sessionId;

    @Option(names = "--dry-run", description = "print the script, submit nothing")
    boolean dryRun;

    @Option(names = "--no-auth", description = "no secret: the job's managers are open to whoever reaches their"
            + " ports, as DALiuGE's are. Default: the job makes a fresh secret (JOB_DIR/auth-token, readable by you"
            + " only), which every manager demands")
    boolean noAuth;

    @Option(names = "--wait", description = "wait for the job to end and exit with its status (sbatch --wait)")
    boolean await;

    @Option(names = "--nm-port", defaultValue = "8000", paramLabel = "PORT", description = "NodeManagers' REST port (default: ${DEFAULT-VALUE})")
    int nmPort;

    @Option(names = "--event-port", defaultValue = "5555", paramLabel = "PORT", description = "NodeManagers' event port (default: ${DEFAULT-VALUE})")
    int eventPort;

    @Option(names = "--rpc-port", defaultValue = "6666", paramLabel = "PORT", description = "NodeManagers' data port (default: ${DEFAULT-VALUE})")
    int rpcPort;

    @Option(names = "--dim-port", defaultValue = "8001", paramLabel = "PORT",
            description = "the DataIslandManager's REST and UI port (default: ${DEFAULT-VALUE})")
    int dimPort;

    @CommandLine.Unmatched
    List<String> sbatchOptions = new ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        for (int p : new int[] {nmPort, eventPort, rpcPort, dimPort}) {
            if (p < 1 || p > 65535) {
                throw new CommandLine.ParameterException(spec.commandLine(), "port out of range: " + p);
            }
        }
        String id = sessionId != null ? sessionId : GraphFiles.defaultSessionId(graph.toString());
        Path dir = (jobDir != null ? jobDir : Path.of("dlg-" + id)).toAbsolutePath().normalize();
        SlurmScript script;
        try {
            dlg.manager.SessionIds.check(id);
            script = new SlurmScript(launcher(), graph.toAbsolutePath().normalize(), dir, id, nodes, partition, time,
                    account, nmPort, eventPort, rpcPort, dimPort, sbatchOptions, !noAuth);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (!Files.isRegularFile(graph)) {
            err.println("dlg slurm: cannot read " + graph + ": no such file");
            return RunCommand.INVALID;
        }
        if (dryRun) {
            out.print(script.text());
            out.flush();
            return 0;
        }
        Files.createDirectories(dir.resolve("logs"));
        Path file = dir.resolve("job.sh");
        Files.writeString(file, script.text());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String> command = new ArrayList<>(List.of("sbatch", "--parsable"));
        if (await) {
            command.add("--wait");
        }
        command.add(file.toString());
        Process sbatch;
        try {
            sbatch = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            err.println("dlg slurm: cannot run sbatch (is SLURM installed here?): " + e.getMessage()
                    + "; the script is " + file);
            return 1;
        }
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(sbatch.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                String job = line.split(";")[0].strip();
                if (!job.isEmpty()) {
                    err.println("dlg slurm: job " + job + " submitted, session " + id + "; its directory " + dir
                            + " (job.sh, job-" + job + ".out, logs/, <node>/workspace/" + id + ")");
                    err.flush();
                }
            }
        }
        int status = sbatch.waitFor();
        if (status != 0 && !await) {
            err.println("dlg slurm: sbatch failed (exit status " + status + "); the script is " + file);
        }
        return status;
    }

    /**
     * The command that runs this dlg: the launcher that started it ({@code DLG_LAUNCHER}, set by
     * {@code scripts/dlg}), else this Java on this jar. Absolute, so that the job runs this version.
     */
    static List<String> launcher() {
        String launcher = System.getenv("DLG_LAUNCHER");
        if (launcher != null && !launcher.isBlank()) {
            return List.of(Path.of(launcher).toAbsolutePath().toString());
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        try {
            Path jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath();
            return List.of(java, "-XX:+UseCompactObjectHeaders", "-jar", jar.toString());
        } catch (URISyntaxException | SecurityException e) {
            throw new IllegalStateException("cannot tell where dlg is installed: " + e.getMessage(), e);
        }
    }
}
