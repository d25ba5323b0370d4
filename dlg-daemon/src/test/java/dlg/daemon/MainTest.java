package dlg.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;
import org.junit.jupiter.api.Test;

/** {@code dlg}'s command tree: whole for usage and help, one subcommand when the first argument names it. */
class MainTest {

    private static String run(CommandLine cl, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        cl.execute(args);
        return out + "" + err;
    }

    @Test
    void aNamedSubcommand_getsATreeOfItsOwn_thatStillCallsItDlgSomething() {
        String[] args = {"nm", "--help"};
        CommandLine cl = Main.commandLine(args);

        assertThat(cl.getSubcommands()).containsOnlyKeys("nm");
        assertThat(run(cl, args)).startsWith("Usage: dlg nm ").contains("--event_port");
    }

    @Test
    void noSubcommand_orAnUnknownOne_getsTheWholeTree() {
        assertThat(Main.commandLine(new String[0]).getSubcommands()).containsOnlyKeys(
                "run", "nm", "dim", "mm", "daemon", "cluster", "slurm", "submit", "train", "help");
        assertThat(Main.commandLine(new String[] {"--version"}).getSubcommands()).hasSize(10);
        String[] help = {"help", "dim"};
        assertThat(run(Main.commandLine(help), help)).startsWith("Usage: dlg dim ");

        String[] typo = {"slrum"};
        CommandLine cl = Main.commandLine(typo);
        assertThat(cl.getSubcommands()).hasSize(10);
        assertThat(run(cl, typo)).contains("Unmatched argument at index 0: 'slrum'").contains("Did you mean:").contains("dlg slurm");
    }

    @Test
    void usage_listsTheSubcommandsInTheirOrder() {
        String usage = run(Main.commandLine(new String[0]));

        assertThat(usage).containsSubsequence("run", "nm", "dim", "mm", "daemon", "cluster", "slurm", "submit");
        assertThat(usage).doesNotContain(" train "); // hidden
    }
}
