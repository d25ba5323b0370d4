package dlg.manager.composite;

import static org.assertj.core.api.Assertions.assertThat;

import dlg.core.error.GraphProblem;
import dlg.core.graph.DropSpec;
import dlg.manager.DropRel;
import dlg.manager.NodeAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SubscriptionTableTest {

    private static NodeTable nodes(int n) {
        NodeTable table = new NodeTable(PartitionAttribute.NODE, null);
        DropSpec any = TestGraphs.graph(TestGraphs.data("A", "h")).drops().getFirst();
        List<GraphProblem> problems = new ArrayList<>();
        IntStream.range(0, n).forEach(i -> table.indexOf(any, "h" + i, problems));
        assertThat(problems).isEmpty();
        return table;
    }

    @Test
    void add_bothNodesOfAPair_getTheSameListKeyedByTheOther() {
        SubscriptionTable table = new SubscriptionTable(nodes(2));

        table.add(0, 1, new DropRel("B", 0, "A"));
        table.add(1, 0, new DropRel("A", 5, "B"));

        var byNode = table.byNode();
        List<DropRel> expected = List.of(new DropRel("B", 0, "A"), new DropRel("A", 5, "B"));
        assertThat(byNode.get(NodeAddress.parse("h0")).get("h1:8000:5555:6666")).isEqualTo(expected);
        assertThat(byNode.get(NodeAddress.parse("h1")).get("h0:8000:5555:6666")).isEqualTo(expected);
    }

    @Test
    void add_manyPairs_growsAndKeepsEveryPairApart() {
        int n = 40;
        SubscriptionTable table = new SubscriptionTable(nodes(n));

        for (int round = 0; round < 2; round++) {
            for (int b = 1; b < n; b++) {
                table.add(0, b, new DropRel("x" + b, round, "y" + b));
            }
        }

        var peersOfHub = table.byNode().get(NodeAddress.parse("h0"));
        assertThat(peersOfHub).hasSize(n - 1);
        for (int b = 1; b < n; b++) {
            assertThat(peersOfHub.get("h" + b + ":8000:5555:6666"))
                    .containsExactly(new DropRel("x" + b, 0, "y" + b), new DropRel("x" + b, 1, "y" + b));
            assertThat(table.byNode().get(NodeAddress.parse("h" + b))).containsOnlyKeys("h0:8000:5555:6666");
        }
    }

    @Test
    void byNode_nothingCut_isEmpty() {
        assertThat(new SubscriptionTable(nodes(3)).byNode()).isEmpty();
    }
}
