package dlg.web;

import dlg.core.state.AppState;
import dlg.core.state.DropState;
import java.util.Locale;

/**
 * A drop's state as the pages show it, DALiuGE's way: an application by its execution state
 * ({@code execStatus}), a data drop by its drop state. The constants are in the order of
 * DALiuGE's progress bar: done first, not started last. Whether a state is terminal comes from
 * dlg-core's enums, so the pages never decide it themselves.
 */
enum ShownState {
    COMPLETED(DropState.COMPLETED.isTerminal()),
    FINISHED(AppState.FINISHED.isTerminal()),
    RUNNING(AppState.RUNNING.isTerminal()),
    WRITING(DropState.WRITING.isTerminal()),
    ERROR(DropState.ERROR.isTerminal() && AppState.ERROR.isTerminal()),
    EXPIRED(DropState.EXPIRED.isTerminal()),
    DELETED(DropState.DELETED.isTerminal()),
    CANCELLED(DropState.CANCELLED.isTerminal() && AppState.CANCELLED.isTerminal()),
    SKIPPED(DropState.SKIPPED.isTerminal() && AppState.SKIPPED.isTerminal()),
    NOT_RUN(AppState.NOT_RUN.isTerminal()),
    INITIALIZED(DropState.INITIALIZED.isTerminal());

    private static final ShownState[] VALUES = values();

    private final boolean terminal;
    private final String wireName;

    ShownState(boolean terminal) {
        this.terminal = terminal;
        this.wireName = name().toLowerCase(Locale.ROOT);
    }

    /** @param exec the app's execution state, null for a data drop */
    static ShownState of(DropState state, AppState exec) {
        if (exec != null) {
            return switch (exec) {
                case NOT_RUN -> NOT_RUN;
                case RUNNING -> RUNNING;
                case FINISHED -> FINISHED;
                case ERROR -> ERROR;
                case CANCELLED -> CANCELLED;
                case SKIPPED -> SKIPPED;
            };
        }
        return switch (state) {
            case INITIALIZED -> INITIALIZED;
            case WRITING -> WRITING;
            case COMPLETED -> COMPLETED;
            case ERROR -> ERROR;
            case EXPIRED -> EXPIRED;
            case DELETED -> DELETED;
            case CANCELLED -> CANCELLED;
            case SKIPPED -> SKIPPED;
        };
    }

    static ShownState ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }

    static int count() {
        return VALUES.length;
    }

    /** The lower-case name the pages and the API use ({@code not_run}). */
    String wireName() {
        return wireName;
    }

    /** Parses a {@link #wireName()}, case-insensitively; null when it is none. */
    static ShownState ofWireName(String name) {
        for (ShownState s : VALUES) {
            if (s.wireName.equalsIgnoreCase(name)) {
                return s;
            }
        }
        return null;
    }

    boolean isTerminal() {
        return terminal;
    }
}
