package dlg.daemon;

import dlg.manager.history.HistorySettings;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code --history-db}, {@code --history-days}, {@code --no-history}: where a manager keeps its
 * past sessions. By default an H2 file under {@code $DLG_ROOT/history}, one per manager.
 */
final class HistoryOptions {

    static final String ENV = "DLG_HISTORY_DB";

    @Option(names = "--history-db", paramLabel = "JDBC_URL",
            description = "keep past sessions in this database instead of the embedded H2 file"
                    + " $DLG_ROOT/history/dlg-<nm|dim|mm>-<machine>-<port>.mv.db, e.g. a PostgreSQL shared by the cluster's"
                    + " managers: jdbc:postgresql://db:5432/dlg?user=dlg&password=... (default: $" + ENV + " if set)")
    String url;

    @Option(names = "--history-days", paramLabel = "N", defaultValue = "0",
            description = "forget sessions that ended more than N days ago (checked at start and daily);"
                    + " 0 keeps them all (default: ${DEFAULT-VALUE})")
    int days;

    @Option(names = "--no-history", description = "keep no history of past sessions")
    boolean off;

    /** The settings; a usage error (exit status 2) for a bad combination or URL. */
    HistorySettings settings(CommandLine commandLine) {
        return settings(commandLine, System.getenv());
    }

    HistorySettings settings(CommandLine commandLine, Map<String, String> env) {
        if (days < 0) {
            throw new CommandLine.ParameterException(commandLine, "--history-days must not be negative: " + days);
        }
        String db = url != null ? url : blankToNull(env.get(ENV));
        if (off) {
            if (url != null || days != 0) {
                throw new CommandLine.ParameterException(commandLine,
                        "--no-history cannot go with --history-db or --history-days");
            }
            return HistorySettings.OFF;
        }
        if (db != null && !db.startsWith("jdbc:h2:") && !db.startsWith("jdbc:postgresql:")) {
            throw new CommandLine.ParameterException(commandLine, (url != null ? "--history-db" : "$" + ENV)
                    + ": dlg keeps its history in H2 (jdbc:h2:...) or PostgreSQL (jdbc:postgresql://...), not in " + db);
        }
        return new HistorySettings(true, db, days);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
