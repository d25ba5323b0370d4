package dlg.core.graph;

import static dlg.core.graph.Graphs.app;
import static dlg.core.graph.Graphs.data;
import static dlg.core.graph.Graphs.drop;
import static dlg.core.graph.Graphs.dropSpec;
import static dlg.core.graph.Graphs.graph;
import static dlg.core.graph.Graphs.json;
import static dlg.core.graph.Graphs.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dlg.core.error.GraphProblem;
import dlg.core.error.InvalidGraphException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class GraphReaderTest {

    // ---- v6 format ----

    @Test
    void read_v6Drop_keepsEveryInterpretedKey() {
        String text = graph(drop("B", "Application", "dlg.apps.simple.SleepApp",
                "'uid': 'uB'", "'name': 'Sleep'", "'node': 'localhost:8000'", "'island': 'localhost:8001'",
                "'sleep_time': 0.5", "'inputs': ['A']", "'outputs': [{'C': 'out'}]"));

        ParsedGraph g = GraphReader.read(text);

        assertThat(g.problems()).isEmpty();
        assertThat(g.name()).isNull();
        assertThat(g.reproData()).isNull();
        DropSpec b = g.drops().getFirst();
        assertThat(b.oid()).isEqualTo("B");
        assertThat(b.uid()).isEqualTo("uB");
        assertThat(b.category()).isEqualTo(Category.APPLICATION);
        assertThat(b.dropClass()).isEqualTo("dlg.apps.simple.SleepApp");
        assertThat(b.name()).isEqualTo("Sleep");
        assertThat(b.node()).isEqualTo("localhost:8000");
        assertThat(b.island()).isEqualTo("localhost:8001");
        assertThat(b.links()).containsExactly(
                new Link(LinkType.INPUT, "A", null), new Link(LinkType.OUTPUT, "C", "out"));
        assertThat(b.params()).containsExactly(Map.entry("sleep_time", 0.5));
        assertThat(b.appArgs()).isEmpty();
    }

    @Test
    void read_linkAndTheDropItNames_shareTheOidString() {
        ParsedGraph g = parse(data("A", "'consumers': ['B']"), app("B", "'inputs': ['A']"));

        assertThat(g.drops().get(0).links().getFirst().oid()).isSameAs(g.drops().get(1).oid());
        assertThat(g.drops().get(1).links().getFirst().oid()).isSameAs(g.drops().get(0).oid());
    }

    @Test
    void read_drops_areReadOnly() {
        ParsedGraph g = parse(data("A"));

        assertThatThrownBy(() -> g.drops().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> g.drops().get(1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void read_severalDrops_keepsDocumentOrder() {
        ParsedGraph g = parse(data("A", "'consumers': ['B']"), app("B"), data("C"));

        assertThat(g.drops()).extracting(DropSpec::oid).containsExactly("A", "B", "C");
    }

    @ParameterizedTest
    @CsvSource({
            "Data, DATA", "data, DATA", "DATA, DATA", "Application, APPLICATION", "application, APPLICATION",
            "app, APPLICATION", "APP, APPLICATION", "Socket, SOCKET", "socket, SOCKET", "Container, CONTAINER"})
    void read_categoryType_isCaseInsensitive(String categoryType, Category expected) {
        DropSpec d = dropSpec(drop("X", categoryType, "some.Class"));

        assertThat(d.category()).isEqualTo(expected);
        assertThat(d.dropClass()).isEqualTo("some.Class");
    }

    @Test
    void read_socketWithoutDropclass_isSocketListenerApp() {
        DropSpec d = dropSpec(drop("S", "socket", null, "'port': 1111"));

        assertThat(d.category()).isEqualTo(Category.SOCKET);
        assertThat(d.dropClass()).isEqualTo("dlg.apps.socket_listener.SocketListenerApp");
    }

    @Test
    void read_dataWithoutDropclass_isFileDrop() {
        DropSpec d = dropSpec(drop("D", "data", null));

        assertThat(d.dropClass()).isEqualTo("dlg.data.drops.file.FileDROP");
    }

    @Test
    void read_containerWithoutDropclass_isContainerDrop() {
        DropSpec d = dropSpec(drop("K", "Container", null));

        assertThat(d.dropClass()).isEqualTo("dlg.data.drops.container.ContainerDROP");
    }

    @Test
    void read_dfmsDropclass_isRewrittenToDlg() {
        DropSpec d = dropSpec(drop("B", "Application", "dfms.apps.simple.SleepApp"));

        assertThat(d.dropClass()).isEqualTo("dlg.apps.simple.SleepApp");
    }

    @Test
    void read_appclassKey_namesTheApplication() {
        DropSpec d = dropSpec(drop("B", "Application", null, "'appclass': 'dlg.apps.simple.CopyApp'"));

        assertThat(d.dropClass()).isEqualTo("dlg.apps.simple.CopyApp");
    }

    // ---- Legacy format ----

    @ParameterizedTest
    @CsvSource({
            "Memory, dlg.data.drops.memory.InMemoryDROP",
            "memory, dlg.data.drops.memory.InMemoryDROP",
            "File, dlg.data.drops.file.FileDROP",
            "null, dlg.data.drops.data_base.NullDROP",
            "NGAS, dlg.data.drops.ngas.NgasDROP"})
    void read_legacyPlainWithStorage_mapsStorageToClass(String storage, String expectedClass) {
        DropSpec d = dropSpec(json("{'oid': 'A', 'type': 'plain', 'storage': '" + storage + "'}"));

        assertThat(d.category()).isEqualTo(Category.DATA);
        assertThat(d.dropClass()).isEqualTo(expectedClass);
    }

    @Test
    void read_legacyPlainWithoutStorage_isFileDrop() {
        DropSpec d = dropSpec(json("{'oid': 'A', 'type': 'plain'}"));

        assertThat(d.dropClass()).isEqualTo("dlg.data.drops.file.FileDROP");
    }

    @Test
    void read_legacyPlainWithJsonNullStorage_isFileDrop() {
        DropSpec d = dropSpec(json("{'oid': 'A', 'type': 'plain', 'storage': null}"));

        assertThat(d.dropClass()).isEqualTo("dlg.data.drops.file.FileDROP");
    }

    @Test
    void read_legacyApp_takesClassFromAppKeyAndKeepsLegacyKeysAsParams() {
        DropSpec d = dropSpec(json("{'oid': 'B', 'type': 'app', 'app': 'dlg.apps.simple.SleepApp', 'sleep_time': 1}"));

        assertThat(d.category()).isEqualTo(Category.APPLICATION);
        assertThat(d.dropClass()).isEqualTo("dlg.apps.simple.SleepApp");
        assertThat(d.params()).containsExactly(
                Map.entry("type", "app"), Map.entry("app", "dlg.apps.simple.SleepApp"), Map.entry("sleep_time", 1));
    }

    @Test
    void read_legacyDfmsApp_isRewrittenToDlg() {
        DropSpec d = dropSpec(json("{'oid': 'B', 'type': 'app', 'app': 'dfms.apps.simple.SleepApp'}"));

        assertThat(d.dropClass()).isEqualTo("dlg.apps.simple.SleepApp");
    }

    @Test
    void read_legacySocket_isSocketListenerApp() {
        DropSpec d = dropSpec(json("{'oid': 'S', 'type': 'socket', 'port': 1111}"));

        assertThat(d.category()).isEqualTo(Category.SOCKET);
        assertThat(d.dropClass()).isEqualTo(GraphReader.SOCKET_CLASS);
    }

    @Test
    void read_categoryTypeAndLegacyType_categoryTypeWins() {
        DropSpec d = dropSpec(json("{'oid': 'A', 'categoryType': 'Data', 'type': 'app', 'dropclass': 'x.Y'}"));

        assertThat(d.category()).isEqualTo(Category.DATA);
    }

    @Test
    void read_unknownLegacyType_isAProblemNamingTheDrop() {
        ParsedGraph g = GraphReader.read(json("[{'oid': 'A', 'type': 'serviceapp'}]"));

        assertThat(g.drops()).isEmpty();
        assertThat(g.problems()).containsExactly(
                new GraphProblem("A", "unknown legacy type 'serviceapp' (expected plain, app or socket)"));
    }

    // ---- Document shapes ----

    @Test
    void read_translatorWrapper_keepsNameAndDrops() {
        String text = "[\"my graph\", " + graph(data("A", "'consumers': ['B']"), app("B")) + "]";

        ParsedGraph g = GraphReader.read(text);

        assertThat(g.name()).isEqualTo("my graph");
        assertThat(g.drops()).extracting(DropSpec::oid).containsExactly("A", "B");
        assertThat(g.problems()).isEmpty();
    }

    @Test
    void read_wrapperWithTrailingEmptyObject_ignoresIt() {
        ParsedGraph g = GraphReader.read("[\"g\", " + graph(data("A"), "{}") + "]");

        assertThat(g.drops()).hasSize(1);
        assertThat(g.reproData()).isNull();
    }

    @Test
    void read_wrapperWithThirdElement_isRefused() {
        assertThatThrownBy(() -> GraphReader.read("[\"g\", " + graph(data("A")) + ", 3]"))
                .isInstanceOf(InvalidGraphException.class)
                .hasMessage("Invalid graph: a [\"name\", [drops]] graph must have exactly two elements");
    }

    @Test
    void read_wrapperWithoutDropList_isRefused() {
        assertThatThrownBy(() -> GraphReader.read("[\"g\", " + data("A") + "]"))
                .isInstanceOf(InvalidGraphException.class)
                .hasMessage("Invalid graph: a [\"name\", [drops]] graph must have the list of drops as its"
                        + " second element");
    }

    @Test
    void read_trailingEmptyObject_isIgnored() {
        ParsedGraph g = parse(data("A"), "{}");

        assertThat(g.drops()).extracting(DropSpec::oid).containsExactly("A");
        assertThat(g.reproData()).isNull();
        assertThat(g.problems()).isEmpty();
    }

    @Test
    void read_trailingReproElement_isKeptAsReproData() {
        ParsedGraph g = parse(data("A"), json("{'rmode': '1', 'meta_data': {'repro_protocol': 0.1}, 'merkleroot': 'abc'}"));

        assertThat(g.drops()).extracting(DropSpec::oid).containsExactly("A");
        assertThat(g.reproData()).isEqualTo(new RawJson(
                json("{'rmode':'1','meta_data':{'repro_protocol':0.1},'merkleroot':'abc'}")));
        assertThat(g.problems()).isEmpty();
    }

    @Test
    void read_emptyList_hasNoDrops() {
        ParsedGraph g = GraphReader.read("[]");

        assertThat(g.drops()).isEmpty();
        assertThat(g.problems()).isEmpty();
    }

    @Test
    void read_inputStream_readsLikeAString() throws IOException {
        byte[] bytes = graph(data("A", "'consumers': ['B']"), app("B")).getBytes(StandardCharsets.UTF_8);

        ParsedGraph g = GraphReader.read(new ByteArrayInputStream(bytes));

        assertThat(g.drops()).extracting(DropSpec::oid).containsExactly("A", "B");
    }

    @Test
    void read_inputStream_isNotClosed() throws IOException {
        var closed = new boolean[1];
        InputStream in = new ByteArrayInputStream("[]".getBytes(StandardCharsets.UTF_8)) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };

        GraphReader.read(in);

        assertThat(closed[0]).isFalse();
    }

    // ---- Links ----

    @Test
    void read_linksAsStringsAndPortObjects_keepsOrderAndPorts() {
        DropSpec d = dropSpec(app("B", "'inputs': ['A', {'X': 'sleep_time'}]", "'streamingInputs': ['S']",
                "'outputs': [{'C': 'out'}, 'D']"));

        assertThat(d.links()).containsExactly(
                new Link(LinkType.INPUT, "A", null),
                new Link(LinkType.INPUT, "X", "sleep_time"),
                new Link(LinkType.STREAMING_INPUT, "S", null),
                new Link(LinkType.OUTPUT, "C", "out"),
                new Link(LinkType.OUTPUT, "D", null));
    }

    @Test
    void read_dataLinks_haveDataLinkTypes() {
        DropSpec d = dropSpec(data("A", "'producers': ['P']", "'consumers': ['C']", "'streamingConsumers': ['S']"));

        assertThat(d.links()).extracting(Link::type)
                .containsExactly(LinkType.PRODUCER, LinkType.CONSUMER, LinkType.STREAMING_CONSUMER);
    }

    @Test
    void read_numericLinks_areOids() {
        DropSpec d = dropSpec(data("A", "'consumers': [3, {'4': 'p'}]"));

        assertThat(d.links()).containsExactly(
                new Link(LinkType.CONSUMER, "3", null), new Link(LinkType.CONSUMER, "4", "p"));
    }

    @Test
    void read_oidThatIsNoString_isAProblemNamingTheElement() {
        ParsedGraph g = GraphReader.read(graph(json("{'oid': 12, 'categoryType': 'Data'}"),
                json("{'oid': {'a': 1}, 'categoryType': 'Data'}"), data("C")));

        assertThat(g.drops()).extracting(DropSpec::oid).containsExactly("C");
        assertThat(g.problems()).containsExactly(
                GraphProblem.ofGraph("element #1 of the graph: its 'oid' is a number (12), not a string"),
                GraphProblem.ofGraph("element #2 of the graph: its 'oid' is an object, not a string"));
    }

    @Test
    void read_uidThatIsNoString_isAProblemNamingTheDrop() {
        ParsedGraph g = GraphReader.read(graph(data("A", "'uid': 7"), data("B", "'uid': ['x']"), data("C", "'uid': null")));

        assertThat(g.drops()).extracting(DropSpec::uid).containsExactly("C");
        assertThat(g.problems()).containsExactly(new GraphProblem("A", "its 'uid' is a number (7), not a string"),
                new GraphProblem("B", "its 'uid' is a list, not a string"));
    }

    @Test
    void read_parentAsSingleValue_isOneLink() {
        DropSpec d = dropSpec(data("A", "'parent': 'K'", "'children': ['X', 'Y']"));

        assertThat(d.links()).containsExactly(new Link(LinkType.PARENT, "K", null),
                new Link(LinkType.CHILD, "X", null), new Link(LinkType.CHILD, "Y", null));
    }

    @Test
    void read_nullLinks_areNone() {
        DropSpec d = dropSpec(data("A", "'consumers': null", "'parent': null"));

        assertThat(d.links()).isEmpty();
    }

    @Test
    void read_portObjectWithSeveralKeys_usesTheFirst() {
        DropSpec d = dropSpec(app("B", "'inputs': [{'A': 'x', 'Z': 'y'}, 'C']"));

        assertThat(d.links()).containsExactly(new Link(LinkType.INPUT, "A", "x"), new Link(LinkType.INPUT, "C", null));
    }

    @Test
    void read_portObjectWithNullOrNestedPort_hasNoPort() {
        DropSpec d = dropSpec(app("B", "'inputs': [{'A': null}, {'C': {'deep': 1}}, 'D']"));

        assertThat(d.links()).containsExactly(new Link(LinkType.INPUT, "A", null),
                new Link(LinkType.INPUT, "C", null), new Link(LinkType.INPUT, "D", null));
    }

    @Test
    void read_emptyObjectInLinks_isAProblemNamingTheElementAndKey() {
        ParsedGraph g = parse(data("A"), app("B", "'inputs': [{}, 'A']"));

        assertThat(g.problems()).containsExactly(GraphProblem.ofGraph("element #2: an empty object in 'inputs'"));
        assertThat(g.drops().get(1).links()).containsExactly(new Link(LinkType.INPUT, "A", null));
    }

    @Test
    void read_booleanInLinks_isAProblemNamingTheElementAndKey() {
        ParsedGraph g = parse(data("A", "'consumers': [true, ['x'], 'B']"), app("B"));

        assertThat(g.problems()).containsExactly(
                GraphProblem.ofGraph("element #1: 'consumers' holds a boolean, not a drop oid"),
                GraphProblem.ofGraph("element #1: 'consumers' holds a list, not a drop oid"));
        assertThat(g.drops().getFirst().links()).containsExactly(new Link(LinkType.CONSUMER, "B", null));
    }

    // ---- Keys and values ----

    @Test
    void read_noUid_uidIsOid() {
        assertThat(dropSpec(data("A")).uid()).isEqualTo("A");
        assertThat(dropSpec(data("A", "'uid': ''")).uid()).isEqualTo("A");
        assertThat(dropSpec(data("A", "'uid': null")).uid()).isEqualTo("A");
    }

    @Test
    void read_duplicateDropclass_lastValueWins() {
        DropSpec d = dropSpec(json("{'oid': 'a', 'categoryType': 'Application', 'dropclass': 'x.First',"
                + " 'weight': 5, 'dropclass': 'dlg.apps.simple.RandomArrayApp'}"));

        assertThat(d.dropClass()).isEqualTo("dlg.apps.simple.RandomArrayApp");
    }

    @Test
    void read_duplicateParam_keepsFirstPositionAndLastValue() {
        DropSpec d = dropSpec(data("A", "'x': 1", "'y': 2", "'x': 3"));

        assertThat(d.params()).containsExactly(Map.entry("x", 3), Map.entry("y", 2));
    }

    @Test
    void read_duplicateLinkKey_lastListWins() {
        DropSpec d = dropSpec(data("A", "'consumers': ['B']", "'producers': ['P']", "'consumers': ['C']"));

        assertThat(d.links()).containsExactly(
                new Link(LinkType.PRODUCER, "P", null), new Link(LinkType.CONSUMER, "C", null));
    }

    @Test
    void read_scalarParams_becomeJavaValues() {
        DropSpec d = dropSpec(data("A", "'s': 'text'", "'i': 7", "'big': 12345678901", "'huge': 123456789012345678901234",
                "'f': 2.5", "'t': true", "'n': null"));

        assertThat(d.params()).containsExactly(
                Map.entry("s", "text"), Map.entry("i", 7), Map.entry("big", 12345678901L),
                Map.entry("huge", new BigInteger("123456789012345678901234")), Map.entry("f", 2.5),
                Map.entry("t", true), new java.util.AbstractMap.SimpleEntry<>("n", null));
    }

    @Test
    void read_nestedValues_areKeptAsRawJson() {
        DropSpec d = dropSpec(data("A", "'rank': [0, 1]", "'fields': [{'name': 'x', 'value': 1}]", "'empty': {}"));

        assertThat(d.params()).containsExactly(
                Map.entry("rank", new RawJson("[0,1]")),
                Map.entry("fields", new RawJson(json("[{'name':'x','value':1}]"))),
                Map.entry("empty", new RawJson("{}")));
    }

    @Test
    void read_nonScalarName_isIgnored() {
        DropSpec d = dropSpec(data("A", "'name': ['x']", "'node': {'h': 1}"));

        assertThat(d.name()).isNull();
        assertThat(d.node()).isNull();
        assertThat(d.displayName()).isEqualTo("A");
    }

    @Test
    void read_nan_isAccepted() {
        DropSpec d = dropSpec(data("A", "'x': NaN", "'y': -Infinity"));

        assertThat((Double) d.params().get("x")).isNaN();
        assertThat(d.params().get("y")).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void read_nestedNan_staysANumber() {
        DropSpec d = dropSpec(data("A", "'values': [1.5, NaN]"));

        Object parsed = GraphReader.parseValue((RawJson) d.params().get("values"));

        assertThat(parsed).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .satisfiesExactly(x -> assertThat(x).isEqualTo(1.5), x -> assertThat((Double) x).isNaN());
    }

    // ---- applicationArgs ----

    @Test
    void read_applicationArgs_parsedIntoAppArgs() {
        DropSpec d = dropSpec(app("B", "'applicationArgs': {"
                + "'size': {'text': 'Size', 'value': 50, 'usage': 'NoPort', 'encoding': 'pickle', 'positional': false,"
                + "         'precious': true, 'type': 'Integer', 'options': [], 'readonly': false},"
                + "'if': {'value': '', 'usage': 'InputPort', 'encoding': 'path', 'positional': true},"
                + "'arr': {'value': [1, 2]}}"));

        assertThat(d.appArgs()).containsExactly(
                Map.entry("size", new AppArg("size", 50, "NoPort", "pickle", false, true, "Integer")),
                Map.entry("if", new AppArg("if", "", "InputPort", "path", true, false, null)),
                Map.entry("arr", new AppArg("arr", new RawJson("[1,2]"), null, null, false, false, null)));
    }

    @Test
    void read_applicationArgs_alsoKeptRawInParams() {
        DropSpec d = dropSpec(app("B", "'applicationArgs': {'size': {'value': 50}}", "'size': 10"));

        assertThat(d.params()).containsExactly(
                Map.entry("applicationArgs", new RawJson(json("{'size':{'value':50}}"))), Map.entry("size", 10));
        assertThat(d.param("size")).isEqualTo(50);
    }

    @Test
    void read_applicationArgsBareValues_areValuesWithoutUsage() {
        DropSpec d = dropSpec(app("B", "'applicationArgs': {'greet': 'you', 'n': 3}"));

        assertThat(d.appArgs()).containsExactly(
                Map.entry("greet", new AppArg("greet", "you", null, null, false, false, null)),
                Map.entry("n", new AppArg("n", 3, null, null, false, false, null)));
    }

    @Test
    void read_applicationArgsFlagsAsStringsOrNumbers_areBooleans() {
        DropSpec d = dropSpec(app("B", "'applicationArgs': {"
                + "'a': {'value': 1, 'positional': 'True', 'precious': 1},"
                + "'b': {'value': 1, 'positional': 'false', 'precious': 0},"
                + "'c': {'value': 1, 'positional': null, 'precious': '1'}}"));

        assertThat(d.appArgs().get("a")).extracting(AppArg::positional, AppArg::precious).containsExactly(true, true);
        assertThat(d.appArgs().get("b")).extracting(AppArg::positional, AppArg::precious).containsExactly(false, false);
        assertThat(d.appArgs().get("c")).extracting(AppArg::positional, AppArg::precious).containsExactly(false, true);
    }

    @Test
    void read_emptyOrNonObjectApplicationArgs_noAppArgs() {
        assertThat(dropSpec(app("B", "'applicationArgs': {}")).appArgs()).isEmpty();
        assertThat(dropSpec(app("B", "'applicationArgs': ['x']")).appArgs()).isEmpty();
        assertThat(dropSpec(app("B", "'applicationArgs': null")).appArgs()).isEmpty();
    }

    // ---- Broken documents ----

    @Test
    void read_malformedJson_namesLineAndColumn() {
        String text = "[\n  {\"oid\": \"A\",, \"categoryType\": \"Data\"}\n]";

        assertThatThrownBy(() -> GraphReader.read(text))
                .isInstanceOf(InvalidGraphException.class)
                .hasMessageStartingWith("Invalid graph: malformed JSON at line 2, column 15: ")
                .satisfies(e -> assertThat(((InvalidGraphException) e).problems()).singleElement()
                        .extracting(GraphProblem::oid).isNull());
    }

    @Test
    void read_malformedJsonFromStream_namesLineAndColumn() {
        byte[] bytes = "[{\"oid\": }]".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> GraphReader.read(new ByteArrayInputStream(bytes)))
                .isInstanceOf(InvalidGraphException.class)
                .hasMessageStartingWith("Invalid graph: malformed JSON at line 1, column 10: ");
    }

    @Test
    void read_unclosedList_isMalformed() {
        assertThatThrownBy(() -> GraphReader.read(graph(data("A")).replace("]", "")))
                .isInstanceOf(InvalidGraphException.class)
                .hasMessageContaining("malformed JSON at line 1");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"oid\": \"A\"}  | an object",
            "\"graph\"         | a string",
            "42                | a number",
            "null              | null"})
    void read_topLevelNotAList_saysWhatItIs(String text, String what) {
        assertThatThrownBy(() -> GraphReader.read(text))
                .isInstanceOf(InvalidGraphException.class)
                .hasMessage("Invalid graph: a physical graph must be a JSON list of drop specs, not " + what);
    }

    @Test
    void read_emptyDocument_saysItIsEmpty() {
        assertThatThrownBy(() -> GraphReader.read("  "))
                .isInstanceOf(InvalidGraphException.class)
                .hasMessage("Invalid graph: a physical graph must be a JSON list of drop specs, not empty");
    }

    @Test
    void read_contentAfterClosingBracket_isRefused() {
        assertThatThrownBy(() -> GraphReader.read("[]\n[]"))
                .isInstanceOf(InvalidGraphException.class)
                .hasMessage("Invalid graph: unexpected content after the graph's closing ']' at line 2");
    }

    @Test
    void read_garbageAfterClosingBracket_isRefused() {
        assertThatThrownBy(() -> GraphReader.read("[] x"))
                .isInstanceOf(InvalidGraphException.class)
                .hasMessageContaining("malformed JSON at line 1");
    }

    @Test
    void read_elementNotAnObject_isAProblemAndOtherDropsAreKept() {
        ParsedGraph g = GraphReader.read(graph("1", data("A"), "[\"x\"]", "\"s\""));

        assertThat(g.drops()).extracting(DropSpec::oid).containsExactly("A");
        assertThat(g.problems()).containsExactly(
                GraphProblem.ofGraph("element #1 of the graph is a number, not a drop spec object"),
                GraphProblem.ofGraph("element #3 of the graph is a list, not a drop spec object"),
                GraphProblem.ofGraph("element #4 of the graph is a string, not a drop spec object"));
    }

    @Test
    void read_dropWithoutOid_isAProblemNamingTheElement() {
        ParsedGraph g = GraphReader.read(graph(data("A"), json("{'categoryType': 'Data', 'consumers': ['A']}")));

        assertThat(g.drops()).extracting(DropSpec::oid).containsExactly("A");
        assertThat(g.problems()).containsExactly(GraphProblem.ofGraph("element #2 of the graph has no 'oid'"));
    }

    @Test
    void read_dropWithEmptyOid_isAProblem() {
        ParsedGraph g = GraphReader.read(graph(data("")));

        assertThat(g.problems()).containsExactly(GraphProblem.ofGraph("element #1 of the graph has no 'oid'"));
    }

    @Test
    void read_unknownCategoryType_isAProblemNamingTheDrop() {
        ParsedGraph g = parse(drop("A", "plain", "x.Y"), data("B"));

        assertThat(g.drops()).extracting(DropSpec::oid).containsExactly("B");
        assertThat(g.problems()).containsExactly(
                new GraphProblem("A", "unknown categoryType 'plain' (expected Application, Data or Socket)"));
    }

    @Test
    void read_missingCategoryType_isAProblemNamingTheDrop() {
        ParsedGraph g = GraphReader.read(json("[{'oid': 'A', 'dropclass': 'dlg.apps.simple.SleepApp'}]"));

        assertThat(g.drops()).isEmpty();
        assertThat(g.problems()).containsExactly(new GraphProblem("A", "has no 'categoryType'"));
    }

    @Test
    void read_applicationWithoutDropclass_isAProblemNamingTheDrop() {
        ParsedGraph g = parse(drop("B", "Application", null, "'sleep_time': 1"));

        assertThat(g.drops()).isEmpty();
        assertThat(g.problems()).containsExactly(new GraphProblem("B", "application drop has no 'dropclass'"));
    }

    @Test
    void read_severalBrokenDrops_collectsEveryProblem() {
        ParsedGraph g = parse(drop("A", "nope", "x"), json("{'x': 1}"), drop("C", "app", null));

        assertThat(g.problems()).extracting(GraphProblem::oid).containsExactly("A", null, "C");
    }

    @Test
    void read_stringOverTheLimit_isRefusedNamingDropKeyAndLimit() {
        String text = graph(data("A", "'pydata': '" + "x".repeat(1001) + "'"));

        assertThatThrownBy(() -> GraphReader.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), 1000))
                .isInstanceOf(InvalidGraphException.class)
                .hasMessage("Invalid graph: drop 'A': its 'pydata' holds a string longer than the limit of 1000"
                        + " characters (--max-string-size)");
    }

    @Test
    void read_stringOverTheLimitBeforeTheOid_namesTheElement() {
        // a nested string is checked as it grows, a segment (at most 256K characters) at a time
        String text = "[" + data("A") + ", {\"x\": [\"" + "y".repeat(300_000) + "\"], \"oid\": \"B\"}]";

        assertThatThrownBy(() -> GraphReader.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), 1000))
                .isInstanceOf(InvalidGraphException.class)
                .hasMessageContaining("element #2 of the graph: its 'x' holds a string longer than the limit of 1000");
    }

    @Test
    void read_stringsUpToTheLimit_areKept() throws IOException {
        String text = graph(data("A", "'pydata': '" + "x".repeat(1000) + "'"));

        ParsedGraph g = GraphReader.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), 1000);

        assertThat(g.drops().getFirst().params().get("pydata")).isEqualTo("x".repeat(1000));
    }

    // ---- Values API ----

    @Test
    void parseValue_nestedJson_isOrderedJavaValues() {
        Object v = GraphReader.parseValue(new RawJson(json("{'b': [1, 2.5, 'x', null, true], 'a': {'c': 12345678901}}")));

        assertThat(v).isEqualTo(Map.of("b", java.util.Arrays.asList(1, 2.5, "x", null, true), "a", Map.of("c", 12345678901L)));
        assertThat(List.copyOf(((Map<?, ?>) v).keySet())).isEqualTo(List.of("b", "a"));
    }

    @Test
    void parseValue_scalarText_isTheScalar() {
        assertThat(GraphReader.parseValue(new RawJson("\"x\""))).isEqualTo("x");
        assertThat(GraphReader.parseValue(new RawJson(" 2.5 "))).isEqualTo(2.5);
        assertThat(GraphReader.parseValue(new RawJson("null"))).isNull();
    }

    @Test
    void parseValue_invalidJson_isIllegalArgument() {
        assertThatThrownBy(() -> GraphReader.parseValue(new RawJson("{bad")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not valid JSON: ");
        assertThatThrownBy(() -> GraphReader.parseValue(new RawJson("")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not valid JSON: no value in ''");
        assertThatThrownBy(() -> GraphReader.parseValue(new RawJson("[1] [2]")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not valid JSON: more than one value in '[1] [2]'");
    }

    @Test
    void writeValue_valuesAsRead_roundTripToJson() throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.writeStartArray();
            for (Object v : java.util.Arrays.asList(null, new RawJson("{\"a\":[1]}"), "s", true, 1, 2L, 2.5,
                    new BigInteger("123456789012345678901234"), new java.math.BigDecimal("1.25"))) {
                GraphReader.writeValue(g, v);
            }
            g.writeEndArray();
        }

        assertThat(out).hasToString("[null,{\"a\":[1]},\"s\",true,1,2,2.5,123456789012345678901234,1.25]");
    }

    // ---- Real graphs ----

    static Stream<Path> daliugeGraphs() throws IOException {
        var dir = Graphs.daliugeGraphs();
        if (dir.isEmpty()) {
            return Stream.of(Path.of("shared/graphs/daliuge (absent)"));
        }
        try (var files = Files.list(dir.get())) {
            return files.filter(p -> !p.getFileName().toString().endsWith(".md")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("daliugeGraphs")
    void read_realDaliugeGraph_hasNoProblemsAndValidStructure(Path file) throws IOException {
        assumeThat(Files.isRegularFile(file)).as("DALiuGE's test graphs are not available at " + file).isTrue();
        ParsedGraph g;
        try (InputStream in = Files.newInputStream(file)) {
            g = GraphReader.read(in);
        }

        new GraphSpec().append(g, SpecChecker.NONE);

        assertThat(g.problems()).isEmpty();
        assertThat(g.drops()).isNotEmpty();
        assertThat(g.drops()).allSatisfy(d -> assertThat(d.dropClass()).startsWith("dlg."));
    }

    @Test
    void read_realSlurmWrapperGraph_unwrapsName() throws IOException {
        var dir = Graphs.daliugeGraphs();
        assumeThat(dir).as("DALiuGE's test graphs are not available").isPresent();

        ParsedGraph g = GraphReader.read(Files.readString(dir.get().resolve("SLURM_HelloWorld_simplePG.graph")));

        assertThat(g.name()).isEqualTo("SLURM_HelloWorld_simplePG.graph");
        assertThat(g.drops()).extracting(DropSpec::dropClass)
                .containsExactly("dlg.apps.simple.HelloWorldApp", "dlg.data.drops.file.FileDROP");
        assertThat(g.drops().getFirst().links())
                .containsExactly(new Link(LinkType.OUTPUT, "2022-03-24T11:40:15_-2_0", "hello"));
    }

    @Test
    void read_sharedInstances_nodeAndClassStringsAreShared() {
        ParsedGraph g = parse(data("A", "'node': 'n1'"), data("B", "'node': 'n1'"));

        assertThat(g.drops().get(0).node()).isSameAs(g.drops().get(1).node());
        assertThat(g.drops().get(0).dropClass()).isSameAs(Graphs.MEMORY);
        assertThat(List.of(g.drops().get(0).params(), g.drops().get(1).params())).allSatisfy(p -> assertThat(p).isEmpty());
    }
}
