package dlg.manager.client;

import dlg.manager.SubManager.FeedListener;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.stream.Stream;

/**
 * One sub-manager's live UI feed of a session ({@code /api/ui/sessions/<id>/live}), read by a
 * composite: a virtual thread reads the server-sent events and hands each to the listener,
 * reconnecting (after a pause that grows to {@link #MAX_PAUSE}) until closed.
 */
final class LiveFeed implements AutoCloseable {

    static final Duration MAX_PAUSE = Duration.ofSeconds(5);

    private final Endpoint endpoint;
    private final URI uri;
    private final FeedListener listener;
    private final Thread thread;
    private volatile boolean closed;
    private volatile Stream<String> body;

    LiveFeed(Endpoint endpoint, String sessionId, FeedListener listener) {
        this.endpoint = endpoint;
        this.uri = endpoint.uri("/api/ui/sessions/%s/live", sessionId);
        this.listener = listener;
        this.thread = Thread.ofVirtual().name("dlg-live-" + endpoint.node()).start(this::run);
    }

    private void run() {
        long pauseMs = 250;
        while (!closed) {
            try {
                HttpResponse<Stream<String>> r = endpoint.http().send(endpoint.builder(uri)
                        .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofLines());
                body = r.body();
                if (r.statusCode() != 200) {
                    String text = String.join(" ", r.body().limit(5).toList());
                    r.body().close();
                    listener.lost("HTTP " + r.statusCode() + ": " + text);
                } else {
                    pauseMs = 250;
                    read(r.body().iterator());
                    if (!closed) {
                        listener.lost("the node closed its event stream");
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                if (!closed) {
                    listener.lost(e.getMessage() != null ? e.getMessage() : e.toString());
                }
            }
            try {
                Thread.sleep(pauseMs);
            } catch (InterruptedException e) {
                return;
            }
            pauseMs = Math.min(pauseMs * 2, MAX_PAUSE.toMillis());
        }
    }

    private void read(Iterator<String> lines) {
        String event = "message";
        StringBuilder data = new StringBuilder();
        while (!closed && lines.hasNext()) {
            String line = lines.next();
            if (line.isEmpty()) {
                if (!data.isEmpty()) {
                    listener.event(event, data.toString());
                }
                event = "message";
                data.setLength(0);
            } else if (line.startsWith(":")) {
                listener.alive();
            } else if (line.startsWith("event:")) {
                event = line.substring(6).strip();
            } else if (line.startsWith("data:")) {
                if (!data.isEmpty()) {
                    data.append('\n');
                }
                data.append(line.substring(5).stripLeading());
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        Stream<String> b = body;
        if (b != null) {
            b.close();
        }
        thread.interrupt();
    }
}
