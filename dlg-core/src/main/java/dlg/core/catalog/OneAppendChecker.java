package dlg.core.catalog;

import dlg.core.error.GraphProblem;
import dlg.core.graph.Category;
import dlg.core.graph.DropSpec;
import dlg.core.graph.ParamMap;
import dlg.core.graph.SpecChecker;
import java.util.function.Consumer;

/**
 * {@link DropCatalog#check} for the drops of one append, in order, on one thread: a drop with the
 * very same class, category and parameters as one of the last few kinds of drop that passed, and no
 * application arguments, passes too, without its parameters being looked up and converted again.
 * A few, not the last one: graphs interleave their kinds (data, app, data, data, app, ...). The
 * reader shares one immutable {@link ParamMap} among drops with equal parameters (a million
 * {@code sleep_time 0}), so the comparison is by identity. Exact: a drop's links matter only to a
 * parameter that fails.
 */
final class OneAppendChecker implements SpecChecker {

    /** Kinds remembered; a graph with more kinds alternating than this is checked as before. */
    private static final int KINDS = 8;

    private final DropCatalog catalog;
    private final String[] classes = new String[KINDS];
    private final Category[] categories = new Category[KINDS];
    private final ParamMap[] params = new ParamMap[KINDS];
    /** Where the next kind that passes is remembered, round the arrays. */
    private int next;
    private boolean failed;
    /** Drops checked in full (the others passed as one alike did): for tests. */
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
        boolean plain = spec.appArgs().isEmpty();
        if (plain && passedAlike(spec)) {
            return;
        }
        this.problems = problems;
        failed = false;
        checkedInFull++;
        catalog.check(spec, noting);
        this.problems = null;
        if (!failed && plain && spec.params() instanceof ParamMap shared) {
            classes[next] = spec.dropClass();
            categories[next] = spec.category();
            params[next] = shared;
            next = (next + 1) % KINDS;
        }
    }

    private boolean passedAlike(DropSpec spec) {
        String dropClass = spec.dropClass();
        Object shared = spec.params();
        for (int k = 0; k < KINDS; k++) {
            if (classes[k] == dropClass && params[k] == shared && categories[k] == spec.category()) {
                return true;
            }
        }
        return false;
    }

    int checkedInFull() {
        return checkedInFull;
    }
}
