package dlg.core.graph;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AppArgTest {

    private static AppArg withUsage(String usage) {
        return new AppArg("x", 1, usage, null, false, false, null);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "NULL", value = {
            "InputPort, true, false", "inputport, true, false", "OutputPort, false, true",
            "InputOutput, true, true", "NoPort, false, false", "NULL, false, false", "'', false, false"})
    void ports_followUsageIgnoringCase(String usage, boolean input, boolean output) {
        AppArg arg = withUsage(usage);

        assertThat(arg.isInputPort()).isEqualTo(input);
        assertThat(arg.isOutputPort()).isEqualTo(output);
    }
}
