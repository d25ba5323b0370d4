package dlg.daemon;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code dlg} command line. */
@Command(name = "dlg", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Runs DALiuGE physical graphs: a fast drop-in replacement for DALiuGE's managers.")
public final class Main implements Runnable {

    /** The subcommands' names, in the order {@code dlg --help} lists them. */
    static final List<String> SUBCOMMANDS = List.of("run", "nm", "dim", "mm", "daemon", "cluster", "slurm", "submit",
            "train", "help");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine(args).execute(args));
    }

    /** The configured command line with every subcommand, for tests that run commands in-process. */
    public static CommandLine commandLine() {
        CommandLine dlg = new CommandLine(new Main());
        for (String name : SUBCOMMANDS) {
            dlg.addSubcommand(subcommand(name));
        }
        return dlg;
    }

    /**
     * The command line for {@code args}: when the first names a subcommand, with that one only.
     * Picocli inspects every command it is given by reflection, and runs cold: its classes (Java 5
     * bytecode) are never in the JVM's ahead-of-time cache. Inspecting all ten took 0.1 s more
     * than inspecting {@code nm} alone (in a JVM without the cache).
     */
    static CommandLine commandLine(String[] args) {
        if (args.length == 0 || args[0].equals("help") || !SUBCOMMANDS.contains(args[0])) {
            return commandLine(); // usage, --version, help on any, or a name to suggest a subcommand for
        }
        return new CommandLine(new Main()).addSubcommand(subcommand(args[0]));
    }

    /**
     * A new instance of the subcommand of this name. A switch, not a static map of constructor
     * lambdas: with that map, JDK 25.0.3 crashed while it assembled the AOT cache.
     */
    private static Object subcommand(String name) {
        return switch (name) {
            case "run" -> new RunCommand();
            case "nm" -> new NodeManagerCommand();
            case "dim" -> new CompositeCommand.DataIsland();
            case "mm" -> new CompositeCommand.Master();
            case "daemon" -> new DaemonCommand();
            case "cluster" -> new ClusterCommand();
            case "slurm" -> new SlurmCommand();
            case "submit" -> new SubmitCommand();
            case "train" -> new TrainCommand();
            case "help" -> new CommandLine.HelpCommand();
            default -> throw new IllegalArgumentException("no subcommand " + name);
        };
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
