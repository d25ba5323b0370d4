package dlg.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code dlg nm}'s own options (those it shares with {@code dlg run} are in {@link EngineOptionsTest}). */
class NodeManagerCommandTest {

    private static NodeManagerCommand parsed(String... args) {
        CommandLine.ParseResult parsed = Main.commandLine().parseArgs(args);
        return (NodeManagerCommand) parsed.subcommand().commandSpec().userObject();
    }

    @Test
    void peerTimeout_byDefault_is10Seconds_asDaliugesDmCheckTimeout() {
        assertThat(parsed("nm").peerTimeout).isEqualTo(10.0);
        assertThat(parsed("nm", "--peer-timeout", "2.5").peerTimeout).isEqualTo(2.5);
    }

    @Test
    void peerTimeout_outOfRange_isRefusedBeforeAnythingStarts() {
        for (String bad : new String[] {"0", "0.05", "-1", "NaN", "100000"}) {
            StringWriter err = new StringWriter();
            CommandLine cl = Main.commandLine();
            cl.setErr(new PrintWriter(err, true));

            assertThat(cl.execute("nm", "--peer-timeout", bad, "-P", "0")).as(bad).isEqualTo(2);
            assertThat(err.toString()).as(bad).contains("--peer-timeout must be between 0.1 and 86400 (seconds): ");
        }
    }
}
