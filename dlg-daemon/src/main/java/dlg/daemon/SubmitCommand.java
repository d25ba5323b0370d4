package dlg.daemon;

import ch.qos.logback.classic.Level;
import dlg.core.graph.ParsedGraph;
import dlg.manager.NodeAddress;
import dlg.manager.SessionIds;
import dlg.manager.auth.Access;
import dlg.manager.auth.TlsContexts;
import dlg.manager.client.RestDropManagerClient;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code dlg submit -M HOST:PORT GRAPH}: runs a graph on a running DataIslandManager and waits for
 * its session to end. The SLURM job script ({@code dlg slurm}) calls it once its managers started.
 */
@Command(name = "submit", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Runs a physical graph on a running DataIslandManager: waits until it and all its"
                + " NodeManagers answer, places the drops on the nodes when no drop names one (as dlg cluster does),"
                + " appends, deploys, and waits for the session to end.",
            "Exit status: 0 if the session FINISHED, 1 if it FAILED (or was cancelled, or the managers did not"
                + " answer), 2 if the graph is invalid."})
final class SubmitCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "GRAPH", description = "physical graph (JSON list of drop specs); - reads stdin")
    String graphFile;

    @Option(names = {"-M", "--manager"}, defaultValue = "localhost:8001", paramLabel = "HOST:PORT",
            description = "the DataIslandManager (default: ${DEFAULT-VALUE}); https://HOST:PORT calls it over HTTPS,"
                    + " as --tls-ca does")
    String manager;

    @Option(names = "--session-id", paramLabel = "ID", description = "default: <graph name>-<date and time>")
    String sessionId;

    @Option(names = "--wait-managers", defaultValue = "120", paramLabel = "S",
            description = "seconds the managers may take to answer (default: ${DEFAULT-VALUE})")
    int waitSeconds;

    @CommandLine.Mixin
    StringLimitOption strings = new StringLimitOption();

    @CommandLine.Mixin
    AccessOptions accessOptions = new AccessOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Logging.configure(0, 0, Level.WARN);
        PrintWriter err = spec.commandLine().getErr();
        Access access = accessOptions.access(spec.commandLine());
        boolean https = manager.startsWith("https://") || access.https();
        NodeAddress dim;
        try {
            dim = NodeAddress.parse(manager.replaceFirst("^https?://", ""), NodeAddress.DIM_PORT);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--manager: " + e.getMessage());
        }
        if (waitSeconds <= 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--wait-managers must be positive: " + waitSeconds);
        }
        if (sessionId != null) {
            try {
                SessionIds.check(sessionId);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--session-id: " + e.getMessage());
            }
        }
        ParsedGraph graph = GraphFiles.readOrReport(graphFile, strings.maxStringLength(spec.commandLine()), err, "dlg submit");
        if (graph == null) {
            return RunCommand.INVALID;
        }
        var client = new RestDropManagerClient(RestDropManagerClient.httpClient(Duration.ofSeconds(10),
                TlsContexts.forClients(access)), dim.host(), dim.restPort(),
                RestDropManagerClient.Options.DEFAULTS.withHttps(https), access.secret());
        String id = sessionId != null ? sessionId : GraphFiles.defaultSessionId(graphFile);
        err.println("dlg submit: session " + id + " on the DataIslandManager " + (https ? "https://" : "") + dim.host()
                + ":" + dim.restPort());
        err.flush();
        return new Submission(client, err, Duration.ofSeconds(waitSeconds), "dlg submit").run(id, graph);
    }
}
