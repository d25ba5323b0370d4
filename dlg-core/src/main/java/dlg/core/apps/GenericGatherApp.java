package dlg.core.apps;

import dlg.core.app.AppContext;
import dlg.core.app.Application;
import dlg.core.app.DataDrop;
import dlg.core.app.ParamSpec;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** {@code dlg.apps.simple.GenericGatherApp}: concatenates the raw content of all inputs into every output. */
public final class GenericGatherApp implements Application {

    public static final ParamSpec NUM_OF_INPUTS = ParamSpec.ofInt("num_of_inputs", 1);
    public static final List<ParamSpec> PARAMS = List.of(NUM_OF_INPUTS);
    public static final GenericGatherApp INSTANCE = new GenericGatherApp();

    @Override
    public void run(AppContext ctx) throws IOException {
        byte[] buf = new byte[65536];
        for (DataDrop out : ctx.outputs()) {
            for (DataDrop in : ctx.inputs()) {
                try (InputStream s = in.open()) {
                    for (int n = s.read(buf); n >= 0; n = s.read(buf)) {
                        out.write(buf, 0, n);
                    }
                }
            }
        }
    }
}
