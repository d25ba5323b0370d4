package dlg.web;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.stream.Stream;

/**
 * One sub-manager's live feed of a session, read by a composite: a virtual thread reads the
 * server-sent events and hands each to the listener, reconnecting (after a pause that grows to
 * {@link #MAX_PAUSE}) until closed.
 */
final class Upstream implements AutoCloseable {

    static final Duration MAX_PAUSE = Duration.ofSeconds(5);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    /** What the feed says; called on the upstream's thread. */
    interface Listener {
        void event(String node, String event, String data);

        /** A comment: the feed is alive. */
        void alive(String node);

        /** The feed broke (or could not be opened); it is retried. */
        void lost(String node, String why);
    }

    private final String node;
    private final URI uri;
    private final Listener listener;
    private final Thread thread;
    private volatile boolean closed;
    private volatile Stream<String> body;

    Upstream(String node, String host, int port, String sessionId, Listener listener) {
        this.node = node;
        this.uri = URI.create("http://" + host + ":" + port + "/api/ui/sessions/"
                + URLEncoder.encode(sessionId, StandardCharsets.UTF_8).replace("+", "%20") + "/live");
        this.listener = listener;
        this.thread = Thread.ofVirtual().name("dlg-upstream-" + node).start(this::run);
    }

    private void run() {
        long pauseMs = 250;
        while (!closed) {
            try {
                HttpResponse<Stream<String>> r = HTTP.send(HttpRequest.newBuilder(uri)
                        .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofLines());
                body = r.body();
                if (r.statusCode() != 200) {
                    String text = String.join(" ", r.body().limit(5).toList());
                    r.body().close();
                    listener.lost(node, "HTTP " + r.statusCode() + ": " + text);
                } else {
                    pauseMs = 250;
                    read(r.body().iterator());
                    if (!closed) {
                        listener.lost(node, "the node closed its event stream");
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                if (!closed) {
                    listener.lost(node, e.getMessage() != null ? e.getMessage() : e.toString());
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
                    listener.event(node, event, data.toString());
                }
                event = "message";
                data.setLength(0);
            } else if (line.startsWith(":")) {
                listener.alive(node);
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
