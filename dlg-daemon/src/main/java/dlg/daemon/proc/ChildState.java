package dlg.daemon.proc;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The life of a manager process the daemon started.
 * <pre>
 *   STARTING --(prints where it listens)--> RUNNING
 *      |  \                                  |   \
 *      |   `-----(exits by itself)-------> DIED <-'  (kept with its exit code until started again)
 *      `--(stop asked)--> STOPPING <--(stop asked)--'
 *                            `--(exits)--> STOPPED
 * </pre>
 */
public enum ChildState {
    STARTING, RUNNING, STOPPING, STOPPED, DIED;

    private static final Map<ChildState, Set<ChildState>> NEXT = new EnumMap<>(Map.of(
            STARTING, EnumSet.of(RUNNING, STOPPING, DIED),
            RUNNING, EnumSet.of(STOPPING, DIED),
            STOPPING, EnumSet.of(STOPPED)));

    public boolean canMoveTo(ChildState target) {
        return NEXT.getOrDefault(this, Set.of()).contains(target);
    }

    /** The process has exited: the daemon may start the manager again. */
    public boolean isTerminal() {
        return !NEXT.containsKey(this);
    }
}
