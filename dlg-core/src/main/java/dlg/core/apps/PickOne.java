package dlg.core.apps;

import dlg.core.app.AppContext;
import dlg.core.app.Application;
import dlg.core.app.DataDrop;
import dlg.core.codec.Pickles;
import java.util.List;

/**
 * {@code dlg.apps.simple.PickOne}: takes the first element of its (pickled list) input; writes it
 * to every output except those named {@code rest_array} (drop name or port), which get the rest
 * of the list. An empty input gives None and an empty rest, as in DALiuGE.
 */
public final class PickOne implements Application {

    public static final String REST = "rest_array";
    public static final PickOne INSTANCE = new PickOne();

    @Override
    public void run(AppContext ctx) throws Exception {
        if (ctx.inputs().isEmpty()) {
            throw new IllegalArgumentException("PickOne needs an input to pick from");
        }
        byte[] content = ctx.inputs().getFirst().readAll();
        List<?> items = content.length == 0 ? List.of() : Sequences.of(Pickles.loads(content));
        Object first = items.isEmpty() ? null : items.getFirst();
        List<?> rest = items.isEmpty() ? List.of() : new java.util.ArrayList<>(items.subList(1, items.size()));
        byte[] firstPickle = Pickles.dumps(first);
        byte[] restPickle = Pickles.dumps(rest);
        List<DataDrop> outs = ctx.outputs();
        for (int i = 0; i < outs.size(); i++) {
            boolean isRest = REST.equals(outs.get(i).name()) || REST.equals(ctx.outputPort(i));
            outs.get(i).write(isRest ? restPickle : firstPickle);
        }
    }
}
