package dlg.core.graph;

import static dlg.core.graph.Graphs.app;
import static dlg.core.graph.Graphs.data;
import static dlg.core.graph.Graphs.dropSpec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
