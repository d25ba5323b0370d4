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
 * when the input is not a pickled list.
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

    private static String firstElement(byte[] content) {
        if (Pickles.looksPickled(content)) {
            try {
                Object v = Pickles.loads(content);
                if (v instanceof List<?> l && !l.isEmpty()) {
                    return PyStr.str(l.getFirst());
                }
            } catch (IllegalArgumentException e) {
                // not a readable pickle: greet the raw content, as DALiuGE does
            }
        }
        return new String(content, StandardCharsets.UTF_8);
    }
}
