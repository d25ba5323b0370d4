package dlg.core.graph;

import static dlg.core.graph.Graphs.app;
import static dlg.core.graph.Graphs.data;
import static dlg.core.graph.Graphs.graph;
import static dlg.core.graph.Graphs.parse;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PartIndexTest {

    private static PartIndex indexOf(String... drops) {
        return PartIndex.of(new ArrayList<>(parse(drops).drops()));
    }

    @Test
    void of_linksForwardAndBackward_resolveToPositions() {
        PartIndex index = indexOf(data("A", "'consumers': ['B']"), app("B", "'inputs': ['A']", "'outputs': ['C']"),
                data("C"));

        assertThat(index.size()).isEqualTo(3);
        assertThat(index.linkStarts).containsExactly(0, 1, 3, 3);
        assertThat(index.linkTargets).containsExactly(1, 0, 2);
        assertThat(index.linkTypes).containsExactly((byte) LinkType.CONSUMER.ordinal(),
                (byte) LinkType.INPUT.ordinal(), (byte) LinkType.OUTPUT.ordinal());
        assertThat(index.categories).containsExactly((byte) Category.DATA.ordinal(),
                (byte) Category.APPLICATION.ordinal(), (byte) Category.DATA.ordinal());
        assertThat(index.oids.get("B")).isEqualTo(1);
        assertThat(index.duplicates).isEmpty();
        assertThat(index.distinctUids).isFalse();
    }

    @Test
    void of_danglingLink_isMinusOne() {
        PartIndex index = indexOf(data("A", "'consumers': ['X']"));

        assertThat(index.linkTargets).containsExactly(-1);
    }

    @Test
    void of_selfLink_namesItsOwnPosition() {
        PartIndex index = indexOf(data("A"), data("B", "'consumers': ['B']"));

        assertThat(index.linkTargets).containsExactly(1);
    }

    @Test
    void of_duplicateOid_isListedAndLinksNameTheFirst() {
        PartIndex index = indexOf(data("A", "'consumers': ['B']"), app("B"), app("B"), data("C", "'producers': ['B']"));

        assertThat(index.duplicates).containsExactly(2);
        assertThat(index.linkTargets).containsExactly(1, 1);
        assertThat(index.oids.get("B")).isEqualTo(1);
    }

    @Test
    void of_oidsWithEqualHashCodes_areKeptApart() {
        assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());

        PartIndex index = indexOf(data("Aa", "'consumers': ['BB']"), app("BB", "'outputs': ['AaBB']"),
                data("AaBB", "'producers': ['BB']"), app("Aa"), data("BBBB", "'consumers': ['Aa']"));

        assertThat(index.linkTargets).containsExactly(1, 2, 1, 0);
        assertThat(index.duplicates).containsExactly(3);
        assertThat(index.oids.get("BB")).isEqualTo(1);
        assertThat(index.oids.get("BBAa")).isEqualTo(-1);
    }

    @Test
    void of_linksNotSharingTheOidString_areLookedUp() {
        DropSpec a = Graphs.dropSpec(data("A"));
        DropSpec b = Graphs.dropSpec(app("B"));
        List<DropSpec> drops = List.of(
                new DropSpec(a.oid(), a.uid(), a.category(), a.dropClass(), null, null, null,
                        List.of(new Link(LinkType.CONSUMER, new String("B"), null)), a.params(), a.appArgs()),
                new DropSpec(b.oid(), b.uid(), b.category(), b.dropClass(), null, null, null,
                        List.of(new Link(LinkType.INPUT, new String("A"), null),
                                new Link(LinkType.OUTPUT, new String("C"), null)), b.params(), b.appArgs()));

        PartIndex index = PartIndex.of(drops);

        assertThat(index.linkTargets).containsExactly(1, 0, -1);
    }

    @Test
    void of_distinctUid_isNoted() {
        assertThat(indexOf(data("A", "'uid': 'U'")).distinctUids).isTrue();
        assertThat(indexOf(data("A", "'uid': 'A'")).distinctUids).isFalse();
    }

    @Test
    void readersIndex_equalsTheOneBuiltFromItsDrops() {
        // more drops than a page of records, links in both directions and to drops far away
        List<String> drops = new ArrayList<>();
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            String far = "d" + ((i * 7919) % n);
            drops.add(i % 2 == 0
                    ? data("d" + i, "'consumers': ['a" + (i + 1) + "']")
                    : app("a" + i, "'inputs': ['d" + (i - 1) + "']", "'outputs': ['" + far + "', 'x" + i + "']"));
        }
        ParsedGraph parsed = GraphReader.read(graph(drops.toArray(String[]::new)));
        PartIndex read = ((IndexedDrops) parsed.drops()).index();

        PartIndex built = PartIndex.of(new ArrayList<>(parsed.drops()));

        assertThat(read.linkStarts).isEqualTo(built.linkStarts);
        assertThat(read.linkTargets).isEqualTo(built.linkTargets);
        assertThat(read.linkTypes).isEqualTo(built.linkTypes);
        assertThat(read.categories).isEqualTo(built.categories);
        assertThat(read.duplicates).isEqualTo(built.duplicates);
        for (int i = 0; i < n; i++) {
            DropSpec d = parsed.drops().get(i);
            assertThat(read.oids.get(d.oid())).isEqualTo(i);
            for (int k = 0; k < d.links().size(); k++) {
                String oid = d.links().get(k).oid();
                int target = read.linkTargets[read.linkStarts[i] + k];
                assertThat(target).isEqualTo(oid.startsWith("x") ? -1 : read.oids.get(oid));
            }
        }
    }
}
