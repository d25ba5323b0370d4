package dlg.manager.events;

import dlg.core.runtime.DropEvent;
import dlg.core.runtime.DropEvent.Type;
import dlg.core.state.AppState;
import dlg.core.state.DropState;

/** Events for tests: numbered, alternating data drops and apps, plus a probe session. */
final class TestEvents {

    /** The session of probe events, sent until a subscription is seen to work. */
    static final String PROBE = "probe";
    static final long T0 = 1_712_345_678_000L;

    private TestEvents() {
    }

    /** Event {@code i} of session {@code sessionId}: even ones from data drops, odd ones from apps. */
    static DropEvent event(String sessionId, int i) {
        return i % 2 == 0
                ? new DropEvent(Type.DROP_COMPLETED, sessionId, "d" + i, "u" + i, DropState.COMPLETED, null, T0 + i)
                : new DropEvent(Type.PRODUCER_FINISHED, sessionId, "a" + i, "u" + i, DropState.COMPLETED,
                        AppState.FINISHED, T0 + i);
    }

    /** The JSON body {@link EventPublisher} must send for {@code event(sessionId, i)}. */
    static String json(String sessionId, int i) {
        String seconds = String.format("%d.%03d", (T0 + i) / 1000, (T0 + i) % 1000);
        String head = "{\"type\":\"%s\",\"session_id\":\"%s\",\"oid\":\"%s\",\"uid\":\"u%d\",\"status\":2,";
        return i % 2 == 0
                ? head.formatted("dropCompleted", sessionId, "d" + i, i) + "\"timestamp\":" + seconds + "}"
                : head.formatted("producerFinished", sessionId, "a" + i, i) + "\"execStatus\":2,\"timestamp\":"
                        + seconds + "}";
    }

    static DropEvent probe() {
        return event(PROBE, 0);
    }
}
