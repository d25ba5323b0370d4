package dlg.core.runtime;

import dlg.core.state.AppState;
import dlg.core.state.DropState;

/**
 * How many drops are in each state, at one moment.
 *
 * @param byState drops per {@link DropState}, indexed by its ordinal (applications included)
 * @param byAppState application drops per {@link AppState}, indexed by its ordinal
 * @param done drops that have settled ({@link DropState#isDone()})
 */
public record ExecutionCounts(int total, int apps, long[] byState, long[] byAppState, long done) {

    public long count(DropState state) {
        return byState[state.ordinal()];
    }

    public long count(AppState state) {
        return byAppState[state.ordinal()];
    }
}
