package dlg.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dlg.core.error.DlgException;
import dlg.core.error.GraphProblem;
import dlg.core.error.InvalidGraphException;
import dlg.core.error.InvalidRequestException;
import dlg.core.error.SessionAlreadyExistsException;
import dlg.core.graph.GraphSpec;
import dlg.core.graph.ParsedGraph;
import dlg.core.graph.SpecChecker;
import dlg.core.state.SessionState;
import dlg.manager.SubManager;
import dlg.manager.client.RestDropManagerClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a graph on a DataIslandManager over REST, as DALiuGE's clients do, and says how it ended
 * with {@code dlg run}'s exit status: waits until the island and every NodeManager under it
 * answer (a session is created on all of them), places the drops on the nodes when the graph
 * names none ({@link NodeSpread}), appends, deploys with the graph's roots completed, and polls
 * the session's status until every node's part has ended. {@code dlg cluster GRAPH} and the
 * SLURM job's {@code dlg submit} both go through here.
 */
final class Submission {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long POLL_MS = 100;

    private final RestDropManagerClient dim;
    private final PrintWriter err;
    private final Duration nodesWait;
    private final String command;

    /**
     * @param nodesWait how long the island and its NodeManagers may take to answer
     * @param command the command's name, which messages start with ({@code dlg cluster})
     */
    Submission(RestDropManagerClient dim, PrintWriter err, Duration nodesWait, String command) {
        this.dim = dim;
        this.err = err;
        this.nodesWait = nodesWait;
        this.command = command;
    }

    /** @return {@link RunCommand#FINISHED}, {@link RunCommand#FAILED} or {@link RunCommand#INVALID} */
    int run(String sessionId, ParsedGraph graph) throws InterruptedException {
        long t0 = System.nanoTime();
        long deadline = t0 + nodesWait.toNanos();
        List<String> nodes = nodes(deadline);
        if (nodes.isEmpty()) {
            err.println(command + ": the DataIslandManager " + dim.node() + " has no NodeManager");
            return RunCommand.FAILED;
        }
        ParsedGraph placed = NodeSpread.spread(graph, nodes);
        List<String> roots;
        try {
            GraphSpec whole = new GraphSpec();
            whole.append(placed, SpecChecker.NONE); // links and cycles; classes are the NodeManagers' to check
            roots = whole.roots();
        } catch (InvalidGraphException e) {
            return invalid(e);
        }
        if (!createOnEveryNode(sessionId, deadline)) {
            return RunCommand.FAILED;
        }
        long t1 = System.nanoTime();
        try {
            dim.addGraphSpec(sessionId, placed);
            long t2 = System.nanoTime();
            dim.deploySession(sessionId, roots);
            long t3 = System.nanoTime();
            SessionState end = awaitEnd(sessionId);
            long t4 = System.nanoTime();
            err.printf("%s: session %s %s: %d drops on %d NodeManagers in %.2f s (nodes answering %.2f s,"
                            + " append %.2f s, deploy %.2f s, run %.2f s)%n", command, sessionId, end, placed.drops().size(),
                    nodes.size(), secs(t4 - t0), secs(t1 - t0), secs(t2 - t1), secs(t3 - t2), secs(t4 - t3));
            err.flush();
            return end == SessionState.FINISHED ? RunCommand.FINISHED : RunCommand.FAILED;
        } catch (InvalidGraphException e) {
            return invalid(e);
        } catch (DlgException e) {
            err.println(command + ": session " + sessionId + " FAILED: " + e.getMessage());
            err.flush();
            return RunCommand.FAILED;
        }
    }

    /** The island's NodeManagers, asked until it answers or the deadline passes (then empty). */
    private List<String> nodes(long deadline) throws InterruptedException {
        while (true) {
            try {
                List<String> nodes = new ArrayList<>();
                read(dim.ask(SubManager.Query.NODES).json()).forEach(n -> nodes.add(n.asText()));
                return nodes;
            } catch (DlgException e) {
                if (System.nanoTime() > deadline) {
                    err.println(command + ": the DataIslandManager " + dim.node() + " does not answer: " + e.getMessage());
                    return List.of();
                }
                Thread.sleep(POLL_MS);
            }
        }
    }

    /**
     * Creates the session, which the island does on every NodeManager: it succeeds once all
     * answer. A node that does not yet is retried until the deadline.
     */
    private boolean createOnEveryNode(String sessionId, long deadline) throws InterruptedException {
        boolean said = false;
        while (true) {
            try {
                dim.createSession(sessionId);
                return true;
            } catch (SessionAlreadyExistsException | InvalidRequestException e) {
                err.println(command + ": cannot create session " + sessionId + ": " + e.getMessage());
                return false;
            } catch (DlgException e) {
                if (System.nanoTime() > deadline) {
                    err.println(command + ": the NodeManagers did not all answer within " + nodesWait.toSeconds()
                            + " s: " + e.getMessage());
                    return false;
                }
                if (!said) {
                    err.println(command + ": waiting for every NodeManager to answer (" + e.getMessage() + ")");
                    err.flush();
                    said = true;
                }
                Thread.sleep(POLL_MS);
            }
        }
    }

    /** Polls {node: status} until every node's part has ended: FINISHED only if all did. */
    private SessionState awaitEnd(String sessionId) throws InterruptedException {
        while (true) {
            Map<String, SessionState> byNode = new LinkedHashMap<>();
            read(dim.ask(SubManager.Query.SESSION_STATUS, sessionId).json()).properties()
                    .forEach(e -> byNode.put(e.getKey(), SessionState.ofCode(e.getValue().asInt())));
            if (byNode.values().stream().allMatch(SessionState::isTerminal)) {
                return byNode.values().stream().allMatch(s -> s == SessionState.FINISHED) ? SessionState.FINISHED
                        : byNode.containsValue(SessionState.FAILED) ? SessionState.FAILED : SessionState.CANCELLED;
            }
            Thread.sleep(POLL_MS);
        }
    }

    private int invalid(InvalidGraphException e) {
        err.println(command + ": invalid graph:");
        List<GraphProblem> all = e.problems();
        all.stream().limit(50).forEach(p -> err.println("  " + p));
        if (all.size() > 50) {
            err.println("  ... and " + (all.size() - 50) + " more problems");
        }
        err.flush();
        return RunCommand.INVALID;
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double secs(long nanos) {
        return nanos / 1e9;
    }
}
