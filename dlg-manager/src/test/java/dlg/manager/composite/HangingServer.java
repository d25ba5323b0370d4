package dlg.manager.composite;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback HTTP/1.1 server standing in for a sub-manager that gets stopped (SIGSTOP): until
 * {@link #hang()} it answers each request from a table ({@code "GET /api/sessions"} to a JSON
 * body); after, it still accepts connections and reads requests, as the kernel does for a stopped
 * process, but never answers. Keep-alive connections are served request after request.
 */
final class HangingServer implements AutoCloseable {

    private final ServerSocket socket;
    private final Map<String, String> answers;
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private volatile boolean hung;

    /** @param answers by {@code "<METHOD> <raw path>"}, the JSON body of a 200 reply; others get 404 */
    HangingServer(Map<String, String> answers) throws IOException {
        this.answers = Map.copyOf(answers);
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("hanging-server").start(this::accept);
    }

    int port() {
        return socket.getLocalPort();
    }

    /** From now on, requests are read and never answered. */
    void hang() {
        hung = true;
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                connections.add(s);
                Thread.ofVirtual().start(() -> serve(s));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s; InputStream in = new BufferedInputStream(s.getInputStream()); OutputStream out = s.getOutputStream()) {
            for (;;) {
                String request = line(in);
                if (request == null) {
                    return;
                }
                long length = 0;
                for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
                    if (h.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                        length = Long.parseLong(h.substring(15).strip());
                    }
                }
                in.skipNBytes(length);
                if (hung) {
                    in.transferTo(OutputStream.nullOutputStream()); // until the caller gives up
                    return;
                }
                String[] parts = request.split(" ");
                String body = answers.get(parts[0] + " " + parts[1]);
                int status = body == null ? 404 : 200;
                byte[] bytes = (body == null ? "{\"type\": \"NotFound\", \"args\": []}" : body)
                        .getBytes(StandardCharsets.UTF_8);
                out.write(("HTTP/1.1 " + status + " X\r\nContent-Type: application/json\r\nContent-Length: "
                        + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(bytes);
                out.flush();
            }
        } catch (IOException e) {
            // the caller or close() ended the connection
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                return b.isEmpty() ? null : b.toString();
            }
            if (c != '\r') {
                b.append((char) c);
            }
        }
        return b.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (Socket s : connections) {
            s.close();
        }
    }
}
