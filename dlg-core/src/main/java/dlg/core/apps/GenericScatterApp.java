package dlg.core.apps;

import dlg.core.app.AppContext;
import dlg.core.app.Application;
import dlg.core.app.ParamSpec;
import dlg.core.codec.Pickles;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code dlg.apps.simple.GenericScatterApp}: splits its input (a pickled list, or text) into
 * {@code num_of_copies} parts as numpy's {@code array_split} does (the first {@code len % n} parts
 * one element longer) and writes part i, pickled, to output i; with {@code element} only each
 * part's first element.
 */
public final class GenericScatterApp implements Application {

    public static final ParamSpec NUM_OF_COPIES = ParamSpec.ofInt("num_of_copies", 1);
    public static final ParamSpec ELEMENT = ParamSpec.ofBool("element", false);
    public static final List<ParamSpec> PARAMS = List.of(NUM_OF_COPIES, ELEMENT);
    public static final GenericScatterApp INSTANCE = new GenericScatterApp();

    @Override
    public void run(AppContext ctx) throws Exception {
        if (ctx.inputs().isEmpty()) {
            throw new IllegalArgumentException("GenericScatterApp needs an input to scatter");
        }
        int parts = (int) ctx.intParam(NUM_OF_COPIES);
        if (parts < 1) {
            throw new IllegalArgumentException("num_of_copies must be at least 1: " + parts);
        }
        if (ctx.outputs().size() < parts) {
            throw new IllegalArgumentException("num_of_copies is " + parts + " but there are only "
                    + ctx.outputs().size() + " outputs");
        }
        List<?> items = Sequences.of(read(ctx.inputs().getFirst().readAll()));
        boolean element = ctx.boolParam(ELEMENT);
        int base = items.size() / parts;
        int extra = items.size() % parts;
        int from = 0;
        for (int i = 0; i < parts; i++) {
            int to = from + base + (i < extra ? 1 : 0);
            List<?> part = items.subList(from, to);
            Object value = element ? (part.isEmpty() ? null : part.getFirst()) : new java.util.ArrayList<>(part);
            ctx.outputs().get(i).write(Pickles.dumps(value));
            from = to;
        }
    }

    private static Object read(byte[] content) {
        return Pickles.looksPickled(content) ? Pickles.loads(content) : new String(content, StandardCharsets.UTF_8);
    }
}
