package dlg.core.apps;

import dlg.core.app.AppContext;
import dlg.core.app.Application;
import dlg.core.app.DataDrop;
import dlg.core.app.ParamSpec;
import dlg.core.codec.Pickles;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * {@code dlg.apps.simple.RandomArrayApp}: writes a pickled list of {@code size} random numbers to
 * every output; integers in [low, high) when {@code integer}, else floats
 * {@code (random() + low) * high} (DALiuGE's formula). DALiuGE pickles a numpy array; dlg, which
 * has no numpy, pickles a list, which every dlg app and any Python reader accepts alike.
 */
public final class RandomArrayApp implements Application {

    public static final ParamSpec INTEGER = ParamSpec.ofBool("integer", true);
    public static final ParamSpec LOW = ParamSpec.ofFloat("low", 0);
    public static final ParamSpec HIGH = ParamSpec.ofFloat("high", 100);
    public static final ParamSpec SIZE = ParamSpec.ofInt("size", 100);
    public static final List<ParamSpec> PARAMS = List.of(INTEGER, LOW, HIGH, SIZE);
    public static final RandomArrayApp INSTANCE = new RandomArrayApp();

    @Override
    public void run(AppContext ctx) throws Exception {
        if (ctx.outputs().isEmpty()) {
            throw new IllegalArgumentException("RandomArrayApp needs at least one output");
        }
        long size = ctx.intParam(SIZE);
        if (size < 0 || size > Integer.MAX_VALUE / 16) {
            throw new IllegalArgumentException("size must be between 0 and " + Integer.MAX_VALUE / 16 + ": " + size);
        }
        double low = ctx.floatParam(LOW);
        double high = ctx.floatParam(HIGH);
        RandomGenerator random = ThreadLocalRandom.current();
        List<Object> values = new ArrayList<>((int) size);
        if (ctx.boolParam(INTEGER)) {
            long lo = (long) low;
            long hi = (long) high;
            if (hi <= lo) {
                throw new IllegalArgumentException("low (" + lo + ") must be below high (" + hi + ")");
            }
            for (long i = 0; i < size; i++) {
                values.add(random.nextLong(lo, hi));
            }
        } else {
            for (long i = 0; i < size; i++) {
                values.add((random.nextDouble() + low) * high);
            }
        }
        byte[] pickle = Pickles.dumps(values);
        for (DataDrop out : ctx.outputs()) {
            out.write(pickle);
        }
    }
}
