package dlg.web;

import static org.assertj.core.api.Assertions.assertThat;

import dlg.core.state.AppState;
import dlg.core.state.DropState;
import dlg.core.state.SessionState;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class StateScriptTest {

    @Test
    void generate_everyStateInCodeOrder_withTheServersTerminalFlag() {
        String js = StateScript.generate();
        assertThat(js).contains(
                "export const SESSION_STATES = [\n" + entries(SessionState.values()) + "];\n",
                "export const DROP_STATES = [\n" + entries(DropState.values()) + "];\n",
                "export const APP_STATES = [\n" + entries(AppState.values()) + "];\n");
        assertThat(js).contains("{name: \"failed\", terminal: true}", "{name: \"running\", terminal: false}",
                "{name: \"not_run\", terminal: false}");
    }

    @Test
    void generate_appCategories_areTheGraphsApplicationKinds() {
        assertThat(StateScript.generate()).contains("export const APP_CATEGORIES = [\"Application\", \"Socket\"];");
    }

    private static String entries(Enum<?>[] states) {
        StringBuilder b = new StringBuilder();
        for (Enum<?> s : states) {
            boolean terminal = switch (s) {
                case SessionState x -> x.isTerminal();
                case DropState x -> x.isTerminal();
                case AppState x -> x.isTerminal();
                default -> throw new IllegalArgumentException(s.toString());
            };
            b.append("  {name: \"").append(s.name().toLowerCase(Locale.ROOT)).append("\", terminal: ")
                    .append(terminal).append("},\n");
        }
        return b.toString();
    }
}
