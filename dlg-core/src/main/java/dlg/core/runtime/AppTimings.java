package dlg.core.runtime;

import dlg.core.state.AppState;

/**
 * Told how long each application ran, once it has ended after running (an app that never ran
 * is not timed): what a NodeManager's metrics make histograms of. Called on the thread that
 * ended the app, once per app, so an implementation must be cheap and thread-safe, and must not
 * throw (a failure is logged and the run goes on).
 */
@FunctionalInterface
public interface AppTimings {

    /** Times nothing. */
    AppTimings NONE = (appClass, millis, outcome) -> { };

    /**
     * @param appClass the app's {@code dropclass} (DALiuGE's class name, or ours)
     * @param millis how long it ran, to the engine clock's millisecond (0 for a quicker app)
     * @param outcome FINISHED, ERROR or CANCELLED
     */
    void ran(String appClass, long millis, AppState outcome);
}
