package dlg.web;

import java.util.Collection;
import java.util.List;

/**
 * Sends the sessions list to the pages that watch a manager, only when something other than a
 * running session's elapsed time changed (the pages count that themselves). Used by one ticker
 * thread at a time.
 */
final class SessionListPush {

    private String last;

    void push(List<SessionLine> lines, Collection<SseChannel> pages) {
        String key = Json.write(lines.stream().map(LocalFeeds::withoutElapsed).toList());
        if (!key.equals(last)) {
            last = key;
            String json = Json.write(lines);
            pages.forEach(p -> p.send("sessions", json));
        }
    }
}
