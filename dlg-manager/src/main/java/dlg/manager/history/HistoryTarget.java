package dlg.manager.history;

import java.util.Objects;

/**
 * Where a manager's history goes.
 *
 * @param url the JDBC URL of the database
 * @param owner the manager, {@code host:port}: its sessions are told apart from others' by it
 */
public record HistoryTarget(String url, String owner) {
    public HistoryTarget {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(owner, "owner");
        if (!url.startsWith("jdbc:")) {
            throw new IllegalArgumentException("not a JDBC URL (jdbc:h2:..., jdbc:postgresql://...): " + url);
        }
    }
}
