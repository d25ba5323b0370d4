package dlg.core.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dlg.core.graph.AppArg;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The typed parameter accessors {@link AppContext} gives every application. */
class AppContextTest {

    /** Answers {@link #param} from a map; nothing else is used by the accessors. */
    private static final class ParamsOnly implements AppContext {
        private final Map<String, Object> params = new HashMap<>();

        ParamsOnly with(String name, Object value) {
            params.put(name, value);
            return this;
        }

        @Override
        public Object param(String name) {
            return params.get(name);
        }

        @Override
        public String sessionId() {
            return "s";
        }

        @Override
        public String oid() {
            return "A";
        }

        @Override
        public String uid() {
            return "A";
        }

        @Override
        public String name() {
            return "A";
        }

        @Override
        public Path sessionDir() {
            return Path.of(".");
        }

        @Override
        public List<DataDrop> inputs() {
            return List.of();
        }

        @Override
        public List<DataDrop> outputs() {
            return List.of();
        }

        @Override
        public String inputPort(int i) {
            return null;
        }

        @Override
        public String outputPort(int i) {
            return null;
        }

        @Override
        public Map<String, AppArg> appArgs() {
            return Map.of();
        }

        @Override
        public boolean isCancelled() {
            return false;
        }
    }

    @Test
    void typedParams_unset_areTheDefaults() {
        var ctx = new ParamsOnly().with("empty", "");

        assertThat(ctx.intParam(ParamSpec.ofInt("n", 7))).isEqualTo(7);
        assertThat(ctx.floatParam(ParamSpec.ofFloat("empty", 0.5))).isEqualTo(0.5);
        assertThat(ctx.boolParam(ParamSpec.ofBool("b", true))).isTrue();
        assertThat(ctx.stringParam(ParamSpec.ofString("s", "World"))).isEqualTo("World");
    }

    @Test
    void typedParams_set_areConverted() {
        var ctx = new ParamsOnly().with("n", "12").with("t", 2).with("b", "False").with("s", 5);

        assertThat(ctx.intParam(ParamSpec.ofInt("n", 0))).isEqualTo(12);
        assertThat(ctx.floatParam(ParamSpec.ofFloat("t", 0))).isEqualTo(2.0);
        assertThat(ctx.boolParam(ParamSpec.ofBool("b", true))).isFalse();
        assertThat(ctx.stringParam(ParamSpec.ofString("s", ""))).isEqualTo("5");
    }

    @Test
    void typedParam_wrongType_namesTheParameter() {
        var ctx = new ParamsOnly().with("sleep_time", "abc");

        assertThatThrownBy(() -> ctx.floatParam(ParamSpec.ofFloat("sleep_time", 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameter 'sleep_time': not a number: 'abc'");
    }
}
