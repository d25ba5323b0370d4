package dlg.manager.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A hand-written HTTP server standing in for a manager: answers every request with what its
 * handler says, and records each request (headers, raw body) for the test to look at.
 */
final class TestingHttpServer implements AutoCloseable {

    /** A request as received; {@code path} raw (still URL-encoded), {@code body} as sent (not inflated). */
    record Request(String method, String path, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst()).findFirst().orElse(null);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** What to answer; {@code headers} as name, value pairs. */
    record Reply(int status, String contentType, String body, String... headers) {
        static Reply json(int status, String body) {
            return new Reply(status, "application/json", body);
        }

        static Reply success() {
            return json(200, "{\"Status\": \"Success\"}");
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private TestingHttpServer(Function<Request, Reply> handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> answer(exchange, handler));
        server.start();
    }

    static TestingHttpServer answering(Function<Request, Reply> handler) throws IOException {
        return new TestingHttpServer(handler);
    }

    static TestingHttpServer answering(Reply reply) throws IOException {
        return new TestingHttpServer(r -> reply);
    }

    int port() {
        return server.getAddress().getPort();
    }

    List<Request> requests() {
        return requests;
    }

    Request lastRequest() {
        return requests.getLast();
    }

    private void answer(HttpExchange exchange, Function<Request, Reply> handler) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    Map.copyOf(exchange.getRequestHeaders()), in.readAllBytes());
            requests.add(request);
            Reply reply = handler.apply(request);
            byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", reply.contentType());
            for (int i = 0; i + 1 < reply.headers().length; i += 2) {
                exchange.getResponseHeaders().set(reply.headers()[i], reply.headers()[i + 1]);
            }
            exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
