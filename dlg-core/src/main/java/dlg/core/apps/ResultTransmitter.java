package dlg.core.apps;

import dlg.core.app.AppContext;
import dlg.core.app.Application;
import dlg.core.app.DataDrop;
import dlg.core.app.ParamSpec;
import dlg.core.codec.Pickles;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code dlg.dask_emulation.ResultTransmitter}, the last app of a graph made by DALiuGE's
 * {@code dlg.dask_emulation.compute}: listens on {@code host:port}, and to the one client that
 * connects (the {@code compute} call) sends a 4-byte big-endian length and a pickle of the results:
 * the single input's value, or the list of every input's value (an empty input is {@code None}).
 *
 * <p>The inputs are pickles of any Python value, which Java cannot read: the list is made by
 * {@link Pickles#listOfPickles}.
 */
public final class ResultTransmitter implements Application {

    public static final ParamSpec HOST = ParamSpec.ofString("host", "localhost");
    public static final ParamSpec PORT = ParamSpec.ofInt("port", -1);
    public static final List<ParamSpec> PARAMS = List.of(HOST, PORT);

    private static final byte[] NONE = {(byte) 0x80, 3, 'N', '.'};

    private volatile ServerSocket server;
    private volatile Socket client;

    @Override
    public void run(AppContext ctx) throws IOException {
        long port = ctx.intParam(PORT);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(port < 0 ? "Missing port parameter"
                    : "port must be between 0 and 65535: " + port);
        }
        List<byte[]> values = new ArrayList<>();
        for (DataDrop in : ctx.inputs()) {
            values.add(in.readAll());
        }
        byte[] payload = values.size() == 1 ? orNone(values.getFirst()) : Pickles.listOfPickles(values);
        try (ServerSocket ss = new ServerSocket()) {
            ss.setReuseAddress(true);
            ss.bind(new InetSocketAddress(ctx.stringParam(HOST), (int) port));
            server = ss;
            if (ctx.isCancelled()) {
                return;
            }
            try (Socket s = ss.accept(); OutputStream raw = s.getOutputStream()) {
                client = s;
                DataOutputStream out = new DataOutputStream(raw);
                out.writeInt(payload.length);
                out.write(payload);
                out.flush();
            }
        } finally {
            server = null;
            client = null;
        }
    }

    private static byte[] orNone(byte[] pickle) {
        return pickle.length == 0 ? NONE : pickle;
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
                // cancelling: the accept it unblocks reports the end
            }
        }
    }
}
