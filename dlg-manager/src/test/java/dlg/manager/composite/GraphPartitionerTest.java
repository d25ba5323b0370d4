package dlg.manager.composite;

import static dlg.manager.composite.PartitionAttribute.ISLAND;
import static dlg.manager.composite.PartitionAttribute.NODE;
import static dlg.manager.composite.TestGraphs.N1;
import static dlg.manager.composite.TestGraphs.N2;
import static dlg.manager.composite.TestGraphs.N3;
import static dlg.manager.composite.TestGraphs.app;
import static dlg.manager.composite.TestGraphs.daliugeExample;
import static dlg.manager.composite.TestGraphs.data;
import static dlg.manager.composite.TestGraphs.drop;
import static dlg.manager.composite.TestGraphs.graph;
import static dlg.manager.composite.TestGraphs.oids;
import static dlg.manager.composite.TestGraphs.partitionOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dlg.core.error.GraphProblem;
import dlg.core.error.InvalidGraphException;
import dlg.core.graph.DropSpec;
import dlg.core.graph.Link;
import dlg.core.graph.LinkType;
import dlg.core.graph.ParsedGraph;
import dlg.core.graph.RawJson;
import dlg.manager.DropRel;
import dlg.manager.NodeAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GraphPartitionerTest {

    private static final String N1S = "n1:8000:5555:6666";
    private static final String N2S = "n2:8000:5555:6666";

    // ---- The protocol reference's example ----

    @Test
    void partition_daliugeExample_givesBothNodesTheFourRelsInDaliugesOrder() {
        PartitionedGraph g = GraphPartitioner.partition(daliugeExample(), NODE, List.of(N1, N2));

        List<DropRel> expected = List.of(new DropRel("B", 0, "A"), new DropRel("B", 2, "C"),
                new DropRel("A", 5, "B"), new DropRel("C", 7, "B"));
        assertThat(g.subscriptions()).containsOnlyKeys(N1, N2);
        assertThat(g.subscriptions().get(N1)).containsOnlyKeys(N2S);
        assertThat(g.subscriptions().get(N1).get(N2S)).containsExactlyElementsOf(expected);
        assertThat(g.subscriptions().get(N2)).containsOnlyKeys(N1S);
        assertThat(g.subscriptions().get(N2).get(N1S)).containsExactlyElementsOf(expected);
    }

    @Test
    void partition_daliugeExample_sendsEachNodeOnlyItsDropsWithoutRemoteLinks() {
        PartitionedGraph g = GraphPartitioner.partition(daliugeExample(), NODE, List.of(N1, N2));

        assertThat(g.partitions()).extracting(Partition::subManager).containsExactly(N1, N2);
        assertThat(oids(g.partitions().get(0))).containsExactly("A", "C");
        assertThat(oids(g.partitions().get(1))).containsExactly("B", "D");
        assertThat(g.partitions()).allSatisfy(p ->
                assertThat(p.graph().drops()).allSatisfy(d -> assertThat(d.links()).isEmpty()));
    }

    @Test
    void partition_daliugeExample_groupsRootsByNodeAsTheTriggers() {
        PartitionedGraph g = GraphPartitioner.partition(daliugeExample(), NODE, List.of(N1, N2));

        assertThat(g.roots()).containsExactly(Map.entry(N1, List.of("A")), Map.entry(N2, List.of("D-uid")));
    }

    // ---- Cutting links ----

    @Test
    void partition_uidsDifferFromOids_relsUseUids() {
        ParsedGraph graph = graph(
                data("A", "n1", "'uid': 'a-uid'", "'consumers': ['B']"),
                app("B", "n2", "'uid': 'b-uid'", "'inputs': ['A']"));

        PartitionedGraph g = GraphPartitioner.partition(graph, NODE, List.of(N1, N2));

        assertThat(g.subscriptions().get(N1).get(N2S))
                .containsExactly(new DropRel("b-uid", 0, "a-uid"), new DropRel("a-uid", 5, "b-uid"));
        assertThat(g.lostLinks()).extracting(LostLinks::oid).containsExactly("A", "B"); // graphs are keyed by oid
    }

    @Test
    void partition_linkDeclaredOnOneSide_cutsItThereAndLeavesTheOtherSpecAlone() {
        ParsedGraph graph = graph(app("P", "n1", "'outputs': ['X']"), data("X", "n2"));

        PartitionedGraph g = GraphPartitioner.partition(graph, NODE, List.of(N1, N2));

        assertThat(g.subscriptions().get(N2).get(N1S)).containsExactly(new DropRel("X", 7, "P"));
        assertThat(drop(partitionOf(g, N1), "P").links()).isEmpty();
        assertThat(drop(partitionOf(g, N2), "X")).isSameAs(graph.drops().get(1));
        assertThat(g.lostLinks()).containsExactly(new LostLinks("P", List.of(new Link(LinkType.OUTPUT, "X", null))));
    }

    @Test
    void partition_graphReadWithItsBytes_forwardsTheDropsItDoesNotChangeAsTheyCame() throws Exception {
        String p = "{\"oid\": \"P\", \"categoryType\": \"Application\", \"dropclass\": \"a.B\", \"node\": \"n1\", "
                + "\"outputs\": [\"X\", \"Y\"]}";
        String x = "{\"oid\":\"X\",  \"categoryType\": \"Data\", \"node\": \"n2\"}";
        String y = "{\"oid\":\"Y\",  \"categoryType\": \"Data\", \"node\": \"n1\", \"k\": [1,  2]}";
        ParsedGraph graph = dlg.core.graph.GraphReader.readKeepingBytes(new java.io.ByteArrayInputStream(
                ("[" + p + ", " + x + ", " + y + "]").getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                1 << 20, Runnable::run, 1);

        PartitionedGraph g = GraphPartitioner.partition(graph, NODE, List.of(N1, N2));

        assertThat(written(partitionOf(g, N2).graph())).isEqualTo("[" + x + "]");
        assertThat(written(partitionOf(g, N1).graph())).startsWith("[{\"oid\":\"P\",").endsWith("," + y + "]")
                .doesNotContain(p); // P lost its link to X: written from its spec
        assertThat(written(partitionOf(g.withoutBytes(), N1).graph())).doesNotContain(y);
    }

    private static String written(ParsedGraph part) throws java.io.IOException {
        var out = new java.io.ByteArrayOutputStream();
        try (var gen = new com.fasterxml.jackson.core.JsonFactory().createGenerator(out)) {
            dlg.core.graph.GraphWriter.writeList(gen, part);
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void partition_linkDeclaredOnBothSides_cutsItFromBoth() {
        PartitionedGraph g = GraphPartitioner.partition(daliugeExample(), NODE, List.of(N1, N2));

        assertThat(g.lostLinks()).containsExactly(
                new LostLinks("A", List.of(new Link(LinkType.CONSUMER, "B", null))),
                new LostLinks("C", List.of(new Link(LinkType.PRODUCER, "B", null))),
                new LostLinks("B", List.of(new Link(LinkType.INPUT, "A", null), new Link(LinkType.OUTPUT, "C", null))));
    }

    @Test
    void partition_namedPortsAcrossNodes_cutsThemAndKeepsTheirPortsInLostLinks() {
        ParsedGraph graph = graph(
                data("A", "n1", "'consumers': [{'B': 'x'}]"),
                app("B", "n2", "'inputs': [{'A': 'x'}, {'L': 'y'}]"),
                data("L", "n2", "'consumers': [{'B': 'y'}]"));

        PartitionedGraph g = GraphPartitioner.partition(graph, NODE, List.of(N1, N2));

        assertThat(g.subscriptions().get(N1).get(N2S))
                .containsExactly(new DropRel("B", 0, "A"), new DropRel("A", 5, "B"));
        assertThat(drop(partitionOf(g, N2), "B").links()).containsExactly(new Link(LinkType.INPUT, "L", "y"));
        assertThat(drop(partitionOf(g, N2), "L")).isSameAs(graph.drops().get(2));
        assertThat(g.lostLinks()).containsExactly(
                new LostLinks("A", List.of(new Link(LinkType.CONSUMER, "B", "x"))),
                new LostLinks("B", List.of(new Link(LinkType.INPUT, "A", "x"))));
    }

    @Test
    void partition_localAndRemoteLinks_keepsTheLocalOnesInOrderAndTheRestOfTheSpec() {
        ParsedGraph graph = graph(
                app("B", "n1", "'inputs': ['X', 'R', 'Y']", "'sleep_time': 2"),
                data("X", "n1"), data("Y", "n1"), data("R", "n2"));

        PartitionedGraph g = GraphPartitioner.partition(graph, NODE, List.of(N1, N2));

        DropSpec b = drop(partitionOf(g, N1), "B");
        assertThat(b.links()).extracting(Link::oid).containsExactly("X", "Y");
        assertThat(b.params()).isSameAs(graph.drops().getFirst().params());
        assertThat(b.uid()).isEqualTo("B");
        assertThat(b.node()).isEqualTo("n1");
    }

    @Test
    void partition_wholeGraphOnOneNode_passesTheSameSpecsWithNoRels() {
        ParsedGraph graph = graph(data("A", "n1", "'consumers': ['B']"),
                app("B", "n1:8000", "'inputs': ['A']", "'outputs': ['C']"), data("C", "n1", "'producers': ['B']"));

        PartitionedGraph g = GraphPartitioner.partition(graph, NODE, List.of(N1, N2));

        assertThat(g.partitions()).hasSize(1);
        assertThat(g.partitions().getFirst().subManager()).isEqualTo(N1);
        assertThat(g.partitions().getFirst().graph().drops()).zipSatisfy(graph.drops(),
                (kept, original) -> assertThat(kept).isSameAs(original));
        assertThat(g.subscriptions()).isEmpty();
        assertThat(g.lostLinks()).isEmpty();
        assertThat(g.roots()).containsOnly(Map.entry(N1, List.of("A")));
    }

    // ---- Partitions, roots, reproducibility ----

    @Test
    void partition_partsOrder_followsTheGraphNotTheManagersList() {
        ParsedGraph graph = graph(data("A", "n2"), data("B", "n1"), data("C", "n2"));

        PartitionedGraph g = GraphPartitioner.partition(graph, NODE, List.of(N1, N2, N3));

        assertThat(g.partitions()).extracting(Partition::subManager).containsExactly(N2, N1);
        assertThat(oids(g.partitions().getFirst())).containsExactly("A", "C");
    }

    @Test
    void partition_nodeStringsOfAnyLength_areMatchedAndKeyedInTheirCanonicalForm() {
        NodeAddress custom = NodeAddress.parse("h2:9000:7000:7001");
        ParsedGraph graph = graph(app("P", "h1", "'outputs': ['X']"), data("X", "h2:9000:7000:7001"));

        PartitionedGraph g = GraphPartitioner.partition(graph, NODE, List.of(NodeAddress.parse("h1:8000:5555:6666"), custom));

        assertThat(g.subscriptions().get(NodeAddress.parse("h1"))).containsOnlyKeys("h2:9000:7000:7001");
        assertThat(g.subscriptions().get(custom)).containsOnlyKeys("h1:8000:5555:6666");
    }

    @Test
    void partition_dropsFedOnlyFromAnotherNode_areNoRoots_lowerCaseCategoriesToo() {
        ParsedGraph graph = graph(
                TestGraphs.drop("A", "data", "dlg.data.drops.memory.InMemoryDROP", "n1"),
                TestGraphs.drop("B", "application", "dlg.apps.simple.NullBarrierApp", "n2", "'inputs': ['A']"),
                TestGraphs.drop("C", "data", "dlg.data.drops.memory.InMemoryDROP", "n1"),
                TestGraphs.drop("E", "application", "dlg.apps.simple.NullBarrierApp", "n2", "'outputs': ['C']"));

        PartitionedGraph g = GraphPartitioner.partition(graph, NODE, List.of(N1, N2));

        assertThat(g.roots()).containsExactly(Map.entry(N1, List.of("A")), Map.entry(N2, List.of("E")));
    }

    @Test
    void partition_reproTrailer_goesWithEveryPart() {
        ParsedGraph read = daliugeExample();
        RawJson repro = new RawJson("{\"rmode\":\"1\"}");
        ParsedGraph graph = new ParsedGraph(null, read.drops(), repro, List.of());

        PartitionedGraph g = GraphPartitioner.partition(graph, NODE, List.of(N1, N2));

        assertThat(g.partitions()).extracting(p -> p.graph().reproData()).containsExactly(repro, repro);
    }

    @Test
    void partition_emptyGraph_hasNoParts() {
        PartitionedGraph g = GraphPartitioner.partition(graph(), NODE, List.of(N1));

        assertThat(g.partitions()).isEmpty();
        assertThat(g.subscriptions()).isEmpty();
        assertThat(g.roots()).isEmpty();
    }

    // ---- Errors: every one found, nothing split ----

    private static List<GraphProblem> problems(ParsedGraph graph, List<NodeAddress> subManagers) {
        try {
            GraphPartitioner.partition(graph, NODE, subManagers);
        } catch (InvalidGraphException e) {
            return e.problems();
        }
        throw new AssertionError("the graph was split");
    }

    @Test
    void partition_dropWithoutNode_isNamed() {
        assertThatThrownBy(() -> GraphPartitioner.partition(graph(data("A", null)), NODE, List.of(N1)))
                .isInstanceOf(InvalidGraphException.class)
                .hasMessage("Invalid graph: drop 'A': doesn't specify a node attribute");
    }

    @Test
    void partition_nodeThatIsNoNodeString_isNamedWithWhy() {
        assertThat(problems(graph(data("A", "n1:rest")), List.of(N1))).containsExactly(new GraphProblem("A",
                "node 'n1:rest' is not a node string host[:rest[:events[:rpc]]]: port 'rest' is not a number"));
    }

    @Test
    void partition_nodeOfAnotherManager_isNamedWithThisManagersNodes() {
        assertThat(problems(graph(data("A", "n1:8001")), List.of(N1, N2))).containsExactly(new GraphProblem("A",
                "node n1:8001:5555:6666 does not belong to this manager; its nodes are "
                        + "n1:8000:5555:6666, n2:8000:5555:6666"));
    }

    @Test
    void partition_localhostForAManagerOf127001_isRefused_asStringsAreComparedTextually() {
        assertThat(problems(graph(data("A", "localhost")), List.of(NodeAddress.parse("127.0.0.1"))))
                .extracting(GraphProblem::message).singleElement().asString().startsWith("node localhost:8000:5555:6666 does not belong");
    }

    @Test
    void partition_danglingLink_isNamed() {
        assertThat(problems(graph(data("A", "n1", "'consumers': ['Z']")), List.of(N1))).containsExactly(
                new GraphProblem("A", "'consumers' names drop 'Z', which is not in the graph"));
    }

    @Test
    void partition_appWritingADropOfAnotherNode_isSplit() {
        ParsedGraph graph = graph(app("W", "n1", "'outputs': ['O']"), data("O", "n2", "'producers': ['W']"));

        PartitionedGraph g = GraphPartitioner.partition(graph, NODE, List.of(N1, N2));

        assertThat(g.subscriptions().get(N2).get(N1S)).containsExactly(new DropRel("O", 7, "W"),
                new DropRel("W", 2, "O"));
    }

    @Test
    void partition_dropWrittenByAppsOfTwoOtherNodes_isNamedWithItsWriters() {
        ParsedGraph graph = graph(app("W1", "n1", "'outputs': ['O']"), app("W2", "n3", "'outputs': ['O']"),
                data("O", "n2", "'producers': ['W1', 'W2']"));

        assertThat(problems(graph, List.of(N1, N2, N3))).containsExactly(new GraphProblem("O",
                "is on node n2:8000:5555:6666 but written by apps 'W1' on node n1:8000:5555:6666, 'W2' on node"
                        + " n3:8000:5555:6666: a drop's content can come from one app of one other node only;"
                        + " place the drop with its producers"));
    }

    @Test
    void partition_dropWrittenByTwoAppsOfOneOtherNode_isNamed_oneOfItsOwnNodeIsFine() {
        ParsedGraph twoThere = graph(app("W1", "n1", "'outputs': ['O']"), app("W2", "n1"),
                data("O", "n2", "'producers': ['W2']"));
        ParsedGraph oneHere = graph(app("W1", "n1", "'outputs': ['O']"), app("W2", "n2", "'outputs': ['O']"),
                data("O", "n2"));

        assertThat(problems(twoThere, List.of(N1, N2))).extracting(GraphProblem::oid).containsExactly("O");
        assertThat(GraphPartitioner.partition(oneHere, NODE, List.of(N1, N2)).partitions()).hasSize(2);
    }

    @Test
    void partition_duplicateOidsAndUids_areNamed() {
        ParsedGraph graph = graph(data("A", "n1"), data("A", "n2"), data("B", "n1", "'uid': 'u'"),
                data("C", "n2", "'uid': 'u'"));

        assertThat(problems(graph, List.of(N1, N2))).containsExactly(
                new GraphProblem("A", "duplicate oid (another drop already has it)"),
                new GraphProblem("C", "duplicate uid 'u'"));
    }

    @Test
    void partition_manyProblems_areAllReportedTheReadersFirst() {
        ParsedGraph graph = graph(data("A", null), data("B", "n9", "'producers': ['Q']"),
                "{'oid': 'Z', 'categoryType': 'Plain'}", data("C", "n1:x"));

        assertThat(problems(graph, List.of(N1))).extracting(GraphProblem::oid).containsExactly("Z", "A", "B", "C", "B");
    }

    // ---- A MasterManager's islands ----

    private static final NodeAddress DIM1 = NodeAddress.parse("d1", NodeAddress.DIM_PORT);
    private static final NodeAddress DIM2 = NodeAddress.parse("d2:8001");

    @Test
    void partition_byIsland_splitsByIslandWithPort8001ByDefault() {
        ParsedGraph graph = graph(data("A", "n1", "'island': 'd1'", "'consumers': ['B']"),
                app("B", "n2", "'island': 'd2:8001'", "'inputs': ['A']", "'outputs': ['C']"),
                data("C", "n3", "'island': 'd2:8001:5555:6666'", "'producers': ['B']"));

        PartitionedGraph g = GraphPartitioner.partition(graph, ISLAND, List.of(DIM1, DIM2));

        assertThat(g.partitions()).extracting(Partition::subManager).containsExactly(DIM1, DIM2);
        assertThat(oids(partitionOf(g, DIM2))).containsExactly("B", "C");
        assertThat(drop(partitionOf(g, DIM2), "B").links()).containsExactly(new Link(LinkType.OUTPUT, "C", null));
        assertThat(drop(partitionOf(g, DIM2), "C")).isSameAs(graph.drops().get(2));
    }

    @Test
    void partition_byIsland_keysSubscriptionsAndRootsByNodeManager() {
        ParsedGraph graph = graph(data("A", "n1", "'island': 'd1'", "'consumers': ['B']"),
                app("B", "n2:8000:5556", "'island': 'd2'", "'inputs': ['A']", "'outputs': ['C']"),
                data("C", "n3", "'island': 'd2'", "'producers': ['B']"));

        PartitionedGraph g = GraphPartitioner.partition(graph, ISLAND, List.of(DIM1, DIM2));

        NodeAddress n2 = NodeAddress.parse("n2:8000:5556");
        assertThat(g.subscriptions()).containsOnlyKeys(N1, n2); // B -> C stays within island d2
        assertThat(g.subscriptions().get(N1)).containsOnly(Map.entry("n2:8000:5556:6666",
                List.of(new DropRel("B", 0, "A"), new DropRel("A", 5, "B"))));
        assertThat(g.subscriptions().get(n2)).containsOnlyKeys(N1S);
        assertThat(g.roots()).containsOnly(Map.entry(N1, List.of("A")));
    }

    @Test
    void partition_byIsland_dropWrittenByTwoAppsOfAnotherNode_isRefusedThoughAllIsInOneIsland() {
        ParsedGraph graph = graph(app("W1", "n1", "'island': 'd1'", "'outputs': ['O']"),
                app("W2", "n1", "'island': 'd1'", "'outputs': ['O']"), data("O", "n2", "'island': 'd1'"));

        assertThatThrownBy(() -> GraphPartitioner.partition(graph, ISLAND, List.of(DIM1)))
                .isInstanceOfSatisfying(InvalidGraphException.class, e -> assertThat(e.problems())
                        .extracting(GraphProblem::oid).containsExactly("O"));
    }

    @Test
    void partition_byIsland_refusesAnIslandOnPort8000AndDropsWithoutNode() {
        ParsedGraph graph = graph(data("A", "n1", "'island': 'd1:8000'"), data("B", null, "'island': 'd1'"));

        assertThatThrownBy(() -> GraphPartitioner.partition(graph, ISLAND, List.of(DIM1, DIM2)))
                .isInstanceOfSatisfying(InvalidGraphException.class, e -> assertThat(e.problems()).containsExactly(
                        new GraphProblem("A", "island d1:8000:5555:6666 does not belong to this manager; its islands"
                                + " are d1:8001:5555:6666, d2:8001:5555:6666"),
                        new GraphProblem("B", "doesn't specify a node attribute")));
    }

    @Test
    void partition_byIsland_refusesANodeInTwoIslands() {
        ParsedGraph graph = graph(data("A", "n1", "'island': 'd1'"), data("B", "n1", "'island': 'd2'"));

        assertThatThrownBy(() -> GraphPartitioner.partition(graph, ISLAND, List.of(DIM1, DIM2)))
                .isInstanceOfSatisfying(InvalidGraphException.class, e -> assertThat(e.problems()).containsExactly(
                        new GraphProblem("B", "node n1:8000:5555:6666 is in island d2:8001:5555:6666 here"
                                + " but in island d1:8001:5555:6666 for drop 'A'")));
    }

    @Test
    void partition_byIsland_missingIsland_isNamed() {
        ParsedGraph graph = graph(data("A", "n1"));

        assertThatThrownBy(() -> GraphPartitioner.partition(graph, ISLAND, List.of(DIM1)))
                .isInstanceOf(InvalidGraphException.class)
                .hasMessage("Invalid graph: drop 'A': doesn't specify an island attribute");
    }
}
