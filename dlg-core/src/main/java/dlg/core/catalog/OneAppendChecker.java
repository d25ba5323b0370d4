package dlg.core.catalog;

import dlg.core.error.GraphProblem;
import dlg.core.graph.Category;
import dlg.core.graph.DropSpec;
import dlg.core.graph.ParamMap;
import dlg.core.graph.SpecChecker;
import java.util.function.Consumer;

/**
 * {@link DropCatalog#check} for the drops of one append, in order, on one thread: a drop with the
 * very same class, category and parameters as the last drop that passed, and no application
 * arguments, passes too, without its parameters being looked up and converted again. The reader
 * shares one immutable {@link ParamMap} among drops with equal parameters (a million
 * {@code sleep_time 0}), so the comparison is by identity. Exact: a drop's links matter only to a
 * parameter that fails.
 */
final class OneAppendChecker implements SpecChecker {

    private final DropCatalog catalog;
    private String lastClass;
    private Category lastCategory;
    private ParamMap lastParams;
    private boolean failed;
    /** Drops checked in full (the others passed as the last one did): for tests. */
    private int checkedInFull;
    private final Consumer<GraphProblem> noting;
    private Consumer<GraphProblem> problems;

    OneAppendChecker(DropCatalog catalog) {
        this.catalog = catalog;
        this.noting = p -> {
            failed = true;
            problems.accept(p);
        };
    }

    @Override
    public void check(DropSpec spec, Consumer<GraphProblem> problems) {
        if (lastClass != null && spec.dropClass() == lastClass && spec.category() == lastCategory
                && spec.params() == lastParams && spec.appArgs().isEmpty()) {
            return;
        }
        this.problems = problems;
        failed = false;
        checkedInFull++;
        catalog.check(spec, noting);
        this.problems = null;
        if (!failed && spec.params() instanceof ParamMap shared && spec.appArgs().isEmpty()) {
            lastClass = spec.dropClass();
            lastCategory = spec.category();
            lastParams = shared;
        } else {
            lastClass = null;
        }
    }

    int checkedInFull() {
        return checkedInFull;
    }
}
