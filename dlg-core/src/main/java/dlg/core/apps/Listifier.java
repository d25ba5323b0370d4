package dlg.core.apps;

import dlg.core.app.AppContext;
import dlg.core.app.Application;
import dlg.core.app.DataDrop;
import dlg.core.codec.Pickles;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code dlg.dask_emulation._Listifier}, which DALiuGE's {@code delayed()} puts where a function
 * takes a list of delayed values: writes the list of its inputs' values (each a pickle of any
 * Python value, made into a list by {@link Pickles#listOfPickles}) to its outputs.
 */
public final class Listifier implements Application {

    public static final Listifier INSTANCE = new Listifier();

    @Override
    public void run(AppContext ctx) throws Exception {
        List<byte[]> values = new ArrayList<>();
        for (DataDrop in : ctx.inputs()) {
            values.add(in.readAll());
        }
        byte[] list = Pickles.listOfPickles(values);
        for (DataDrop out : ctx.outputs()) {
            out.write(list);
        }
    }
}
