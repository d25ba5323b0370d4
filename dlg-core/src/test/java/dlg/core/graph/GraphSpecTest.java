package dlg.core.graph;

import static dlg.core.graph.Graphs.app;
import static dlg.core.graph.Graphs.data;
import static dlg.core.graph.Graphs.drop;
import static dlg.core.graph.Graphs.graphSpec;
import static dlg.core.graph.Graphs.json;
import static dlg.core.graph.Graphs.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dlg.core.error.GraphProblem;
import dlg.core.error.InvalidGraphException;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Covers {@link GraphSpec} and the {@link GraphValidator} behind its {@code append}. */
class GraphSpecTest {

    private final GraphSpec spec = new GraphSpec();

    private void append(String... drops) {
        spec.append(parse(drops), SpecChecker.NONE);
    }

    private List<GraphProblem> problemsOf(String... drops) {
        try {
            append(drops);
        } catch (InvalidGraphException e) {
            return e.problems();
        }
        throw new AssertionError("the append was accepted");
    }

    // ---- Accepted graphs ----

    @Test
    void append_validGraph_indexesEveryDropInOrder() {
        append(data("A", "'consumers': ['B']"), app("B", "'outputs': ['C']"), data("C"));

        assertThat(spec.size()).isEqualTo(3);
        assertThat(spec.isEmpty()).isFalse();
        assertThat(spec.drops()).extracting(DropSpec::oid).containsExactly("A", "B", "C");
        assertThat(spec.indexOf("A")).isZero();
        assertThat(spec.indexOf("C")).isEqualTo(2);
        assertThat(spec.indexOf("Z")).isEqualTo(-1);
        assertThat(spec.indexOfUid("B")).isEqualTo(1);
    }

    @Test
    void uidChars_countsEveryUidAcrossAppendsAndLinks() {
        append(data("A", "'uid': 'uid-A'"), app("BB"));
        append(data("CCC"));

        assertThat(spec.uidChars()).isEqualTo(5 + 2 + 3);
        assertThat(spec.withLink("A", LinkType.CONSUMER, "BB", SpecChecker.NONE).uidChars()).isEqualTo(10);
        assertThat(new GraphSpec().uidChars()).isZero();
    }

    @Test
    void someDropHasReprodata_isKnownFromReading_acrossAppendsAndLinks() {
        append(data("A"), app("B"));
        assertThat(spec.someDropHasReprodata()).isFalse();

        append(data("C", "'reprodata': {'rmode': '1'}"));

        assertThat(spec.someDropHasReprodata()).isTrue();
        assertThat(spec.withLink("A", LinkType.CONSUMER, "B", SpecChecker.NONE).someDropHasReprodata()).isTrue();
        assertThat(graphSpec(data("D", "'reprodata': null")).someDropHasReprodata()).isFalse();
    }

    @Test
    void someDropSetsDependencyTimeout_isKnownFromReading_acrossAppendsAndLinks() {
        append(data("A"), app("B", "'sleep_time': 0"));
        assertThat(spec.someDropSetsDependencyTimeout()).isFalse();

        append(app("C", "'dependency_timeout': 5"));

        assertThat(spec.someDropSetsDependencyTimeout()).isTrue();
        assertThat(spec.withLink("A", LinkType.CONSUMER, "B", SpecChecker.NONE).someDropSetsDependencyTimeout()).isTrue();
        assertThat(graphSpec(app("D", "'dependency_timeout': null")).someDropSetsDependencyTimeout())
                .as("a null still sets it: the app reads it as none, but that is the app's to say").isTrue();
    }

    @Test
    void categoryAndLinks_areReadFromTheFlatArrays() {
        append(data("A", "'consumers': ['B']"), app("B", "'outputs': [{'C': 'out'}]"), data("C"));
        append(app("D"), data("E", "'producers': ['D']"));

        assertThat(spec.category(1)).isEqualTo(Category.APPLICATION);
        assertThat(spec.category(2)).isEqualTo(Category.DATA);
        assertThat(spec.category(3)).isEqualTo(Category.APPLICATION);
        assertThat(spec.linkCount(0)).isEqualTo(1);
        assertThat(spec.linkType(1, 0)).isEqualTo(LinkType.OUTPUT);
        assertThat(spec.linkTarget(1, 0)).isEqualTo(2);
        assertThat(spec.linkCount(2)).isZero();
        assertThat(spec.linkType(4, 0)).isEqualTo(LinkType.PRODUCER);
        assertThat(spec.linkTarget(4, 0)).isEqualTo(3);
    }

