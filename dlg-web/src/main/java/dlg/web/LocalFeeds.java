package dlg.web;

import dlg.core.error.NoSessionException;
import dlg.manager.Session;
import io.javalin.http.sse.SseClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A NodeManager's live feeds. One thread ticks every {@link #TICK_MS} ms while a page listens: it
 * reads the states of each watched session's drops ({@link StateTracker}) and sends what changed,
 * batched, to that session's pages; every other tick it sends the sessions list if it changed.
 * Nothing is hooked into the engine: the drops are read, never waited for. With no page left the
 * thread stops.
 */
final class LocalFeeds implements LiveFeeds {

    private static final Logger log = LoggerFactory.getLogger(LocalFeeds.class);
    static final long TICK_MS = 250;
    static final int MAX_CHANGES = 2000;
    private static final int HEARTBEAT_TICKS = 40;

    private final LocalSource source;
    private final Ticker ticker;
    /** Touched by the ticking thread only. */
    private final Map<String, SessionFeed> feeds = new HashMap<>();
    private final List<SseChannel> managerPages = new CopyOnWriteArrayList<>();
    private final SessionListPush sessionList = new SessionListPush();
    private long ticks;

    LocalFeeds(LocalSource source, Ticker ticker) {
        this.source = Objects.requireNonNull(source, "source");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
    }

    /** One watched session. */
    private static final class SessionFeed {
        final Session session;
        final List<SseChannel> pages = new ArrayList<>();
        StateTracker tracker;
        String lastSummary;

        SessionFeed(Session session) {
            this.session = session;
        }
    }

    @Override
    public void watchSession(String sessionId, SseClient client) {
        Session s = source.nodeManager().session(sessionId); // 404 before the stream opens
        SseChannel page = new SseChannel(client, sessionId);
        ticker.run(() -> {
            SessionFeed f = feeds.get(sessionId);
            if (f == null || f.session != s) {
                f = new SessionFeed(s);
                feeds.put(sessionId, f);
            }
            f.pages.add(page);
            update(f, true); // the first event a page sees is a snapshot
        }, this::tick, TICK_MS);
    }

    @Override
    public void watchManager(SseClient client) {
        SseChannel page = new SseChannel(client, "sessions");
        ticker.run(() -> {
            managerPages.add(page);
            page.send("sessions", Json.write(source.sessions()));
        }, this::tick, TICK_MS);
    }

    /** One tick: every watched session, and every other tick the sessions list. */
    private void tick() {
        ticks++;
        for (Iterator<SessionFeed> it = feeds.values().iterator(); it.hasNext(); ) {
            SessionFeed f = it.next();
            f.pages.removeIf(p -> !p.isOpen());
            if (f.pages.isEmpty()) {
                it.remove();
                continue;
            }
            try {
                update(f, false);
            } catch (NoSessionException e) {
                f.pages.forEach(p -> {
                    p.send("gone", Json.write(Map.of("sessionId", f.session.id())));
                    p.close();
                });
                it.remove();
            } catch (RuntimeException e) { // a bug here must not stop the other feeds
                log.warn("live feed of session {} failed: {}", f.session.id(), e.toString(), e);
            }
        }
        managerPages.removeIf(p -> !p.isOpen());
        if (!managerPages.isEmpty() && ticks % 2 == 0) {
            sessionList.push(source.sessions(), managerPages);
        }
        if (ticks % HEARTBEAT_TICKS == 0) {
            feeds.values().forEach(f -> f.pages.forEach(SseChannel::heartbeat));
            managerPages.forEach(SseChannel::heartbeat);
        }
        if (feeds.isEmpty() && managerPages.isEmpty()) {
            ticker.stop(); // nobody listens: no more ticks until a page comes
        }
    }

    /** Sends a snapshot to the newest page, or a delta to all when something changed. */
    private void update(SessionFeed f, boolean snapshot) {
        if (source.nodeManager().session(f.session.id()) != f.session) {
            throw new NoSessionException(f.session.id()); // destroyed, and maybe made again
        }
        boolean resync = false;
        if (f.tracker == null && f.session.execution().isPresent()) {
            SessionDrops drops = SessionDrops.of(f.session);
            f.tracker = new StateTracker(drops, source.groupsOf(f.session, drops));
            resync = true; // deployed: the drops now have states
        }
        StateTracker.Delta delta = f.tracker == null || snapshot ? null : f.tracker.tick(MAX_CHANGES);
        SessionLine line = source.line(f.session);
        if (f.tracker != null) {
            line = withCounts(line, f.tracker.counts());
        }
        String summaryKey = Json.write(withoutElapsed(line));
        if (snapshot) {
            String json = Json.write(new LiveEvent(line, null, allGroups(f.tracker), null, true));
            (resync ? f.pages : List.of(f.pages.getLast())).forEach(p -> p.send("snapshot", json));
            f.lastSummary = summaryKey;
            return;
        }
        boolean moved = delta != null && !delta.isEmpty();
        if (!moved && !resync && summaryKey.equals(f.lastSummary)) {
            return;
        }
        f.lastSummary = summaryKey;
        LiveEvent e = resync ? new LiveEvent(line, null, allGroups(f.tracker), null, true)
                : new LiveEvent(line, moved ? changes(f.tracker, delta) : null,
                        moved ? groups(f.tracker, delta.changedGroups()) : null,
                        delta != null && delta.truncated() ? true : null, null);
        String json = Json.write(e);
        String name = resync ? "snapshot" : "delta";
        f.pages.forEach(p -> p.send(name, json));
    }

    private static List<LiveEvent.Change> changes(StateTracker t, StateTracker.Delta d) {
        List<LiveEvent.Change> out = new ArrayList<>(d.changedCount());
        for (int k = 0; k < d.changedCount(); k++) {
            int i = d.changed()[k];
            ShownState s = t.shown(i);
            out.add(new LiveEvent.Change(t.drops().oid(i), s.wireName(), s.isTerminal()));
        }
        return out;
    }

    private static Map<String, Map<String, Long>> allGroups(StateTracker t) {
        if (t == null) {
            return null;
        }
        int[] all = new int[t.groups().size()];
        for (int g = 0; g < all.length; g++) {
            all[g] = g;
        }
        return groups(t, all);
    }

    private static Map<String, Map<String, Long>> groups(StateTracker t, int[] which) {
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        for (int g : which) {
            out.put(t.groups().keys().get(g), GraphViews.countsByName(t.groupCounts(g)));
        }
        return out;
    }

    static SessionLine withCounts(SessionLine l, long[] counts) {
        return new SessionLine(l.sessionId(), l.state(), l.terminal(), l.size(), GraphViews.countsByName(counts),
                counts[ShownState.ERROR.ordinal()], l.created(), l.started(), l.ended(), l.elapsed(), l.error(),
                l.nodes());
    }

    /** A running session's elapsed time changes every tick: the pages count it themselves. */
    static SessionLine withoutElapsed(SessionLine l) {
        return l.terminal() ? l : new SessionLine(l.sessionId(), l.state(), l.terminal(), l.size(), l.counts(),
                l.failed(), l.created(), l.started(), l.ended(), null, l.error(), l.nodes());
    }
}
