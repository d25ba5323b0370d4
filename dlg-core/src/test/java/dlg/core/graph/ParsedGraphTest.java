package dlg.core.graph;

import static dlg.core.graph.Graphs.data;
import static dlg.core.graph.Graphs.dropSpec;
import static org.assertj.core.api.Assertions.assertThat;

import dlg.core.error.GraphProblem;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParsedGraphTest {

    @Test
    void constructor_copiesItsLists() {
        List<DropSpec> drops = new ArrayList<>(List.of(dropSpec(data("A"))));
        List<GraphProblem> problems = new ArrayList<>();
        ParsedGraph g = new ParsedGraph("g", drops, null, problems);

        drops.clear();
        problems.add(GraphProblem.ofGraph("late"));

        assertThat(g.drops()).extracting(DropSpec::oid).containsExactly("A");
        assertThat(g.problems()).isEmpty();
    }

    @Test
    void of_drops_hasNoNameReproOrProblems() {
        ParsedGraph g = ParsedGraph.of(List.of(dropSpec(data("A"))));

        assertThat(g.name()).isNull();
        assertThat(g.reproData()).isNull();
        assertThat(g.problems()).isEmpty();
        assertThat(g.drops()).hasSize(1);
    }
}
