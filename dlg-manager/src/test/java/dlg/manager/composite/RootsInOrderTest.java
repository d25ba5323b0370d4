package dlg.manager.composite;

import static dlg.manager.composite.TestGraphs.N1;
import static dlg.manager.composite.TestGraphs.N2;
import static dlg.manager.composite.TestGraphs.app;
import static dlg.manager.composite.TestGraphs.data;
import static dlg.manager.composite.TestGraphs.graph;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RootsInOrderTest {

    /** Roots r1 (n1), r2 (n2), r3 (n1), r4 (n2), each feeding an app of its node. */
    private final PartitionedGraph split = GraphPartitioner.partition(graph(
            data("r1", "n1", "'consumers': ['a1']"), app("a1", "n1"),
            data("r2", "n2", "'consumers': ['a2']"), app("a2", "n2"),
            data("r3", "n1", "'consumers': ['a3']"), app("a3", "n1"),
            data("r4", "n2", "'consumers': ['a4']"), app("a4", "n2")), PartitionAttribute.NODE, List.of(N1, N2));

    @Test
    void theRootsInGraphOrder_areGroupedByNodeInOneGo() {
        Map<dlg.manager.NodeAddress, List<String>> byNode = RootsInOrder.group(List.of(split), List.of("r1", "r2", "r3", "r4"));

        assertThat(byNode).containsExactly(Map.entry(N1, List.of("r1", "r3")), Map.entry(N2, List.of("r2", "r4")));
    }

    @Test
    void someRootsOnly_orNodesInAnotherOrder_areGroupedToo() {
        assertThat(RootsInOrder.group(List.of(split), List.of("r2", "r1"))).containsExactly(
                Map.entry(N2, List.of("r2")), Map.entry(N1, List.of("r1")));
    }

    @Test
    void aUidThatIsNoRoot_repeated_orOutOfOrder_isLeftToTheGeneralLookup() {
        assertThat(RootsInOrder.group(List.of(split), List.of("r1", "a1"))).isNull();
        assertThat(RootsInOrder.group(List.of(split), List.of("r1", "r1"))).isNull();
        assertThat(RootsInOrder.group(List.of(split), List.of("r3", "r1"))).isNull();
        assertThat(RootsInOrder.group(List.of(split), List.of("nothing"))).isNull();
    }

    @Test
    void theRootsOfSeveralAppends_areFoundInEach() {
        PartitionedGraph more = GraphPartitioner.partition(graph(data("s1", "n2", "'consumers': ['b1']"),
                app("b1", "n2")), PartitionAttribute.NODE, List.of(N1, N2));

        assertThat(RootsInOrder.group(List.of(split, more), List.of("r1", "s1", "r2"))).containsExactly(
                Map.entry(N1, List.of("r1")), Map.entry(N2, List.of("s1", "r2")));
    }
}
