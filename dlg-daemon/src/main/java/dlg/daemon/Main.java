package dlg.daemon;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code dlg} command line. */
@Command(name = "dlg", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Runs DALiuGE physical graphs: a fast drop-in replacement for DALiuGE's managers.",
        subcommands = {RunCommand.class, NodeManagerCommand.class, CompositeCommand.DataIsland.class,
                CompositeCommand.Master.class, DaemonCommand.class, ClusterCommand.class,
                SlurmCommand.class, SubmitCommand.class, TrainCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, for tests that run commands in-process. */
    public static CommandLine commandLine() {
        return new CommandLine(new Main());
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"dlg " + p.getProperty("version", "(development build)")
                    + " (Java " + Runtime.version() + ")"};
        }
    }
}
