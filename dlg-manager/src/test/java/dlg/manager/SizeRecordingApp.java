package dlg.manager;

import dlg.core.app.AppContext;
import dlg.core.app.Application;
import dlg.core.app.DataDrop;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A test app (dropclass {@code dlg.manager.SizeRecordingApp}) that records the content of each of
 * its inputs, so that tests can see what data drops held. Recordings are keyed by session id and
 * input oid.
 */
public final class SizeRecordingApp implements Application {

    static final String CLASS = SizeRecordingApp.class.getName();
    private static final Map<String, byte[]> RECORDED = new ConcurrentHashMap<>();

    @Override
    public void run(AppContext ctx) throws Exception {
        for (DataDrop in : ctx.inputs()) {
            RECORDED.put(ctx.sessionId() + "/" + in.oid(), in.readAll());
        }
    }

    /** What input {@code oid} held when an app of session {@code sessionId} read it, or null. */
    static byte[] recorded(String sessionId, String oid) {
        return RECORDED.get(sessionId + "/" + oid);
    }
}
