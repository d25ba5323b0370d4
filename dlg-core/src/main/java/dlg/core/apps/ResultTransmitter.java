package dlg.core.apps;

import dlg.core.app.AppContext;
import dlg.core.app.Application;
import dlg.core.app.DataDrop;
import dlg.core.app.ParamSpec;
import dlg.core.codec.Pickles;
import java.io.DataOutputStream;
import java.io.IOException;
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

    private final OneClient connection = new OneClient();

    @Override
    public void run(AppContext ctx) throws IOException {
        long port = ctx.intParam(PORT);
        if (port < 0) {
            throw new IllegalArgumentException("Missing port parameter"); // DALiuGE's words
        }
        List<byte[]> values = new ArrayList<>();
        for (DataDrop in : ctx.inputs()) {
            values.add(in.readAll());
        }
        byte[] payload = values.size() == 1 ? orNone(values.getFirst()) : Pickles.listOfPickles(values);
        connection.serve(ctx, ctx.stringParam(HOST), port, true, client -> {
            DataOutputStream out = new DataOutputStream(client.getOutputStream());
            out.writeInt(payload.length);
            out.write(payload);
            out.flush();
        });
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
        connection.cancel();
    }
}
