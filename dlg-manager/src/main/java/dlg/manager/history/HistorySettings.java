package dlg.manager.history;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * How a manager keeps its history ({@code --history-db}, {@code --history-days},
 * {@code --no-history}).
 *
 * @param enabled false: no history at all
 * @param jdbcUrl the database, or null for the embedded default: an H2 file under
 *     {@code $DLG_ROOT/history}, one per manager ({@link #embeddedUrl})
 * @param keepDays sessions older than this many days are pruned (at start and daily); 0 keeps all
 */
public record HistorySettings(boolean enabled, String jdbcUrl, int keepDays) {

    /** No history: the default of services made in tests and embedded. */
    public static final HistorySettings OFF = new HistorySettings(false, null, 0);
    /** The command line's default: an H2 file under {@code $DLG_ROOT}, kept for ever. */
    public static final HistorySettings EMBEDDED = new HistorySettings(true, null, 0);

    public HistorySettings {
        if (keepDays < 0) {
            throw new IllegalArgumentException("history days must not be negative: " + keepDays);
        }
        if (jdbcUrl != null && !jdbcUrl.startsWith("jdbc:")) {
            throw new IllegalArgumentException("not a JDBC URL (jdbc:h2:..., jdbc:postgresql://...): " + jdbcUrl);
        }
    }

    /**
     * The embedded database of one manager: {@code $DLG_ROOT/history/dlg-<kind>-<machine>-<port>}
     * (H2 adds {@code .mv.db}). One file per manager, not one shared: H2 locks an open file for its
     * process, and several managers may share a {@code DLG_ROOT}, those of one host (other ports)
     * and those of a cluster whose nodes mount the same file system (same port, other machines).
     * H2's AUTO_SERVER would make the first one a server for the others, and their history would
     * go when it stops.
     *
     * @param kind {@code nm}, {@code dim} or {@code mm}
     * @param machine this machine's short name
     */
    public static String embeddedUrl(Path dlgRoot, String kind, String machine, int port) {
        String safe = machine.replaceAll("[^A-Za-z0-9._-]", "_");
        Path file = dlgRoot.toAbsolutePath().normalize().resolve("history")
                .resolve("dlg-" + kind.toLowerCase(Locale.ROOT) + "-" + safe + "-" + port);
        return "jdbc:h2:file:" + file;
    }

    /** This machine's short name (before the first dot), or {@code localhost} if it has none. */
    static String machine() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            int dot = name.indexOf('.');
            return dot > 0 ? name.substring(0, dot) : name;
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /**
     * The history these settings ask for, opened on its own thread once {@code target} is known
     * ({@link JdbcSessionHistory#openWhen}), or {@link SessionHistory#NONE}.
     */
    public SessionHistory open(CompletableFuture<HistoryTarget> target, Clock clock) {
        if (!enabled) {
            return SessionHistory.NONE;
        }
        return JdbcSessionHistory.openWhen(target, keepDays == 0 ? null : Duration.ofDays(keepDays), clock);
    }

    /**
     * The target of a manager of this kind listening on {@code host:port}. A manager listening on
     * every interface or on loopback is named by its machine's name: managers of several machines
     * sharing one database are told apart, and keep their name whatever interface they listen on.
     */
    public HistoryTarget target(Path dlgRoot, String kind, String host, int port) {
        boolean wildcard = host.isEmpty() || host.equals("0.0.0.0") || host.equals("::") || host.equals("::1")
                || host.equalsIgnoreCase("localhost") || host.startsWith("127.");
        String url = jdbcUrl != null ? jdbcUrl : embeddedUrl(dlgRoot, kind, machine(), port);
        return new HistoryTarget(url, (wildcard ? machine() : host) + ":" + port);
    }
}
