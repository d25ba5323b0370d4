package dlg.core.graph;

import static dlg.core.graph.Graphs.app;
import static dlg.core.graph.Graphs.data;
import static dlg.core.graph.Graphs.dropSpec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DropSpecTest {

    @Test
    void param_noApplicationArgs_isTheTopLevelKey() {
        DropSpec d = dropSpec(app("B", "'sleep_time': 2"));

        assertThat(d.param("sleep_time")).isEqualTo(2);
        assertThat(d.param("missing")).isNull();
    }

    @Test
    void param_applicationArg_overridesTopLevelKey() {
        DropSpec d = dropSpec(app("B", "'sleep_time': 2", "'greet': 'x'",
                "'applicationArgs': {'sleep_time': {'value': 5}, 'n': {'value': null}}"));

        assertThat(d.param("sleep_time")).isEqualTo(5);
        assertThat(d.param("greet")).isEqualTo("x");
        assertThat(d.param("n")).isNull();
    }

    @Test
    void hasParam_topLevelOrApplicationArg() {
        DropSpec d = dropSpec(app("B", "'a': null", "'applicationArgs': {'b': {'value': 1}}"));

        assertThat(d.hasParam("a")).isTrue();
        assertThat(d.hasParam("b")).isTrue();
        assertThat(d.hasParam("applicationArgs")).isTrue();
        assertThat(d.hasParam("c")).isFalse();
    }

    @Test
    void displayName_isNameElseOid() {
        assertThat(dropSpec(data("A", "'name': 'Input'")).displayName()).isEqualTo("Input");
        assertThat(dropSpec(data("A")).displayName()).isEqualTo("A");
    }

    @Test
    void humanKey_translatorUid_isShortKey() {
        assertThat(dropSpec(data("2024-10-30T12:01:57_0140555b-8c23_0")).humanKey()).isEqualTo("0140_0");
        assertThat(dropSpec(data("2022-03-24T11:40:15_-2_0")).humanKey()).isEqualTo("-2_0");
        assertThat(dropSpec(data("a_b")).humanKey()).isEqualTo("b");
        assertThat(dropSpec(data("plain")).humanKey()).isEqualTo("plain");
    }

    @Test
    void humanKey_explicitHumanReadableKey_wins() {
        assertThat(dropSpec(data("x_y_z", "'humanReadableKey': 'hk'")).humanKey()).isEqualTo("hk");
        assertThat(dropSpec(data("x_y_z", "'humanReadableKey': ''")).humanKey()).isEqualTo("y_z");
    }

    @Test
    void constructor_missingMandatoryField_isRefusedNamingIt() {
        assertThatThrownBy(() -> new DropSpec(null, "u", Category.DATA, "c", null, null, null, List.of(), Map.of(),
                Map.of())).isInstanceOf(NullPointerException.class).hasMessage("oid");
        assertThatThrownBy(() -> new DropSpec("o", "u", Category.DATA, null, null, null, null, List.of(), Map.of(),
                Map.of())).isInstanceOf(NullPointerException.class).hasMessage("dropClass");
    }

    private static DropSpec withLinks(List<Link> links) {
        return new DropSpec("A", "A", Category.APPLICATION, "dlg.apps.simple.SleepApp", null, null, null,
                links, Map.of(), Map.of());
    }

    @Test
    void aLoneLink_readsAsTheLinkGiven() {
        Link in = new Link(LinkType.INPUT, "x", "sleep_time");
        DropSpec d = withLinks(List.of(in));

        assertThat(d.linkCount()).isEqualTo(1);
        assertThat(d.links()).containsExactly(in);
        assertThat(d.link(0)).isEqualTo(in);
        assertThat(d.linkType(0)).isEqualTo(LinkType.INPUT);
        assertThat(d.linkOid(0)).isEqualTo("x");
        assertThat(d.linkPort(0)).isEqualTo("sleep_time");
        assertThatThrownBy(() -> d.linkOid(1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void aLoneLinkWithoutAPort_readsAsTheLinkGiven() {
        Link out = new Link(LinkType.OUTPUT, "y", null);
        DropSpec d = withLinks(List.of(out));

        assertThat(d.links()).containsExactly(out);
        assertThat(d.link(0)).isEqualTo(out);
        assertThat(d.linkOid(0)).isEqualTo("y");
        assertThat(d.linkPort(0)).isNull();
        assertThat(d.linkType(0)).isEqualTo(LinkType.OUTPUT);
    }

    @Test
    void noLinks_andSeveral_readInDeclarationOrder() {
        DropSpec none = withLinks(List.of());
        ArrayList<Link> given = new ArrayList<>(List.of(
                new Link(LinkType.INPUT, "x", null), new Link(LinkType.OUTPUT, "y", null)));
        DropSpec two = withLinks(given);
        given.clear(); // the spec keeps its own copy

        assertThat(none.linkCount()).isZero();
        assertThat(none.links()).isEmpty();
        assertThatThrownBy(() -> none.linkType(0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(two.linkCount()).isEqualTo(2);
        assertThat(two.links()).extracting(Link::oid).containsExactly("x", "y");
        assertThat(two.linkType(1)).isEqualTo(LinkType.OUTPUT);
        assertThatThrownBy(() -> two.links().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void equality_isByContent_asARecord() {
        DropSpec a = withLinks(List.of(new Link(LinkType.INPUT, "x", null)));
        DropSpec same = withLinks(List.of(new Link(LinkType.INPUT, "x", null)));
        DropSpec other = withLinks(List.of(new Link(LinkType.INPUT, "z", null)));

        assertThat(a).isEqualTo(same).hasSameHashCodeAs(same).isNotEqualTo(other);
        assertThat(a.toString()).contains("oid=A", "links=[Link[type=INPUT, oid=x, port=null]]");
    }
}
