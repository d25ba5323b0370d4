package dlg.manager.history;

import java.util.List;

/**
 * One page of a {@link HistoryQuery}: the sessions without their details (no constructs,
 * failures or state changes), and how many match in all.
 */
public record HistoryPage(long total, int limit, int offset, List<PastSession> sessions) {
    public HistoryPage {
        sessions = List.copyOf(sessions);
    }
}
