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
 *     {@code $DLG_ROOT/history}, one per manager kind and port ({@link #embeddedUrl})
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
     * The embedded database of one manager: {@code $DLG_ROOT/history/dlg-<kind>-<port>} (H2 adds
     * {@code .mv.db}). One file per manager, not one shared: H2 locks an open file for its process,
     * and several managers of one host may share a {@code DLG_ROOT} (AUTO_SERVER would make the first
     * one a server for the others, and their history would go when it stops).
     *
     * @param kind {@code nm}, {@code dim} or {@code mm}
     */
    public static String embeddedUrl(Path dlgRoot, String kind, int port) {
        Path file = dlgRoot.toAbsolutePath().normalize().resolve("history")
                .resolve("dlg-" + kind.toLowerCase(Locale.ROOT) + "-" + port);
        return "jdbc:h2:file:" + file;
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
     * The target of a manager of this kind listening on {@code host:port}; a manager listening on
     * every interface is named by the machine's name (what other hosts sharing the database see).
     */
    public HistoryTarget target(Path dlgRoot, String kind, String host, int port) {
        String name = host;
        if (host.equals("0.0.0.0") || host.equals("::") || host.isEmpty()) {
            try {
                name = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                name = host;
            }
        }
        return new HistoryTarget(jdbcUrl != null ? jdbcUrl : embeddedUrl(dlgRoot, kind, port), name + ":" + port);
    }
}
