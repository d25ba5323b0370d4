package dlg.manager.composite;

import static dlg.manager.composite.TestGraphs.N1;
import static dlg.manager.composite.TestGraphs.N2;
import static dlg.manager.composite.TestGraphs.app;
import static dlg.manager.composite.TestGraphs.daliugeExample;
import static dlg.manager.composite.TestGraphs.data;
import static dlg.manager.composite.TestGraphs.graph;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dlg.core.graph.DropSpec;
import dlg.core.graph.GraphReader;
import dlg.core.graph.GraphWriter;
import dlg.core.graph.Link;
import dlg.core.graph.LinkType;
import dlg.core.graph.ParsedGraph;
import dlg.core.graph.RawJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Test;

class CrossLinksTest {

    @Test
    void restore_mergedPartsOfTheExample_giveBackTheWholeGraph() {
        ParsedGraph graph = daliugeExample();
        PartitionedGraph g = GraphPartitioner.partition(graph, PartitionAttribute.NODE, List.of(N1, N2));
        Map<String, Map<String, Object>> merged = new LinkedHashMap<>();
        for (Partition p : g.partitions()) {
            merged.putAll(graphDict(p.graph().drops())); // what each NodeManager's GET .../graph answers
        }

        CrossLinks.restore(merged, g.lostLinks());

        assertThat(merged).isEqualTo(graphDict(graph.drops()));
    }

    @Test
    void restore_namedPorts_areAddedAfterTheKeptLinksAsOidPortObjects() {
        ParsedGraph graph = graph(data("A", "n1", "'consumers': [{'B': 'x'}]"),
                app("B", "n2", "'inputs': [{'L': 'y'}, {'A': 'x'}]"), data("L", "n2"));
        PartitionedGraph g = GraphPartitioner.partition(graph, PartitionAttribute.NODE, List.of(N1, N2));
        Map<String, Map<String, Object>> merged = new LinkedHashMap<>();
        g.partitions().forEach(p -> merged.putAll(graphDict(p.graph().drops())));

        CrossLinks.restore(merged, g.lostLinks());

        assertThat(merged.get("B").get("inputs")).isEqualTo(List.of(Map.of("L", "y"), Map.of("A", "x")));
        assertThat(merged.get("A").get("consumers")).isEqualTo(List.of(Map.of("B", "x")));
    }

    @Test
    void restore_linkTheSpecAlreadyHas_isNotRepeated() {
        Map<String, Object> spec = new LinkedHashMap<>(Map.of("oid", "A", "consumers", List.of("B")));

        CrossLinks.restore(Map.of("A", spec), List.of(new LostLinks("A", List.of(new Link(LinkType.CONSUMER, "B", null),
                new Link(LinkType.CONSUMER, "C", null)))));

        assertThat(spec.get("consumers")).isEqualTo(List.of("B", "C"));
    }

    @Test
    void restore_linkDeclaredAndCutTwice_comesBackTwice_andRestoringAgainChangesNothing() {
        Map<String, Object> spec = new LinkedHashMap<>(Map.of("oid", "B"));
        List<LostLinks> lost = List.of(new LostLinks("B", List.of(new Link(LinkType.INPUT, "A", "x"),
                new Link(LinkType.INPUT, "A", "x"))));

        CrossLinks.restore(Map.of("B", spec), lost);
        CrossLinks.restore(Map.of("B", spec), lost);

        assertThat(spec.get("inputs")).isEqualTo(List.of(Map.of("A", "x"), Map.of("A", "x")));
    }

    @Test
    void restore_parent_isSetAsTheSingleValue() {
        Map<String, Object> spec = new LinkedHashMap<>(Map.of("oid", "A"));

        CrossLinks.restore(Map.of("A", spec), List.of(new LostLinks("A", List.of(new Link(LinkType.PARENT, "P", null)))));

        assertThat(spec).containsEntry("parent", "P");
    }

    @Test
    void restore_oidTheMergedGraphLacks_isSkipped() {
        Map<String, Map<String, Object>> merged = new LinkedHashMap<>();

        CrossLinks.restore(merged, List.of(new LostLinks("A", List.of(new Link(LinkType.CONSUMER, "B", null)))));

        assertThat(merged).isEmpty();
    }

    @TestFactory
    Stream<DynamicTest> restore_daliugeGraphsSplitOverTwoNodes_giveBackEveryLink() throws IOException {
        String dir = System.getProperty("dlg.daliuge.graphs");
        assumeTrue(dir != null && Files.isDirectory(Path.of(dir)), "no DALiuGE graphs folder: skipped");
        List<Path> files;
        try (Stream<Path> list = Files.list(Path.of(dir))) {
            files = list.filter(f -> f.toString().endsWith(".graph")).sorted().toList();
        }
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            ParsedGraph read = GraphReader.read(Files.readString(f));
            List<DropSpec> alternating = new ArrayList<>();
            for (DropSpec d : read.drops()) { // every other drop on the other node: most links cut
                alternating.add(new DropSpec(d.oid(), d.uid(), d.category(), d.dropClass(), d.name(),
                        alternating.size() % 2 == 0 ? "n1" : "n2", d.island(), d.links(), d.params(), d.appArgs()));
            }
            PartitionedGraph g = GraphPartitioner.partition(new ParsedGraph(null, alternating, null, read.problems()),
                    PartitionAttribute.NODE, List.of(N1, N2));
            Map<String, Map<String, Object>> merged = new LinkedHashMap<>();
            g.partitions().forEach(p -> merged.putAll(graphDict(p.graph().drops())));

            CrossLinks.restore(merged, g.lostLinks());

            assertThat(sortedLinks(merged)).isEqualTo(sortedLinks(graphDict(alternating)));
        }));
    }

    /** Restored links come after the kept ones: compare each key's entries in a fixed order. */
    private static Map<String, Map<String, Object>> sortedLinks(Map<String, Map<String, Object>> graph) {
        for (Map<String, Object> spec : graph.values()) {
            for (LinkType t : LinkType.values()) {
                if (spec.get(t.key()) instanceof List<?> l) {
                    spec.put(t.key(), l.stream().sorted(Comparator.comparing(String::valueOf)).toList());
                }
            }
        }
        return graph;
    }

    /** Drops as a NodeManager's {oid: spec} dict, read back as plain JSON values. */
    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> graphDict(List<DropSpec> drops) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            GraphWriter.writeGraphDict(g, drops);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return (Map<String, Map<String, Object>>) GraphReader.parseValue(new RawJson(out.toString()));
    }
}
