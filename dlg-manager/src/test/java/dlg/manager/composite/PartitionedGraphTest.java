package dlg.manager.composite;

import static dlg.manager.composite.TestGraphs.N1;
import static dlg.manager.composite.TestGraphs.N2;
import static dlg.manager.composite.TestGraphs.daliugeExample;
import static dlg.manager.composite.TestGraphs.data;
import static dlg.manager.composite.TestGraphs.graph;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dlg.core.error.GraphProblem;
import dlg.core.error.InvalidGraphException;
import dlg.manager.NodeAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PartitionedGraphTest {

    private final PartitionedGraph example = GraphPartitioner.partition(daliugeExample(), PartitionAttribute.NODE,
            List.of(N1, N2));

    @Test
    void groupByNode_completedUids_groupsThemByNodeInTheGivenOrder() {
        Map<NodeAddress, List<String>> grouped = example.groupByNode(List.of("D-uid", "C", "A"));

        assertThat(grouped).containsExactly(Map.entry(N2, List.of("D-uid")), Map.entry(N1, List.of("C", "A")));
    }

    @Test
    void groupByNode_unknownUids_namesEachOne() {
        assertThatThrownBy(() -> example.groupByNode(List.of("A", "X", "D")))
                .isInstanceOfSatisfying(InvalidGraphException.class, e -> assertThat(e.problems()).containsExactly(
                        new GraphProblem("X", "is no drop of this graph (completed drops are named by uid)"),
                        new GraphProblem("D", "is no drop of this graph (completed drops are named by uid)")));
    }

    @Test
    void groupByNode_nothing_givesNothing() {
        assertThat(example.groupByNode(List.of())).isEmpty();
    }

    @Test
    void groupByNode_byIsland_groupsByNodeManagerNotIsland() {
        NodeAddress dim = NodeAddress.parse("d1", NodeAddress.DIM_PORT);
        PartitionedGraph g = GraphPartitioner.partition(graph(data("A", "n1", "'island': 'd1'"),
                data("B", "n2:9000", "'island': 'd1'")), PartitionAttribute.ISLAND, List.of(dim));

        assertThat(g.groupByNode(List.of("A", "B"))).containsExactly(Map.entry(N1, List.of("A")),
                Map.entry(NodeAddress.parse("n2:9000"), List.of("B")));
    }
}
