package dlg.core.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ParamSpecTest {

    @Test
    void factories_setTypeAndDefaultAndAreOptional() {
        assertThat(ParamSpec.ofInt("n", 3)).isEqualTo(new ParamSpec("n", ParamType.INT, 3L, false));
        assertThat(ParamSpec.ofFloat("t", 0.5)).isEqualTo(new ParamSpec("t", ParamType.FLOAT, 0.5, false));
        assertThat(ParamSpec.ofBool("b", true)).isEqualTo(new ParamSpec("b", ParamType.BOOL, true, false));
        assertThat(ParamSpec.ofString("s", "x")).isEqualTo(new ParamSpec("s", ParamType.STRING, "x", false));
    }

    @Test
    void required_hasNoDefault() {
        assertThat(ParamSpec.required("command", ParamType.STRING))
                .isEqualTo(new ParamSpec("command", ParamType.STRING, null, true));
    }

    @Test
    void constructor_nullNameOrType_isRefused() {
        assertThatThrownBy(() -> new ParamSpec(null, ParamType.INT, 1)).isInstanceOf(NullPointerException.class)
                .hasMessage("name");
        assertThatThrownBy(() -> new ParamSpec("n", null, 1)).isInstanceOf(NullPointerException.class)
                .hasMessage("type");
    }
}
