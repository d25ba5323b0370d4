package dlg.core.state;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The life of a session (DALiuGE's {@code SessionStates}, same integer codes).
 *
 * <pre>
 *   PRISTINE ──append──▶ BUILDING ──deploy──▶ DEPLOYING ──▶ RUNNING ──▶ FINISHED
 *      │                    │                    │            ├──────▶ FAILED
 *      └──deploy (empty)────┴──────────▶         ├──▶ FAILED  └──────▶ CANCELLED
 *                                                └──▶ CANCELLED
 * </pre>
 *
 * A deploy that fails ends in FAILED (DALiuGE leaves such a session in DEPLOYING for ever).
 */
public enum SessionState {
    PRISTINE(0),
    BUILDING(1),
    DEPLOYING(2),
    RUNNING(3),
    FINISHED(4),
    CANCELLED(5),
    FAILED(6);

    private static final Map<SessionState, Set<SessionState>> NEXT = new EnumMap<>(Map.of(
            PRISTINE, EnumSet.of(BUILDING, DEPLOYING, CANCELLED),
            BUILDING, EnumSet.of(DEPLOYING, CANCELLED),
            DEPLOYING, EnumSet.of(RUNNING, FAILED, CANCELLED),
            RUNNING, EnumSet.of(FINISHED, FAILED, CANCELLED)));

    private static final SessionState[] BY_CODE = values();

    private final int code;

    SessionState(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public boolean canMoveTo(SessionState target) {
        return NEXT.getOrDefault(this, Set.of()).contains(target);
    }

    public boolean isTerminal() {
        return !NEXT.containsKey(this);
    }

    public static SessionState ofCode(int code) {
        if (code < 0 || code >= BY_CODE.length) {
            throw new IllegalArgumentException("no session state with code " + code);
        }
        return BY_CODE[code];
    }
}
