package dlg.core.error;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A graph (or part of one) was refused. Lists every problem found, each naming the drop it
 * concerns; the message shows at most {@value #SHOWN} of them so that a huge broken graph does not
 * make a huge message.
 */
public final class InvalidGraphException extends DlgException {

    static final int SHOWN = 50;
    private static final String SINGLE = "Invalid graph: ";

    private final List<GraphProblem> problems;

    public InvalidGraphException(List<GraphProblem> problems) {
        super(describe(problems));
        this.problems = List.copyOf(problems);
    }

    public InvalidGraphException(GraphProblem problem) {
        this(List.of(problem));
    }

    public InvalidGraphException(String oid, String message) {
        this(new GraphProblem(oid, message));
    }

    /**
     * Rebuilds one from its message alone, as another manager reported it: the message is kept
     * word for word, and is also the one problem.
     */
    public static InvalidGraphException fromMessage(String message) {
        String problem = message.startsWith(SINGLE) ? message.substring(SINGLE.length()) : message;
        return new InvalidGraphException(message, List.of(GraphProblem.ofGraph(problem)));
    }

    private InvalidGraphException(String message, List<GraphProblem> problems) {
        super(message);
        this.problems = problems;
    }

    public List<GraphProblem> problems() {
        return problems;
    }

    private static String describe(List<GraphProblem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an InvalidGraphException needs at least one problem");
        }
        if (problems.size() == 1) {
            return SINGLE + problems.getFirst();
        }
        String shown = problems.stream().limit(SHOWN).map(GraphProblem::toString)
                .collect(Collectors.joining("; "));
        String more = problems.size() > SHOWN ? "; and " + (problems.size() - SHOWN) + " more" : "";
        return "Invalid graph, " + problems.size() + " problems: " + shown + more;
    }
}
