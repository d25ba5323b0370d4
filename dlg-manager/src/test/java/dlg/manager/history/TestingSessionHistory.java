package dlg.manager.history;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * An in-memory {@link SessionHistory} for tests: records wait until {@link #flush()} makes them
 * (as the writer thread would), then the last record of each session is kept.
 */
final class TestingSessionHistory implements SessionHistory {

    private final String owner;
    private final List<Supplier<PastSession>> pending = new ArrayList<>();
    private final Map<String, PastSession> written = new LinkedHashMap<>();

    TestingSessionHistory(String owner) {
        this.owner = owner;
    }

    @Override
    public synchronized void record(Supplier<PastSession> snapshot) {
        pending.add(snapshot);
    }

    /** Makes and keeps what was recorded; returns how many records were made. */
    synchronized int flush() {
        int n = 0;
        for (Supplier<PastSession> s : pending) {
            PastSession p = s.get();
            if (p != null) {
                written.put(p.sessionId(), p);
                n++;
            }
        }
        pending.clear();
        return n;
    }

    @Override
    public synchronized HistoryPage query(HistoryQuery q) {
        List<PastSession> all = written.values().stream()
                .filter(p -> q.owner() == null || q.owner().equals(p.owner()))
                .filter(p -> q.state() == null || q.state() == p.state()).toList();
        return new HistoryPage(all.size(), q.limit(), q.offset(),
                all.subList(Math.min(q.offset(), all.size()), Math.min(all.size(), q.offset() + q.limit())));
    }

    @Override
    public synchronized Optional<PastSession> session(String sessionId) {
        return Optional.ofNullable(written.get(sessionId));
    }

    @Override
    public synchronized List<ConstructSummary> constructs(ConstructQuery q) {
        return session(q.sessionId()).map(PastSession::constructs).orElse(List.of());
    }

    @Override
    public synchronized List<String> sessionIds(int max) {
        return written.keySet().stream().limit(max).toList();
    }

    @Override
    public String owner() {
        return owner;
    }

    @Override
    public void close() {
    }
}
