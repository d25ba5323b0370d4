package dlg.core.apps;

import dlg.core.app.AppContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * Listens on {@code host:port} and serves the one client that connects, for an app that waits for
 * it (a socket listener, the result transmitter). {@link #cancel} closes both sockets, which
 * unblocks the accept or the transfer.
 */
final class OneClient {

    /** What is done with the client. */
    @FunctionalInterface
    interface Service {
        void serve(Socket client) throws IOException;
    }

    private volatile ServerSocket server;
    private volatile Socket client;

    void serve(AppContext ctx, String host, long port, boolean reuseAddress, Service service) throws IOException {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
        }
        try (ServerSocket ss = new ServerSocket()) {
            ss.setReuseAddress(reuseAddress);
            ss.bind(new InetSocketAddress(host, (int) port));
            server = ss;
            if (ctx.isCancelled()) {
                return;
            }
            try (Socket s = ss.accept()) {
                client = s;
                service.serve(s);
            }
        } finally {
            server = null;
            client = null;
        }
    }

    void cancel() {
        closeQuietly(client);
        closeQuietly(server);
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception e) {
                // cancelling: the accept or transfer it unblocks reports the end
            }
        }
    }
}
