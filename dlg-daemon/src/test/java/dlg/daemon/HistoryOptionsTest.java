package dlg.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dlg.manager.history.HistorySettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code --history-db}, {@code $DLG_HISTORY_DB}, {@code --history-days}, {@code --no-history}. */
class HistoryOptionsTest {

    private static HistorySettings settings(Map<String, String> env, String... args) {
        HistoryOptions options = new HistoryOptions();
        CommandLine cl = new CommandLine(options);
        cl.parseArgs(args);
        return options.settings(cl, env);
    }

    @Test
    void nothing_isTheEmbeddedHistoryKeptForEver() {
        assertThat(settings(Map.of())).isEqualTo(HistorySettings.EMBEDDED);
    }

    @Test
    void url_winsOverTheEnvironment_andDaysAreKept() {
        assertThat(settings(Map.of("DLG_HISTORY_DB", "jdbc:h2:mem:x"), "--history-db", "jdbc:postgresql://db/dlg",
                "--history-days", "30")).isEqualTo(new HistorySettings(true, "jdbc:postgresql://db/dlg", 30));
        assertThat(settings(Map.of("DLG_HISTORY_DB", "jdbc:h2:mem:x")).jdbcUrl()).isEqualTo("jdbc:h2:mem:x");
    }

    @Test
    void noHistory_isOff_andAlone() {
        assertThat(settings(Map.of(), "--no-history")).isEqualTo(HistorySettings.OFF);
        assertThatThrownBy(() -> settings(Map.of(), "--no-history", "--history-days", "3"))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("--no-history");
    }

    @Test
    void badValues_areUsageErrorsNamingTheOption() {
        assertThatThrownBy(() -> settings(Map.of(), "--history-days", "-1"))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("--history-days");
        assertThatThrownBy(() -> settings(Map.of(), "--history-db", "jdbc:mysql://x/y"))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("--history-db")
                .hasMessageContaining("jdbc:mysql://x/y");
        assertThatThrownBy(() -> settings(Map.of("DLG_HISTORY_DB", "postgres://x")))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("$DLG_HISTORY_DB");
    }

    @Test
    void nm_withABadHistoryUrl_exitsWithStatus2() {
        StringWriter out = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setErr(new PrintWriter(out, true));
        assertThat(cl.execute("nm", "-P", "0", "--history-db", "sqlite:x")).isEqualTo(2);
        assertThat(out.toString()).contains("--history-db");
    }
}
