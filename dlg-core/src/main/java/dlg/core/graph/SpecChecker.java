package dlg.core.graph;

import dlg.core.error.GraphProblem;
import java.util.function.Consumer;

/** Checks what the graph structure alone cannot: that a drop's class exists, its parameters' types. */
@FunctionalInterface
public interface SpecChecker {

    SpecChecker NONE = (spec, problems) -> { };

    void check(DropSpec spec, Consumer<GraphProblem> problems);
}
