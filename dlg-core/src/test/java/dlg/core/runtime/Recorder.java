package dlg.core.runtime;

import dlg.core.app.AppContext;
import dlg.core.app.DataDrop;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link TestingApp.Body} that reads every input and keeps what it read (by input oid), the
 * drops it saw and the oids of the apps that ran, in order.
 */
public final class Recorder implements TestingApp.Body {

    private final Map<String, byte[]> contents = new ConcurrentHashMap<>();
    private final Map<String, DataDrop> drops = new ConcurrentHashMap<>();
    private final List<String> ran = new CopyOnWriteArrayList<>();
    private final Map<String, List<String>> inputOrder = new ConcurrentHashMap<>();

    @Override
    public void run(AppContext ctx) throws Exception {
        ran.add(ctx.oid());
        List<String> order = new ArrayList<>();
        for (DataDrop in : ctx.inputs()) {
            order.add(in.oid());
            drops.put(in.oid(), in);
            contents.put(in.oid(), in.readAll());
        }
        for (DataDrop out : ctx.outputs()) {
            drops.put(out.oid(), out);
        }
        inputOrder.put(ctx.oid(), order);
    }

    public byte[] bytes(String oid) {
        byte[] b = contents.get(oid);
        if (b == null) {
            throw new AssertionError("no input " + oid + " was read; read: " + contents.keySet());
        }
        return b;
    }

    public String text(String oid) {
        return new String(bytes(oid), StandardCharsets.UTF_8);
    }

    /** The drop as the app saw it (to read or write it again later). */
    public DataDrop drop(String oid) {
        DataDrop d = drops.get(oid);
        if (d == null) {
            throw new AssertionError("no drop " + oid + " was seen; seen: " + drops.keySet());
        }
        return d;
    }

    public List<String> ran() {
        return List.copyOf(ran);
    }

    /** The oids of the inputs the app {@code appOid} saw, in order. */
    public List<String> inputsOf(String appOid) {
        return inputOrder.getOrDefault(appOid, List.of());
    }
}
