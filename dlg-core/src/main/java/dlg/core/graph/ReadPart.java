package dlg.core.graph;

import dlg.core.error.GraphProblem;
import java.util.ArrayList;
import java.util.List;

/**
 * What a {@link GraphReader} read of a part of a document (a chunk of a graph read in parallel,
 * or the rest of one read after a chunk that did not parse).
 *
 * @param elements how many elements of the graph's list it read
 * @param listEnd where its list closed, in its own text
 * @param ranges its drops' byte ranges in its text (start, end, ...), or null when not kept
 */
record ReadPart(DropRecords records, List<GraphProblem> problems, List<ElementProblem> elementProblems,
                int elements, RawJson repro, TextPosition listEnd, int[] ranges) {

    /** Its problems, those naming an element numbered from {@code elementBase + 1}. */
    List<GraphProblem> problemsAfter(int elementBase) {
        if (elementProblems.isEmpty() || elementBase == 0) {
            return problems;
        }
        List<GraphProblem> renumbered = new ArrayList<>(problems);
        for (ElementProblem e : elementProblems) {
            renumbered.set(e.index(), ElementProblem.render(elementBase + e.element(), e.text()));
        }
        return renumbered;
    }

    /**
     * A problem naming an element by its number, which a chunk read in parallel learns only once
     * the chunks before it are read: its index among the reader's problems, its element and text.
     */
    record ElementProblem(int index, int element, String text) {
        static GraphProblem render(int element, String text) {
            return GraphProblem.ofGraph("element #" + element + text);
        }
    }
}
