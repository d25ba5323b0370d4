package dlg.manager.rest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Speaks HTTP exactly as DALiuGE's Python client ({@code dlg.restutils.RestClient}) does, over a
 * raw socket: a bare connect/close before every request, HTTP/1.1 with {@code Accept-Encoding:
 * identity}, JSON bodies sent chunked with an {@code Origin} header, graphs as zlib streams
 * labelled {@code Content-Encoding: gzip}, deploys as forms. It insists on a Content-Length in
 * every reply, as the Python client silently reads a reply without one as empty.
 */
public final class WireClient {

    public record Reply(int status, Map<String, String> headers, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final String host;
    private final int port;

    public WireClient(int port) {
        this.host = "127.0.0.1";
        this.port = port;
    }

    public Reply get(String path) throws IOException {
        return send("GET", path, Map.of(), null, false);
    }

    public Reply delete(String path) throws IOException {
        return send("DELETE", path, Map.of(), null, false);
    }

    public Reply post(String path) throws IOException {
        return send("POST", path, Map.of("Content-Length", "0"), new byte[0], false);
    }

    /** {@code _post_json}: chunked, with the Origin header the client adds. */
    public Reply postJson(String path, String json) throws IOException {
        return send("POST", path, Map.of("Content-Type", "application/json", "Origin", "http://dlg-tm.localhost"),
                json.getBytes(StandardCharsets.UTF_8), true);
    }

    /** {@code append_graph}: a zlib stream labelled gzip, chunked. */
    public Reply postGraph(String path, String json) throws IOException {
        return send("POST", path, Map.of("Content-Type", "application/json", "Content-Encoding", "gzip",
                "Origin", "http://dlg-tm.localhost"), zlib(json.getBytes(StandardCharsets.UTF_8)), true);
    }

    /** {@code deploy_session}: a form with Content-Length, or an empty body. */
    public Reply postForm(String path, Map<String, String> fields) throws IOException {
        StringBuilder form = new StringBuilder();
        fields.forEach((k, v) -> form.append(form.isEmpty() ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        byte[] body = form.toString().getBytes(StandardCharsets.UTF_8);
        return send("POST", path, Map.of("Content-Type", "application/x-www-form-urlencoded",
                "Content-Length", String.valueOf(body.length)), body, false);
    }

    public Reply send(String method, String path, Map<String, String> headers, byte[] body, boolean chunked) throws IOException {
        probe();
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 10_000);
            s.setSoTimeout(60_000);
            OutputStream out = s.getOutputStream();
            StringBuilder head = new StringBuilder();
            head.append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
            head.append("Host: ").append(host).append(':').append(port).append("\r\n");
            head.append("Accept-Encoding: identity\r\n");
            headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            if (chunked) {
                head.append("Transfer-Encoding: chunked\r\n");
            }
            head.append("\r\n");
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null && chunked) {
                writeChunked(out, body);
            } else if (body != null) {
                out.write(body);
            }
            out.flush();
            return read(s.getInputStream());
        }
    }

    /** {@code common.portIsOpen}: connect and close, sending nothing. */
    private void probe() throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 10_000);
        }
    }

    private static void writeChunked(OutputStream out, byte[] body) throws IOException {
        int chunk = 8192; // several chunks, as http.client sends an iterable body
        for (int off = 0; off < body.length; off += chunk) {
            int n = Math.min(chunk, body.length - off);
            out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body, off, n);
            out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
    }

    static Reply read(InputStream in) throws IOException {
        String statusLine = line(in);
        String[] parts = statusLine.split(" ", 3);
        int status = Integer.parseInt(parts[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String l = line(in); !l.isEmpty(); l = line(in)) {
            int colon = l.indexOf(':');
            headers.put(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), l.substring(colon + 1).trim());
        }
        String length = headers.get("content-length");
        if (length == null) {
            throw new IOException("reply " + statusLine + " has no Content-Length (headers " + headers
                    + "): DALiuGE's client would read it as empty");
        }
        byte[] body = in.readNBytes(Integer.parseInt(length));
        return new Reply(status, headers, body);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed in the middle of the reply headers");
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    static byte[] zlib(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(out, new Deflater())) {
            z.write(data);
        }
        return out.toByteArray();
    }
}