    @Test
    void newGraph_isEmpty() {
        assertThat(spec.isEmpty()).isTrue();
        assertThat(spec.size()).isZero();
        assertThat(spec.roots()).isEmpty();
        assertThat(spec.indexOf("A")).isEqualTo(-1);
        assertThat(spec.indexOfUid("A")).isEqualTo(-1);
    }

    @Test
    void append_emptyPart_changesNothing() {
        append(data("A"));

        append();

        assertThat(spec.drops()).extracting(DropSpec::oid).containsExactly("A");
    }

    @Test
    void drops_isReadOnly() {
        append(data("A"));

        assertThatThrownBy(() -> spec.drops().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void append_linkDeclaredOnBothSides_isAccepted() {
        append(data("A", "'consumers': ['B']"), app("B", "'inputs': ['A']"));

        assertThat(spec.size()).isEqualTo(2);
    }

    @Test
    void append_secondPart_mayLinkToDropsOfTheFirst() {
        append(data("A"));

        append(app("B", "'inputs': ['A']", "'outputs': ['C']"), data("C", "'producers': ['B']"));

        assertThat(spec.drops()).extracting(DropSpec::oid).containsExactly("A", "B", "C");
        assertThat(spec.linkTarget(1, 0)).isZero();
        assertThat(spec.linkTarget(1, 1)).isEqualTo(2);
        assertThat(spec.linkTarget(2, 0)).isEqualTo(1);
        assertThat(spec.roots()).containsExactly("A");
    }

    @Test
    void append_onePartToTwoGraphs_thenMoreToOne_leavesTheOtherIntact() {
        ParsedGraph part = parse(data("A", "'consumers': ['B']"), app("B"));
        GraphSpec other = new GraphSpec();
        spec.append(part, SpecChecker.NONE);
        other.append(part, SpecChecker.NONE);

        append(data("C", "'consumers': ['B']"));

        assertThat(spec.indexOf("C")).isEqualTo(2);
        assertThat(other.indexOf("C")).isEqualTo(-1);
        assertThat(other.size()).isEqualTo(2);
        GraphSpec third = new GraphSpec();
        third.append(part, SpecChecker.NONE); // the part itself is unchanged too
        assertThat(third.indexOf("C")).isEqualTo(-1);
        assertThat(third.roots()).containsExactly("A");
    }

    @Test
    void append_partOfAnyList_validatesAsTheReadersList() {
        ParsedGraph read = parse(data("A", "'consumers': ['B']"), app("B", "'outputs': ['C']"), data("C"));

        spec.append(new ParsedGraph(null, new ArrayList<>(read.drops()), null, List.of()), SpecChecker.NONE);

        assertThat(spec.linkTarget(0, 0)).isEqualTo(1);
        assertThat(spec.linkTarget(1, 0)).isEqualTo(2);
        assertThat(spec.roots()).containsExactly("A");
    }

    @Test
    void linkTarget_everyLink_isTheIndexOfTheNamedDrop() {
        append(data("A", "'consumers': ['B', 'D']"), app("B", "'outputs': [{'C': 'out'}]"), data("C"),
                app("D", "'inputs': ['A']"));

        assertThat(spec.linkTarget(0, 0)).isEqualTo(1);
        assertThat(spec.linkTarget(0, 1)).isEqualTo(3);
        assertThat(spec.linkTarget(1, 0)).isEqualTo(2);
        assertThat(spec.linkTarget(3, 0)).isZero();
    }

    @Test
    void append_parentAndChildren_linkAnyCategoriesWithoutMakingCycles() {
        append(drop("K", "Container", "dlg.data.drops.container.ContainerDROP", "'children': ['A', 'B']"),
                data("A", "'parent': 'K'", "'consumers': ['B']"), app("B", "'parent': 'K'"));

        assertThat(spec.size()).isEqualTo(3);
    }

    @Test
    void append_reproData_isKeptPerPart() {
        spec.append(parse(data("A"), json("{'rmode': '1'}")), SpecChecker.NONE);
        spec.append(parse(data("B")), SpecChecker.NONE);
        spec.append(parse(data("C"), json("{'rmode': '2'}")), SpecChecker.NONE);

        assertThat(spec.reproData()).containsExactly(new RawJson(json("{'rmode':'1'}")), new RawJson(json("{'rmode':'2'}")));
    }

    // ---- Duplicates ----

    @Test
    void append_duplicateOidWithinPart_namesTheOid() {
        assertThat(problemsOf(data("A"), data("B"), app("A")))
                .containsExactly(new GraphProblem("A", "duplicate oid (another drop already has it)"));
    }

    @Test
    void append_duplicateOidAcrossAppends_namesTheOid() {
        append(data("A"), data("B"));

        assertThat(problemsOf(data("C"), data("B")))
                .containsExactly(new GraphProblem("B", "duplicate oid (another drop already has it)"));
    }

    @Test
    void append_duplicateUidWithinPart_namesDropAndUid() {
        assertThat(problemsOf(data("A", "'uid': 'u1'"), data("B", "'uid': 'u1'")))
                .containsExactly(new GraphProblem("B", "duplicate uid 'u1'"));
    }

    @Test
    void append_duplicateUidAcrossAppends_namesDropAndUid() {
        append(data("A", "'uid': 'u1'"));

        assertThat(problemsOf(data("B", "'uid': 'u1'")))
                .containsExactly(new GraphProblem("B", "duplicate uid 'u1'"));
    }

    @Test
    void append_uidEqualToEarlierDefaultUid_isADuplicate() {
        append(data("X"));

        assertThat(problemsOf(data("Y", "'uid': 'X'"))).containsExactly(new GraphProblem("Y", "duplicate uid 'X'"));
    }

    @Test
    void append_defaultUidEqualToEarlierDistinctUid_isADuplicate() {
        append(data("A", "'uid': 'X'"));

        assertThat(problemsOf(data("X"))).containsExactly(new GraphProblem("X", "duplicate uid 'X'"));
    }

    @Test
    void append_uidEqualToAnotherDropsOid_isAccepted() {
        append(data("A", "'uid': 'B'"), data("B", "'uid': 'A'"));

        assertThat(spec.indexOfUid("B")).isZero();
        assertThat(spec.indexOfUid("A")).isEqualTo(1);
    }

    // ---- Uids ----

    @Test
    void indexOfUid_distinctUids_findsByUidNotOid() {
        append(data("A", "'uid': 'uA'", "'consumers': ['B']"), app("B", "'uid': 'uB'"));

        assertThat(spec.indexOfUid("uA")).isZero();
        assertThat(spec.indexOfUid("uB")).isEqualTo(1);
        assertThat(spec.indexOfUid("A")).isEqualTo(-1);
        assertThat(spec.indexOf("uA")).isEqualTo(-1);
        assertThat(spec.indexOf("B")).isEqualTo(1);
    }

    @Test
    void indexOfUid_distinctUidsOnlyInLaterPart_findsEveryDrop() {
        append(data("A"), data("B"));

        append(data("C", "'uid': 'uC'"));

        assertThat(spec.indexOfUid("A")).isZero();
        assertThat(spec.indexOfUid("B")).isEqualTo(1);
        assertThat(spec.indexOfUid("uC")).isEqualTo(2);
        assertThat(spec.indexOfUid("C")).isEqualTo(-1);
    }

    @Test
    void indexOfUid_afterDistinctUidsAPartWithout_stillFindsEveryDrop() {
        append(data("A", "'uid': 'uA'"));

        append(data("B"));

        assertThat(spec.indexOfUid("uA")).isZero();
        assertThat(spec.indexOfUid("B")).isEqualTo(1);
    }

    // ---- Links ----

    @Test
    void append_danglingLink_namesBothDrops() {
        assertThat(problemsOf(data("A"), app("B", "'inputs': ['A', 'X']")))
                .containsExactly(new GraphProblem("B", "'inputs' names drop 'X', which is not in the graph"));
    }

    @Test
    void append_danglingLink_messageNamesDeclaringAndMissingDrop() {
        assertThatThrownBy(() -> append(data("A", "'consumers': ['nope']")))
                .isInstanceOf(InvalidGraphException.class)
                .hasMessage("Invalid graph: drop 'A': 'consumers' names drop 'nope', which is not in the graph");
    }

    @Test
    void append_selfLink_isRefused() {
        assertThat(problemsOf(data("A", "'consumers': ['A']")))
                .containsExactly(new GraphProblem("A", "links to itself in 'consumers'"));
    }

    @Test
    void append_dataDropWithOutputs_isRefused() {
        assertThat(problemsOf(data("A", "'outputs': ['B']"), app("B")))
                .containsExactly(new GraphProblem("A", "a Data drop cannot have 'outputs'"));
    }

    @Test
    void append_applicationWithConsumers_isRefused() {
        assertThat(problemsOf(app("B", "'consumers': ['A']"), data("A")))
                .containsExactly(new GraphProblem("B", "an Application drop cannot have 'consumers'"));
    }

    @Test
    void append_appLinkedStraightToAnApp_isAcceptedWhicheverKeyNamesIt() {
        append(app("A"), app("B", "'inputs': ['A']"), app("C", "'outputs': ['D']"), app("D"),
                app("E", "'consumers': ['F']"), app("F"), app("G"), app("H", "'producers': ['G']"));

        assertThat(spec.size()).isEqualTo(8);
        assertThat(spec.roots()).containsExactly("A", "C", "E", "G");
    }

    @Test
    void append_appStreamingFromAnApp_isRefused() {
        assertThat(problemsOf(app("A"), app("B", "'streamingInputs': ['A']"))).containsExactly(new GraphProblem("B",
                "'streamingInputs' names 'A', an Application drop; data flows only between application and data drops"));
    }

    @Test
    void append_socketAsOutput_isRefused() {
        assertThat(problemsOf(drop("S", "socket", null), app("B", "'outputs': ['S']"))).containsExactly(new GraphProblem(
                "B", "'outputs' names 'S', a Socket drop; data flows only between application and data drops"));
    }

    @Test
    void append_dataConsumerBeingData_isRefused() {
        assertThat(problemsOf(data("A", "'consumers': ['B']"), data("B"))).containsExactly(new GraphProblem("A",
                "'consumers' names 'B', a Data drop; data flows only between application and data drops"));
    }

    @Test
    void append_dataProducerBeingData_isRefused() {
        assertThat(problemsOf(data("A"), data("B", "'producers': ['A']"))).containsExactly(new GraphProblem("B",
                "'producers' names 'A', a Data drop; data flows only between application and data drops"));
    }

    // ---- Cycles ----

    @Test
    void append_twoDropCycle_listsTheCycleInOrder() {
        assertThat(problemsOf(data("A", "'consumers': ['B']"), app("B", "'outputs': ['A']")))
                .containsExactly(new GraphProblem("A", "is on a cycle: A -> B -> A"));
    }

    @Test
    void append_cycleDeclaredByConsumingSides_listsTheCycleInFlowOrder() {
        assertThat(problemsOf(data("A", "'producers': ['D']"), app("B", "'inputs': ['A']"),
                data("C", "'producers': ['B']"), app("D", "'inputs': ['C']")))
                .containsExactly(new GraphProblem("A", "is on a cycle: A -> B -> C -> D -> A"));
    }

    @Test
    void append_cycleStartingLaterInDocument_startsAtItsFirstDrop() {
        assertThat(problemsOf(data("R", "'consumers': ['X']"), app("X", "'outputs': ['Y']"),
                data("Y", "'consumers': ['Z']"), app("Z", "'outputs': ['Y']")))
                .containsExactly(new GraphProblem("Y", "is on a cycle: Y -> Z -> Y"));
    }

    @Test
    void append_cycleWithDropsDownstream_countsThem() {
        assertThat(problemsOf(data("A", "'consumers': ['B']"), app("B", "'outputs': ['A', 'C']"), data("C")))
                .containsExactly(new GraphProblem("A",
                        "is on a cycle: A -> B -> A (3 drops are on or downstream of a cycle)"));
    }

    @Test
    void append_cycleThroughEarlierPart_isRefusedAndGraphKept() {
        append(data("A", "'consumers': ['B']"), app("B", "'outputs': ['C']"), data("C"));

        assertThat(problemsOf(app("D", "'inputs': ['C']", "'outputs': ['A']")))
                .containsExactly(new GraphProblem("A", "is on a cycle: A -> B -> C -> D -> A"));
        assertThat(spec.size()).isEqualTo(3);
        assertThat(spec.indexOf("D")).isEqualTo(-1);
    }

    @Test
    void append_longCycle_isShownAbridged() {
        int n = 1000;
        List<String> drops = new ArrayList<>();
        for (int i = 0; i < n; i += 2) {
            drops.add(data("d" + i, "'consumers': ['d" + (i + 1) + "']"));
            drops.add(app("d" + (i + 1), "'outputs': ['d" + ((i + 2) % n) + "']"));
        }

        List<GraphProblem> problems = problemsOf(drops.toArray(String[]::new));

        assertThat(problems).containsExactly(new GraphProblem("d0", "is on a cycle: d0 -> d1 -> d2 -> d3 -> d4"
                + " -> d5 -> d6 -> d7 -> d8 -> d9 -> d10 -> d11 -> d12 -> d13 -> d14 -> d15 -> d16 -> d17 -> d18"
                + " -> ... -> d0 (a cycle of 1000 drops)"));
    }

    @Test
    void append_danglingLink_skipsCycleCheck() {
        assertThat(problemsOf(data("A", "'consumers': ['B']"), app("B", "'outputs': ['A', 'X']")))
                .extracting(GraphProblem::message)
                .containsExactly("'outputs' names drop 'X', which is not in the graph");
    }

    // ---- Several problems, refusal ----

    @Test
    void append_severalProblems_reportedTogether() {
        var part = parse(drop("Q", "plain", "x"), data("A", "'consumers': ['X']"), data("A"), app("B", "'inputs': ['B']"));

        assertThatThrownBy(() -> spec.append(part, SpecChecker.NONE))
                .isInstanceOf(InvalidGraphException.class)
                .hasMessage("Invalid graph, 4 problems:"
                        + " drop 'Q': unknown categoryType 'plain' (expected Application, Data or Socket);"
                        + " drop 'A': duplicate oid (another drop already has it);"
                        + " drop 'A': 'consumers' names drop 'X', which is not in the graph;"
                        + " drop 'B': links to itself in 'inputs'");
    }

    @Test
    void append_readerProblemsAlone_refuseThePart() {
        var part = parse(data("A"), "1");

        assertThatThrownBy(() -> spec.append(part, SpecChecker.NONE))
                .isInstanceOf(InvalidGraphException.class)
                .hasMessage("Invalid graph: element #2 of the graph is a number, not a drop spec object");
        assertThat(spec.isEmpty()).isTrue();
    }

    @Test
    void append_checkerProblems_areReportedWithTheOthers() {
        List<String> checked = new ArrayList<>();
        SpecChecker checker = (d, problems) -> {
            checked.add(d.oid());
            if (d.category() == Category.APPLICATION) {
                problems.accept(new GraphProblem(d.oid(), "no such app"));
            }
        };

        assertThatThrownBy(() -> spec.append(parse(data("A", "'consumers': ['B', 'X']"), app("B")), checker))
                .isInstanceOf(InvalidGraphException.class)
                .satisfies(e -> assertThat(((InvalidGraphException) e).problems()).containsExactly(
                        new GraphProblem("B", "no such app"),
                        new GraphProblem("A", "'consumers' names drop 'X', which is not in the graph")));
        assertThat(checked).containsExactly("A", "B");
    }

    @Test
    void append_refused_leavesPreviousGraphIntact() {
        append(data("A", "'uid': 'uA'", "'consumers': ['B']"), app("B"), json("{'rmode': '1'}"));

        assertThatThrownBy(() -> append(app("C", "'inputs': ['A', 'missing']", "'uid': 'uC'"), data("D"), json("{'rmode': '2'}")))
                .isInstanceOf(InvalidGraphException.class);

        assertThat(spec.size()).isEqualTo(2);
        assertThat(spec.drops()).extracting(DropSpec::oid).containsExactly("A", "B");
        assertThat(spec.indexOf("C")).isEqualTo(-1);
        assertThat(spec.indexOf("D")).isEqualTo(-1);
        assertThat(spec.indexOfUid("uC")).isEqualTo(-1);
        assertThat(spec.indexOfUid("uA")).isZero();
        assertThat(spec.reproData()).hasSize(1);
        assertThat(spec.roots()).containsExactly("uA");
        assertThat(spec.linkTarget(0, 0)).isEqualTo(1);
    }

    @Test
    void append_afterRefusal_acceptsACorrectedPart() {
        append(data("A"));
        assertThatThrownBy(() -> append(app("C", "'inputs': ['A', 'missing']"))).isInstanceOf(InvalidGraphException.class);

        append(app("C", "'inputs': ['A']"), data("D", "'producers': ['C']"));

        assertThat(spec.drops()).extracting(DropSpec::oid).containsExactly("A", "C", "D");
        assertThat(spec.linkTarget(1, 0)).isZero();
        assertThat(spec.linkTarget(2, 0)).isEqualTo(1);
    }

    // ---- Roots ----

    @Test
    void roots_linksDeclaredOnEitherSide_excludeEveryFedDrop() {
        append(data("A", "'consumers': ['B']"), app("B"), data("C", "'producers': ['B']"),
                app("D", "'inputs': ['C']", "'outputs': ['E']"), data("E"), app("F"), data("G"));

        assertThat(spec.roots()).containsExactly("A", "F", "G");
    }

    @Test
    void roots_streamingLinks_feedToo() {
        append(data("A", "'streamingConsumers': ['B']"), app("B"), data("C"), app("D", "'streamingInputs': ['C']"));

        assertThat(spec.roots()).containsExactly("A", "C");
    }

    @Test
    void roots_distinctUids_areUids() {
        append(data("A", "'uid': 'uA'", "'consumers': ['B']"), app("B", "'uid': 'uB'"), app("C", "'uid': 'uC'"));

        assertThat(spec.roots()).containsExactly("uA", "uC");
    }

    @Test
    void roots_lowerCaseComplexLikeGraph_areExactlyTheSockets() {
        append(drop("SL_A", "socket", null, "'outputs': ['A']"), drop("SL_B", "socket", null, "'outputs': ['B']"),
                drop("A", "data", Graphs.MEMORY, "'consumers': ['E']"),
                drop("B", "data", Graphs.MEMORY, "'consumers': ['E']"),
                drop("E", "Application", "dlg.apps.simple.SleepAndCopyApp", "'outputs': ['G']"),
                drop("G", "data", Graphs.MEMORY));

        assertThat(spec.roots()).containsExactly("SL_A", "SL_B");
    }

    @Test
    void roots_realComplexJs_areTheFiveSockets() throws IOException {
        var dir = Graphs.daliugeGraphs();
        assumeThat(dir).as("DALiuGE's test graphs are not available").isPresent();

        spec.append(GraphReader.read(Files.readString(dir.get().resolve("complex.js"))), SpecChecker.NONE);

        assertThat(spec.size()).isEqualTo(25);
        assertThat(spec.roots()).containsExactly("SL_A", "SL_B", "SL_C", "SL_D", "SL_K");
    }

    // ---- Size ----

    @Test
    void append_chainOf200000Drops_validatesWithoutStackOverflow() {
        int n = 200_000;
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < n; i += 2) {
            if (i > 0) {
                b.append(',');
            }
            b.append("{\"oid\":\"d").append(i).append("\",\"categoryType\":\"Data\",\"dropclass\":\"")
                    .append(Graphs.MEMORY).append("\",\"consumers\":[\"d").append(i + 1).append("\"]},");
            b.append("{\"oid\":\"d").append(i + 1).append("\",\"categoryType\":\"Application\",\"dropclass\":\"")
                    .append(Graphs.NULL_APP).append('"');
            if (i + 2 < n) {
                b.append(",\"outputs\":[\"d").append(i + 2).append("\"]");
            }
            b.append('}');
        }
        ParsedGraph part = GraphReader.read(b.append(']').toString());

        spec.append(part, SpecChecker.NONE);

        assertThat(spec.size()).isEqualTo(n);
        assertThat(spec.roots()).containsExactly("d0");
        assertThat(spec.indexOf("d199999")).isEqualTo(n - 1);
        assertThat(spec.linkTarget(n - 2, 0)).isEqualTo(n - 1);
    }

    @Test
    void append_chainOf200000DropsClosedIntoACycle_reportsItAbridged() {
        int n = 200_000;
        List<String> drops = new ArrayList<>(n);
        for (int i = 0; i < n; i += 2) {
            drops.add("{\"oid\":\"d" + i + "\",\"categoryType\":\"Data\",\"consumers\":[\"d" + (i + 1) + "\"]}");
            drops.add("{\"oid\":\"d" + (i + 1) + "\",\"categoryType\":\"app\",\"dropclass\":\"x\",\"outputs\":[\"d"
                    + ((i + 2) % n) + "\"]}");
        }

        List<GraphProblem> problems = problemsOf(drops.toArray(String[]::new));

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.oid()).isEqualTo("d0");
            assertThat(p.message()).startsWith("is on a cycle: d0 -> d1 -> d2").endsWith("(a cycle of 200000 drops)");
        });
    }

    @Test
    void graphSpecHelper_buildsAValidatedGraph() {
        GraphSpec g = graphSpec(data("A", "'consumers': ['B']"), app("B"));

        assertThat(g.roots()).containsExactly("A");
    }
}
