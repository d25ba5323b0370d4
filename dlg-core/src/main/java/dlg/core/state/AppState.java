package dlg.core.state;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The execution state of an application drop ({@code execStatus}, DALiuGE's {@code AppDROPStates}).
 *
 * <pre>
 *   NOT_RUN ──▶ RUNNING ──▶ FINISHED
 *      │           ├──────▶ ERROR
 *      │           └──────▶ CANCELLED
 *      ├──▶ ERROR       (an input failed: the app never runs)
 *      ├──▶ SKIPPED     (an input was skipped)
 *      └──▶ CANCELLED
 * </pre>
 */
public enum AppState implements LifecycleState<AppState> {
    NOT_RUN(0),
    RUNNING(1),
    FINISHED(2),
    ERROR(3),
    CANCELLED(4),
    SKIPPED(5);

    private static final Map<AppState, Set<AppState>> NEXT = new EnumMap<>(Map.of(
            NOT_RUN, EnumSet.of(RUNNING, ERROR, CANCELLED, SKIPPED),
            RUNNING, EnumSet.of(FINISHED, ERROR, CANCELLED)));

    private static final AppState[] BY_CODE = values();

    private final int code;

    AppState(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    @Override
    public boolean canMoveTo(AppState target) {
        return NEXT.getOrDefault(this, Set.of()).contains(target);
    }

    @Override
    public boolean isTerminal() {
        return !NEXT.containsKey(this);
    }

    /** The drop state an app settles in once its execution reaches this terminal state. */
    public DropState settledDropState() {
        return switch (this) {
            case FINISHED -> DropState.COMPLETED;
            case ERROR -> DropState.ERROR;
            case CANCELLED -> DropState.CANCELLED;
            case SKIPPED -> DropState.SKIPPED;
            case NOT_RUN, RUNNING -> throw new IllegalStateException(this + " is not a terminal app state");
        };
    }

    public static AppState ofCode(int code) {
        if (code < 0 || code >= BY_CODE.length) {
            throw new IllegalArgumentException("no app state with code " + code);
        }
        return BY_CODE[code];
    }
}
