package dlg.manager.repro;

import static org.assertj.core.api.Assertions.assertThat;

import dlg.core.graph.GraphSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataFlowTest {

    @Test
    void of_linksDeclaredAtEitherOrBothEnds_oneEdgeEach() {
        GraphSpec graph = ReproGraphs.graph(ReproGraphs.DIAMOND_SHUFFLED);
        DataFlow flow = DataFlow.of(graph);

        assertThat(parents(graph, flow, "E")).containsExactly("D");
        assertThat(parents(graph, flow, "D")).containsExactlyInAnyOrder("C1", "C2");
        assertThat(parents(graph, flow, "C1")).containsExactly("B1");
        assertThat(parents(graph, flow, "B2")).containsExactly("A");
        assertThat(parents(graph, flow, "A")).isEmpty();
    }

    @Test
    void of_streamingLinks_areDataFlowToo() {
        GraphSpec graph = ReproGraphs.graph("""
                [{"oid": "s", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP",
                  "streamingConsumers": ["app"]},
                 {"oid": "app", "categoryType": "Application", "dropclass": "dlg.apps.simple.CopyApp"}]
                """);

        assertThat(parents(graph, DataFlow.of(graph), "app")).containsExactly("s");
    }

    @Test
    void of_containerLinks_areNoDataFlow() {
        GraphSpec graph = ReproGraphs.graph("""
                [{"oid": "box", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP",
                  "children": ["inside"]},
                 {"oid": "inside", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP",
                  "parent": "box"}]
                """);
        DataFlow flow = DataFlow.of(graph);

        assertThat(parents(graph, flow, "inside")).isEmpty();
        assertThat(flow.isLeaf(graph.indexOf("box"))).isTrue();
    }

    @Test
    void order_everyDropAfterItsParents() {
        GraphSpec graph = ReproGraphs.graph(ReproGraphs.DIAMOND_SHUFFLED);
        DataFlow flow = DataFlow.of(graph);
        int[] position = new int[graph.size()];
        for (int i = 0; i < flow.order().length; i++) {
            position[flow.order()[i]] = i;
        }

        assertThat(Arrays.stream(flow.order()).sorted().toArray()).containsExactly(0, 1, 2, 3, 4, 5, 6);
        for (int d = 0; d < graph.size(); d++) {
            for (int k = 0; k < flow.parentCount(d); k++) {
                assertThat(position[flow.parent(d, k)]).isLessThan(position[d]);
            }
        }
    }

    @Test
    void isLeaf_onlyDropsFeedingNothing() {
        GraphSpec graph = ReproGraphs.graph(ReproGraphs.DIAMOND);
        DataFlow flow = DataFlow.of(graph);

        for (var spec : graph.drops()) {
            assertThat(flow.isLeaf(graph.indexOf(spec.oid()))).as(spec.oid()).isEqualTo(spec.oid().equals("E"));
        }
    }

    private static List<String> parents(GraphSpec graph, DataFlow flow, String oid) {
        int d = graph.indexOf(oid);
        List<String> oids = new ArrayList<>();
        for (int k = 0; k < flow.parentCount(d); k++) {
            oids.add(graph.drops().get(flow.parent(d, k)).oid());
        }
        return oids;
    }
}
