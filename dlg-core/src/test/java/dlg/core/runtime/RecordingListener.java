package dlg.core.runtime;

import dlg.core.state.AppState;
import dlg.core.state.DropState;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** A {@link DropListener} that keeps every event, in the order received (thread-safe). */
public final class RecordingListener implements DropListener {

    private final List<DropEvent> events = new ArrayList<>();

    @Override
    public void onEvent(DropEvent event) {
        synchronized (events) {
            events.add(event);
        }
    }

    public List<DropEvent> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    public List<DropEvent> of(String oid) {
        return events().stream().filter(e -> e.oid().equals(oid)).toList();
    }

    /** Events rendered as {@code oid:type:status[:execStatus]}, e.g. {@code B:execStatus:INITIALIZED:RUNNING}. */
    public List<String> described() {
        return events().stream().map(RecordingListener::describe).toList();
    }

    public static String describe(DropEvent e) {
        return e.oid() + ":" + e.type().wireName() + ":" + e.status() + (e.execStatus() == null ? "" : ":" + e.execStatus());
    }

    /** Position of the first event matching, or -1. */
    public int indexOf(Predicate<DropEvent> p) {
        List<DropEvent> all = events();
        for (int i = 0; i < all.size(); i++) {
            if (p.test(all.get(i))) {
                return i;
            }
        }
        return -1;
    }

    public static Predicate<DropEvent> status(String oid, DropState s) {
        return e -> e.oid().equals(oid) && e.type() == DropEvent.Type.STATUS && e.status() == s;
    }

    public static Predicate<DropEvent> exec(String oid, AppState s) {
        return e -> e.oid().equals(oid) && e.type() == DropEvent.Type.EXEC_STATUS && e.execStatus() == s;
    }

    public static Predicate<DropEvent> type(String oid, DropEvent.Type t) {
        return e -> e.oid().equals(oid) && e.type() == t;
    }
}
