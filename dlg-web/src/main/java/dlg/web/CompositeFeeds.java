package dlg.web;

import io.javalin.http.sse.SseClient;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A composite's live feeds: a session's comes from its sub-managers' own feeds as they send them
 * ({@link SessionHub}, no polling); the sessions list is asked of the sub-managers every
 * {@link #SESSIONS_MS} ms while a page shows it, and their health every {@link #NODES_MS} ms.
 */
final class CompositeFeeds implements LiveFeeds {

    static final long SESSIONS_MS = 1000;
    static final long NODES_MS = 5000;

    private final CompositeSource source;
    private final Ticker ticker;
    private final Map<String, SessionHub> hubs = new ConcurrentHashMap<>();
    private final List<SseChannel> managerPages = new CopyOnWriteArrayList<>();
    private final SessionListPush sessionList = new SessionListPush(); // used by the ticker only
    private long ticks;

    CompositeFeeds(CompositeSource source, Ticker ticker) {
        this.source = Objects.requireNonNull(source, "source");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
    }

    @Override
    public void watchSession(String sessionId, SseClient client) {
        SseChannel page = new SseChannel(client, sessionId);
        for (;;) {
            SessionHub hub = hubs.get(sessionId);
            if (hub == null) { // made outside the map: it asks the nodes first, which takes a while
                SessionHub made = new SessionHub(sessionId, source, () -> hubs.remove(sessionId));
                hub = hubs.putIfAbsent(sessionId, made);
                if (hub == null) {
                    hub = made;
                    made.start();
                }
            }
            if (hub.join(page)) {
                return;
            }
            hubs.remove(sessionId, hub); // it closed just now: make another
        }
    }

    @Override
    public void watchManager(SseClient client) {
        SseChannel page = new SseChannel(client, "sessions");
        ticker.run(() -> {
            managerPages.add(page);
            List<SessionLine> lines = source.sessions();
            page.send("sessions", Json.write(lines));
            page.send("nodes", Json.write(source.nodes()));
        }, this::tick, SESSIONS_MS);
    }

    private void tick() {
        ticks++;
        managerPages.removeIf(p -> !p.isOpen());
        if (managerPages.isEmpty()) {
            ticker.stop();
            return;
        }
        sessionList.push(source.sessions(), managerPages);
        if (ticks % (NODES_MS / SESSIONS_MS) == 0) {
            String json = Json.write(source.nodes());
            managerPages.forEach(p -> p.send("nodes", json));
        } else if (ticks % 10 == 0) {
            managerPages.forEach(SseChannel::heartbeat);
        }
    }
}
