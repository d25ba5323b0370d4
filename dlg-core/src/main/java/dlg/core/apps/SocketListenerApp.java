package dlg.core.apps;

import dlg.core.app.AppContext;
import dlg.core.app.Application;
import dlg.core.app.DataDrop;
import dlg.core.app.ParamSpec;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;

/**
 * {@code dlg.apps.socket_listener.SocketListenerApp} (categoryType {@code socket}): listens on
 * {@code host:port}, accepts one connection and writes everything it receives to every output.
 * Takes no inputs (a graph that links one is refused at deploy, see {@code AppType#takesInputs}).
 * Waits on a virtual thread; cancelling closes the socket.
 */
public final class SocketListenerApp implements Application {

    public static final ParamSpec HOST = ParamSpec.ofString("host", "localhost");
    public static final ParamSpec PORT = ParamSpec.ofInt("port", 1111);
    public static final ParamSpec BUFSIZE = ParamSpec.ofInt("bufsize", 4096);
    public static final ParamSpec REUSE_ADDR = ParamSpec.ofBool("reuseAddr", false);
    /** complex.js spells it this way; DALiuGE ignores it, we honour both. */
    public static final ParamSpec REUSE_ADDR_SNAKE = ParamSpec.ofBool("reuse_addr", false);
    public static final List<ParamSpec> PARAMS = List.of(HOST, PORT, BUFSIZE, REUSE_ADDR, REUSE_ADDR_SNAKE);

    private volatile ServerSocket server;
    private volatile Socket client;

    @Override
    public void run(AppContext ctx) throws IOException {
        long port = ctx.intParam(PORT);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
        }
        byte[] buf = new byte[Math.clamp(ctx.intParam(BUFSIZE), 1, 1 << 20)];
        try (ServerSocket ss = new ServerSocket()) {
            ss.setReuseAddress(ctx.boolParam(REUSE_ADDR) || ctx.boolParam(REUSE_ADDR_SNAKE));
            ss.bind(new InetSocketAddress(ctx.stringParam(HOST), (int) port));
            server = ss;
            if (ctx.isCancelled()) {
                return;
            }
            try (Socket s = ss.accept(); InputStream in = s.getInputStream()) {
                client = s;
                for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                    for (DataDrop out : ctx.outputs()) {
                        out.write(buf, 0, n);
                    }
                }
            }
        } finally {
            server = null;
            client = null;
        }
    }

    @Override
    public boolean waits(AppContext ctx) {
        return true;
    }

    @Override
    public void cancel() {
        closeQuietly(client);
        closeQuietly(server);
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception e) {
                // cancelling: the accept or read it unblocks reports the end
            }
        }
    }
}
