package dlg.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dlg.core.graph.DropSpec;
import dlg.core.graph.GraphReader;
import dlg.core.graph.Link;
import dlg.core.graph.LinkType;
import dlg.core.graph.ParsedGraph;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeSpreadTest {

    private static final List<String> NODES = List.of("h:1:2:3", "h:4:5:6", "h:7:8:9");

    private static String data(String oid, String producer) {
        return "{\"oid\": \"" + oid + "\", \"categoryType\": \"Data\", \"dropclass\": \"dlg.data.drops.memory.InMemoryDROP\""
                + (producer == null ? "" : ", \"producers\": [\"" + producer + "\"]") + "}";
    }

    private static String app(String oid, String input) {
        return "{\"oid\": \"" + oid + "\", \"categoryType\": \"Application\", \"dropclass\": \"dlg.apps.simple.CopyApp\""
                + (input == null ? "" : ", \"inputs\": [\"" + input + "\"]") + "}";
    }

    /** Links whose two drops are on different nodes. */
    private static int cuts(ParsedGraph g) {
        Map<String, String> nodeOf = new HashMap<>();
        g.drops().forEach(d -> nodeOf.put(d.oid(), d.node()));
        int cuts = 0;
        for (DropSpec d : g.drops()) {
            for (Link l : d.links()) {
                if (!d.node().equals(nodeOf.get(l.oid()))) {
                    cuts++;
                }
            }
        }
        return cuts;
    }

    /** An app and the data it writes are on one node: a NodeManager cannot write another's drops. */
    private static void assertEachAppWithItsOutputs(ParsedGraph g) {
        Map<String, String> nodeOf = new HashMap<>();
        g.drops().forEach(d -> nodeOf.put(d.oid(), d.node()));
        for (DropSpec d : g.drops()) {
            for (Link l : d.links()) {
                if (l.type() == LinkType.PRODUCER || l.type() == LinkType.OUTPUT) {
                    assertThat(d.node()).as("%s and %s", d.oid(), l.oid()).isEqualTo(nodeOf.get(l.oid()));
                }
            }
        }
    }

    private static Map<String, Long> perNode(ParsedGraph g) {
        Map<String, Long> count = new HashMap<>();
        g.drops().forEach(d -> count.merge(d.node(), 1L, Long::sum));
        return count;
    }

    @Test
    void chain_isCutOncePerNodeBoundary_inEqualBlocks() {
        StringBuilder json = new StringBuilder("[" + data("d0", null));
        for (int i = 1; i <= 4; i++) { // d0 a1 d1 a2 d2 ... a4 d4: 9 drops, each link declared once
            json.append(",").append(app("a" + i, "d" + (i - 1))).append(",").append(data("d" + i, "a" + i));
        }
        ParsedGraph g = GraphReader.read(json.append("]").toString());

        ParsedGraph placed = NodeSpread.spread(g, NODES);

        assertThat(placed.drops()).allMatch(d -> d.node() != null);
        assertThat(perNode(placed)).hasSize(3);
        assertThat(cuts(placed)).isEqualTo(2);
        assertEachAppWithItsOutputs(placed);
    }

    @Test
    void scatter_keepsEachBranchsAppWithItsOutput() {
        StringBuilder json = new StringBuilder("[" + data("in", null));
        for (int i = 0; i < 6; i++) {
            json.append(",").append(app("a" + i, "in"));
        }
        for (int i = 0; i < 6; i++) { // outputs listed after every app: document order would split pairs
            json.append(",").append(data("o" + i, "a" + i));
        }
        ParsedGraph placed = NodeSpread.spread(GraphReader.read(json.append("]").toString()), NODES);

        assertEachAppWithItsOutputs(placed);
        assertThat(perNode(placed)).hasSize(3);
    }

    @Test
    void independentPipelines_areNeverCut_whenTheyFitTheBlocks() {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < 3; i++) {
            json.append(i == 0 ? "" : ",").append(data("i" + i, null)).append(",").append(app("a" + i, "i" + i))
                    .append(",").append(data("o" + i, "a" + i));
        }
        ParsedGraph placed = NodeSpread.spread(GraphReader.read(json.append("]").toString()), NODES);

        assertThat(cuts(placed)).isZero();
        assertThat(perNode(placed)).containsOnlyKeys(NODES);
    }

    @Test
    void graphNamingANode_isLeftAsItIs() {
        ParsedGraph g = GraphReader.read("[{\"oid\": \"x\", \"categoryType\": \"Data\", \"node\": \"h:1:2:3\"},"
                + data("y", null) + "]");

        assertThat(NodeSpread.spread(g, NODES)).isSameAs(g);
    }

    @Test
    void noNodes_isRefused() {
        ParsedGraph g = GraphReader.read("[" + data("y", null) + "]");

        assertThatThrownBy(() -> NodeSpread.spread(g, List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no NodeManager");
    }
}
