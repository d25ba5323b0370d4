package dlg.core.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class InvalidGraphExceptionTest {

    @Test
    void message_oneDropProblem_namesTheDrop() {
        var e = new InvalidGraphException("A", "duplicate oid");

        assertThat(e).hasMessage("Invalid graph: drop 'A': duplicate oid");
    }

    @Test
    void message_oneGraphProblem_hasNoDropPrefix() {
        var e = new InvalidGraphException(GraphProblem.ofGraph("malformed JSON"));

        assertThat(e).hasMessage("Invalid graph: malformed JSON");
    }

    @Test
    void message_severalProblems_countsAndListsThemAll() {
        var e = new InvalidGraphException(List.of(
                new GraphProblem("A", "first"), GraphProblem.ofGraph("second"), new GraphProblem("C", "third")));

        assertThat(e).hasMessage("Invalid graph, 3 problems: drop 'A': first; second; drop 'C': third");
    }

    @Test
    void message_moreThanFiftyProblems_showsFiftyAndCountsTheRest() {
        List<GraphProblem> problems = IntStream.range(0, 57)
                .mapToObj(i -> new GraphProblem("d" + i, "bad")).toList();

        var e = new InvalidGraphException(problems);

        assertThat(e.getMessage())
                .startsWith("Invalid graph, 57 problems: drop 'd0': bad; drop 'd1': bad;")
                .contains("drop 'd49': bad; and 7 more")
                .endsWith("; and 7 more")
                .doesNotContain("d50");
    }

    @Test
    void message_exactlyFiftyProblems_hasNoMoreSuffix() {
        List<GraphProblem> problems = IntStream.range(0, 50)
                .mapToObj(i -> new GraphProblem("d" + i, "bad")).toList();

        var e = new InvalidGraphException(problems);

        assertThat(e.getMessage()).endsWith("drop 'd49': bad").doesNotContain("more");
    }

    @Test
    void problems_afterConstruction_isAnImmutableCopy() {
        List<GraphProblem> problems = new ArrayList<>(List.of(new GraphProblem("A", "x")));
        var e = new InvalidGraphException(problems);

        problems.add(new GraphProblem("B", "y"));

        assertThat(e.problems()).containsExactly(new GraphProblem("A", "x"));
        assertThatThrownBy(() -> e.problems().add(new GraphProblem("C", "z")))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void constructor_noProblems_isRefused() {
        assertThatThrownBy(() -> new InvalidGraphException(List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an InvalidGraphException needs at least one problem");
    }

    @Test
    void type_isDaliugesExceptionName() {
        var e = new InvalidGraphException("A", "x");

        assertThat(e.type()).isEqualTo("InvalidGraphException");
        assertThat(e.args()).isEqualTo(List.of("Invalid graph: drop 'A': x"));
    }

    @Test
    void fromMessage_anotherManagersMessage_keepsItWordForWord() {
        var sent = new InvalidGraphException(List.of(new GraphProblem("A", "x"), new GraphProblem("B", "y")));

        var e = InvalidGraphException.fromMessage(sent.getMessage());

        assertThat(e).hasMessage(sent.getMessage());
        assertThat(e.args()).isEqualTo(sent.args());
        assertThat(e.problems()).containsExactly(GraphProblem.ofGraph(sent.getMessage()));
    }

    @Test
    void fromMessage_singleProblem_problemLosesThePrefix() {
        var e = InvalidGraphException.fromMessage("Invalid graph: drop 'A': x");

        assertThat(e).hasMessage("Invalid graph: drop 'A': x");
        assertThat(e.problems()).containsExactly(GraphProblem.ofGraph("drop 'A': x"));
    }
}
