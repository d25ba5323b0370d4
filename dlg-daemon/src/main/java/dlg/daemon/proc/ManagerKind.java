package dlg.daemon.proc;

import dlg.manager.NodeAddress;
import java.util.Locale;

/** The managers a {@code dlg daemon} starts, by the names its REST routes use ({@code /managers/node}...). */
public enum ManagerKind {
    NODE("nm", "NodeManager", "NM", NodeAddress.NM_PORT),
    ISLAND("dim", "DataIslandManager", "DIM", NodeAddress.DIM_PORT),
    MASTER("mm", "MasterManager", "MM", NodeAddress.MM_PORT);

    private final String command;
    private final String managerName;
    private final String acronym;
    private final int defaultPort;

    ManagerKind(String command, String managerName, String acronym, int defaultPort) {
        this.command = command;
        this.managerName = managerName;
        this.acronym = acronym;
        this.defaultPort = defaultPort;
    }

    /** The name in the daemon's routes and replies: {@code node}, {@code island}, {@code master}. */
    public String routeName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The {@code dlg} subcommand that runs it. */
    public String command() {
        return command;
    }

    public String managerName() {
        return managerName;
    }

    /** DALiuGE's acronym in log and pid file names: {@code dlgNM.pid}. */
    public String acronym() {
        return acronym;
    }

    /** DALiuGE's REST port: 8000, 8001, 8002. */
    public int defaultPort() {
        return defaultPort;
    }

    /** @throws IllegalArgumentException naming the unknown kind */
    public static ManagerKind ofRouteName(String name) {
        for (ManagerKind k : values()) {
            if (k.routeName().equals(name)) {
                return k;
            }
        }
        throw new IllegalArgumentException("no such manager: " + name + " (node, island or master)");
    }
}
