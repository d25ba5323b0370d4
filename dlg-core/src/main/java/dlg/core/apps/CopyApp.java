package dlg.core.apps;

import dlg.core.app.AppContext;
import dlg.core.app.Application;
import dlg.core.app.DataDrop;
import dlg.core.app.ParamSpec;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * {@code dlg.apps.simple.CopyApp}: copies every input, in declaration order, into every output,
 * streaming at most {@code bufsize} bytes at a time (never a whole input in memory).
 */
public final class CopyApp implements Application {

    public static final ParamSpec BUFSIZE = ParamSpec.ofInt("bufsize", 65536);
    public static final List<ParamSpec> PARAMS = List.of(BUFSIZE);
    public static final CopyApp INSTANCE = new CopyApp();
    private static final int FIRST_BUFFER = 4096;

    @Override
    public void run(AppContext ctx) throws IOException {
        copy(ctx);
    }

    static void copy(AppContext ctx) throws IOException {
        int max = Math.clamp(ctx.intParam(BUFSIZE), 1, 64 << 20);
        // small first, doubled while reads fill it: a small input (most of a chain's) does not cost
        // a whole bufsize allocation, a big one is copied bufsize bytes at a time after a few reads
        byte[] buf = new byte[Math.min(max, FIRST_BUFFER)];
        List<DataDrop> outputs = ctx.outputs();
        for (DataDrop in : ctx.inputs()) {
            try (InputStream s = in.open()) {
                for (int n = s.read(buf); n >= 0; n = s.read(buf)) {
                    for (DataDrop out : outputs) {
                        out.write(buf, 0, n);
                    }
                    if (n == buf.length && buf.length < max) {
                        buf = new byte[(int) Math.min(2L * buf.length, max)];
                    }
                }
            }
        }
    }
}
