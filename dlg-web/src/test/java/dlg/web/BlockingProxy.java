package dlg.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A reverse proxy in front of a manager, on a free loopback port, that passes every request on
 * but the live streams (routes ending in {@code /live}): it refuses them ({@code 502 Bad Gateway},
 * as a proxy that refuses {@code text/event-stream} does) or holds them unanswered (as one that
 * buffers a response until it ends does).
 */
final class BlockingProxy implements AutoCloseable {

    enum Streams { REFUSED, HELD }

    private static final List<String> PASSED_HEADERS = List.of("Accept", "Content-Type", "Cookie", "Authorization");

    private final HttpServer server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient client = HttpClient.newHttpClient();
    private final URI target;
    private final Streams streams;
    private final java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);

    BlockingProxy(int targetPort, Streams streams) {
        this.target = URI.create("http://127.0.0.1:" + targetPort);
        this.streams = streams;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            URI uri = ex.getRequestURI();
            if (uri.getPath().endsWith("/live") && streams == Streams.HELD) {
                try {
                    closed.await(); // answered once the proxy closes, as a buffer flushed at the end
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            if (uri.getPath().endsWith("/live")) {
                reply(ex, 502, "text/plain", "live streams are not passed by this proxy".getBytes(StandardCharsets.UTF_8));
                return;
            }
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readAllBytes();
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(uri.getRawPath()
                            + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())))
                    .method(ex.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            for (String h : PASSED_HEADERS) {
                ex.getRequestHeaders().getOrDefault(h, List.of()).forEach(v -> request.header(h, v));
            }
            HttpResponse<byte[]> response;
            try {
                response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                reply(ex, 502, "text/plain", ("the manager did not answer: " + e).getBytes(StandardCharsets.UTF_8));
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            reply(ex, response.statusCode(), response.headers().firstValue("Content-Type").orElse(null), response.body());
        }
    }

    private static void reply(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        if (type != null) {
            ex.getResponseHeaders().set("Content-Type", type);
        }
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        threads.close();
        client.close();
    }
}
