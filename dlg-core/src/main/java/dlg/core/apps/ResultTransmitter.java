package dlg.core.apps;

import dlg.core.app.AppContext;
import dlg.core.app.Application;
import dlg.core.app.DataDrop;
import dlg.core.app.ParamSpec;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code dlg.dask_emulation.ResultTransmitter}, the last app of a graph made by DALiuGE's
 * {@code dlg.dask_emulation.compute}: listens on {@code host:port}, and to the one client that
 * connects (the {@code compute} call) sends a 4-byte big-endian length and a pickle of the results:
 * the single input's value, or the list of every input's value (an empty input is {@code None}).
 *
 * <p>The inputs are pickles of any Python value (numpy arrays, user classes), which Java cannot
 * read; the list is therefore a pickle that calls {@code pickle.loads} on each input's bytes when
 * the client unpickles it, so every value arrives as its producer pickled it.
 */
public final class ResultTransmitter implements Application {

    public static final ParamSpec HOST = ParamSpec.ofString("host", "localhost");
    public static final ParamSpec PORT = ParamSpec.ofInt("port", -1);
    public static final List<ParamSpec> PARAMS = List.of(HOST, PORT);

    private static final byte[] NONE = {(byte) 0x80, 3, 'N', '.'};
    private static final byte[] LOADS = "cpickle\nloads\n".getBytes(StandardCharsets.US_ASCII);

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
        byte[] payload = values.size() == 1 ? orNone(values.getFirst()) : listOf(values);
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

    /** {@code [pickle.loads(v0), pickle.loads(v1), ...]} as a protocol-3 pickle; None for an empty value. */
    static byte[] listOf(List<byte[]> pickles) {
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.write(0x80);
        p.write(3);
        p.write(']'); // EMPTY_LIST
        p.write('('); // MARK
        for (byte[] v : pickles) {
            if (v.length == 0) {
                p.write('N');
                continue;
            }
            p.writeBytes(LOADS); // GLOBAL pickle.loads
            p.write('B'); // BINBYTES, 4-byte little-endian length
            p.write(v.length);
            p.write(v.length >>> 8);
            p.write(v.length >>> 16);
            p.write(v.length >>> 24);
            p.writeBytes(v);
            p.write(0x85); // TUPLE1
            p.write('R'); // REDUCE: pickle.loads(v)
        }
        p.write('e'); // APPENDS
        p.write('.'); // STOP
        return p.toByteArray();
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
