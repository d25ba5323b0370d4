package dlg.core.state;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The life of a DROP ({@code status} in DALiuGE's {@code DROPStates}, with the same integer codes).
 *
 * <pre>
 *   INITIALIZED ──write──▶ WRITING ──▶ COMPLETED ──expire──▶ EXPIRED ──▶ DELETED
 *        │                   │             │
 *        ├──▶ COMPLETED      ├──▶ ERROR    └──▶ DELETED
 *        ├──▶ ERROR          ├──▶ CANCELLED
 *        ├──▶ CANCELLED      └──▶ SKIPPED  (an EndDROP ended the session while it was written)
 *        └──▶ SKIPPED        (ERROR, CANCELLED, SKIPPED and DELETED are terminal)
 * </pre>
 *
 * Application drops use INITIALIZED while they wait or run, then COMPLETED, ERROR, CANCELLED or
 * SKIPPED; their progress is in {@link AppState}.
 */
public enum DropState implements LifecycleState<DropState> {
    INITIALIZED(0),
    WRITING(1),
    COMPLETED(2),
    ERROR(3),
    EXPIRED(4),
    DELETED(5),
    CANCELLED(6),
    SKIPPED(7);

    private static final Map<DropState, Set<DropState>> NEXT = new EnumMap<>(Map.of(
            INITIALIZED, EnumSet.of(WRITING, COMPLETED, ERROR, CANCELLED, SKIPPED),
            WRITING, EnumSet.of(COMPLETED, ERROR, CANCELLED, SKIPPED),
            COMPLETED, EnumSet.of(EXPIRED, DELETED),
            EXPIRED, EnumSet.of(DELETED)));

    private static final DropState[] BY_CODE = values();

    private final int code;

    DropState(int code) {
        this.code = code;
    }

    /** DALiuGE's integer code, as used on the wire. */
    public int code() {
        return code;
    }

    @Override
    public boolean canMoveTo(DropState target) {
        return NEXT.getOrDefault(this, Set.of()).contains(target);
    }

    /** No way out of this state. */
    @Override
    public boolean isTerminal() {
        return !NEXT.containsKey(this);
    }

    /**
     * The drop has settled: it will not run or receive data any more. COMPLETED and EXPIRED are
     * done though not terminal (they may still expire or be deleted).
     */
    public boolean isDone() {
        return this != INITIALIZED && this != WRITING;
    }

    public static DropState ofCode(int code) {
        if (code < 0 || code >= BY_CODE.length) {
            throw new IllegalArgumentException("no drop state with code " + code);
        }
        return BY_CODE[code];
    }
}
