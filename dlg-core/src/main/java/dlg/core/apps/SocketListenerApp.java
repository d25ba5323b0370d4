package dlg.core.apps;

import dlg.core.app.AppContext;
import dlg.core.app.Application;
import dlg.core.app.DataDrop;
import dlg.core.app.ParamSpec;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * {@code dlg.apps.socket_listener.SocketListenerApp} (categoryType {@code socket}): listens on
 * {@code host:port}, accepts one connection and writes everything it receives to every output.
 * Takes no inputs (a graph that links one is refused at deploy).
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

    private final OneClient connection = new OneClient();

    @Override
    public void run(AppContext ctx) throws IOException {
        byte[] buf = new byte[Math.clamp(ctx.intParam(BUFSIZE), 1, 1 << 20)];
        boolean reuse = ctx.boolParam(REUSE_ADDR) || ctx.boolParam(REUSE_ADDR_SNAKE);
        connection.serve(ctx, ctx.stringParam(HOST), ctx.intParam(PORT), reuse, client -> {
            try (InputStream in = client.getInputStream()) {
                for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                    for (DataDrop out : ctx.outputs()) {
                        out.write(buf, 0, n);
                    }
                }
            }
        });
    }

    @Override
    public boolean waits(AppContext ctx) {
        return true;
    }

    @Override
    public void cancel() {
        connection.cancel();
    }

    /** No inputs: it reads its socket. */
    @Override
    public boolean takesInputs() {
        return false;
    }
}
