package dlg.web;

import io.javalin.http.sse.SseClient;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One page's server-sent event stream. Events are queued and written by a virtual thread of the
 * channel's own, so that a slow or vanished browser never holds up the thread that computes the
 * events for everyone else; a browser that falls {@link #MAX_QUEUED} events behind is
 * disconnected (it reconnects and starts again from a snapshot).
 */
final class SseChannel {

    private static final Logger log = LoggerFactory.getLogger(SseChannel.class);
    static final int MAX_QUEUED = 64;
    private static final String[] CLOSE = new String[0];

    private final SseClient client;
    private final BlockingQueue<String[]> queue = new LinkedBlockingQueue<>();
    private volatile boolean open = true;

    /** Keeps the request open and starts writing; call from the SSE handler. */
    SseChannel(SseClient client, String name) {
        this.client = client;
        client.keepAlive();
        client.onClose(() -> {
            open = false;
            queue.offer(CLOSE);
        });
        Thread.ofVirtual().name("dlg-sse-" + name).start(this::drain);
    }

    boolean isOpen() {
        return open && !client.terminated();
    }

    /** Queues an event; false (and the channel closed) when the browser has gone or fallen behind. */
    boolean send(String event, String data) {
        if (!isOpen()) {
            return false;
        }
        if (queue.size() >= MAX_QUEUED) {
            log.debug("closing an event stream that fell {} events behind", MAX_QUEUED);
            close();
            return false;
        }
        queue.offer(new String[] {event, data});
        return true;
    }

    /** A comment line: keeps proxies and the browser from timing the stream out, and finds dead ones. */
    boolean heartbeat() {
        return send(null, "");
    }

    void close() {
        open = false;
        queue.offer(CLOSE);
    }

    private void drain() {
        try {
            for (;;) {
                String[] e = queue.take();
                if (e == CLOSE || client.terminated()) {
                    break;
                }
                if (e[0] == null) {
                    client.sendComment("alive");
                } else {
                    client.sendEvent(e[0], e[1]);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) { // the connection broke while writing
            log.debug("event stream ended: {}", e.toString());
        } finally {
            open = false;
            client.close();
        }
    }
}
