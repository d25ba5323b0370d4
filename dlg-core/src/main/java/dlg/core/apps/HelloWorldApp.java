package dlg.core.apps;

import dlg.core.app.AppContext;
import dlg.core.app.Application;
import dlg.core.app.DataDrop;
import dlg.core.app.ParamSpec;
import dlg.core.codec.Pickles;
import dlg.core.codec.PyStr;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code dlg.apps.simple.HelloWorldApp}: writes {@code Hello <greet>} to every output. With one
 * input it greets the input's first element instead ({@code Hello, <element>}), or its raw text
 * when the input is not a pickle; a pickle without a first element (a number, an empty list)
 * fails the app, as {@code pickle.loads(...)[0]} does in DALiuGE.
 */
public final class HelloWorldApp implements Application {

    public static final ParamSpec GREET = ParamSpec.ofString("greet", "World");
    public static final List<ParamSpec> PARAMS = List.of(GREET);
    public static final HelloWorldApp INSTANCE = new HelloWorldApp();

    @Override
    public void run(AppContext ctx) throws Exception {
        List<DataDrop> ins = ctx.inputs();
        String greeting = switch (ins.size()) {
            case 0 -> "Hello " + ctx.stringParam(GREET);
            case 1 -> "Hello, " + firstElement(ins.getFirst().readAll());
            default -> throw new IllegalArgumentException("HelloWorldApp takes at most one input, it has " + ins.size());
        };
        if (ctx.outputs().isEmpty()) {
            throw new IllegalArgumentException("HelloWorldApp needs at least one output");
        }
        byte[] bytes = greeting.getBytes(StandardCharsets.UTF_8);
        for (DataDrop out : ctx.outputs()) {
            out.write(bytes);
        }
    }

    /** Python's {@code str(pickle.loads(content)[0])}, or the raw text when it is not a pickle. */
    private static String firstElement(byte[] content) {
        Object v;
        try {
            v = Pickles.looksPickled(content) ? Pickles.loads(content) : null;
        } catch (IllegalArgumentException e) {
            v = null; // not a pickle we can read: greet the raw content, as DALiuGE does on UnpicklingError
        }
        if (v == null) {
            return new String(content, StandardCharsets.UTF_8);
        }
        if (v instanceof String s) { // a str is a sequence of characters
            if (s.isEmpty()) {
                throw new IllegalArgumentException("the input is an empty string: nothing to greet");
            }
            return s.substring(0, s.offsetByCodePoints(0, 1));
        }
        if (!(v instanceof List<?> || v instanceof Object[] || v.getClass().isArray())) {
            throw new IllegalArgumentException("the input is a pickled " + v.getClass().getSimpleName()
                    + ", not a sequence: it has no first element to greet");
        }
        List<?> items = Sequences.of(v);
        if (items.isEmpty()) {
            throw new IllegalArgumentException("the input is an empty sequence: nothing to greet");
        }
        return PyStr.str(items.getFirst());
    }
}
