package dlg.manager.composite;

import static dlg.manager.composite.TestGraphs.N1;
import static dlg.manager.composite.TestGraphs.N2;
import static dlg.manager.composite.TestGraphs.app;
import static dlg.manager.composite.TestGraphs.daliugeExample;
import static dlg.manager.composite.TestGraphs.data;
import static dlg.manager.composite.TestGraphs.graph;
import static org.assertj.core.api.Assertions.assertThat;

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
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
