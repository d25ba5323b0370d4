package dlg.core.runtime;

import dlg.core.graph.DropSpec;
import dlg.core.state.AppState;
import dlg.core.state.DropState;
import dlg.core.state.LifecycleState;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A drop at run time. Kept small (a graph may hold millions): its spec, its execution, its state.
 * {@link #move} is the only place a drop's state (and an application's execution state) changes.
 */
abstract sealed class Drop permits ApplicationDrop, AbstractDataDrop {

    private static final Logger log = LoggerFactory.getLogger(Drop.class);
    /** The drop state, for {@link #move}. */
    static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Drop.class, "state", DropState.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final DropSpec spec;
    final Execution execution;
    private volatile DropState state = DropState.INITIALIZED;
    /** When it settled, in ms after {@link Execution#startMillis()} (0: not yet): the UI's timestamps. */
    private volatile int settledAt;
    /**
     * Set before a move to ERROR when the drop failed because of its inputs (a producer failed,
     * too many inputs failed, an input's node was lost), not on its own; read after the state
     * (volatile), which makes it visible. A boolean: it fits in the object's padding.
     */
    private boolean failedByInputs;

    Drop(DropSpec spec, Execution execution) {
        this.spec = spec;
        this.execution = execution;
    }

    public final String oid() {
        return spec.oid();
    }

    public final String uid() {
        return spec.uid();
    }

    public final String name() {
        return spec.displayName();
    }

    final DropState state() {
        return state;
    }

    /** Milliseconds after the execution's start when the drop settled (see {@link DropState#isDone()}); 0 if not yet. */
    final int settledAt() {
        return settledAt;
    }

    /**
     * Moves the drop to {@code target}: checks the transition table, compare-and-sets, then tells
     * the execution (counters, completion, listeners).
     *
     * @return true if this call made the change; false if the drop already was in {@code target},
     *     or had ended in a terminal state (it lost a race with cancellation or an early end)
     * @throws IllegalStateException for any other illegal move
     */
    final boolean transitionTo(DropState target) {
        return move(false, null, target, true);
    }

    /**
     * Moves the drop to {@code target} if it still can, else does nothing: for moves that may race
     * with the drop settling on another thread (cancelling, skipping at an early end, failing),
     * where losing the race is fine.
     *
     * @return true if this call made the change
     */
    final boolean tryTransitionTo(DropState target) {
        return move(false, null, target, false);
    }

    /**
     * The one routine that changes a drop's state, and an application's execution state too
     * ({@code appState} says which): checks the state's transition table, compare-and-sets, then
     * calls {@link #moved} once, after the change and on this thread.
     *
     * @param appState change an application's execution state ({@link ApplicationDrop#execState()}),
     *     not the drop state. A flag rather than the field's VarHandle: a handle passed as an
     *     argument is not a constant to the JIT, and its every access then checked the values' types
     *     ({@code Class.cast}: a fifth of a million-app execution's samples)
     * @param expected move only from this state (null: from whatever state the drop is in); a
     *     drop found in another state is left alone and false returned
     * @param strict throw on an illegal move, unless the drop is already in a terminal state
     *     (it lost a race with cancellation or an early end); else just return false
     * @return true if this call made the change
     */
    @SuppressWarnings("unchecked")
    final <S extends Enum<S> & LifecycleState<S>> boolean move(boolean appState, S expected, S target, boolean strict) {
        for (;;) {
            S current = (S) (appState ? ((ApplicationDrop) this).execState() : state);
            if (current == target || (expected != null && current != expected)) {
                return false;
            }
            if (!current.canMoveTo(target)) {
                if (!strict || current.isTerminal()) {
                    if (log.isDebugEnabled()) {
                        log.debug("drop {} is already {}, not moving to {}", oid(), current, target);
                    }
                    return false;
                }
                throw new IllegalStateException("drop " + oid() + ": illegal transition " + current + " -> " + target);
            }
            if (appState ? ApplicationDrop.EXEC_STATE.compareAndSet((ApplicationDrop) this, (AppState) current, (AppState) target)
                         : STATE.compareAndSet(this, (DropState) current, (DropState) target)) {
                if (log.isDebugEnabled()) {
                    log.debug("drop {} switched from {} to {}", oid(), current, target);
                }
                moved(current, target);
                return true;
            }
        }
    }

    /** Stamps and reports a change {@link #move} made (counters, listeners); apps add their execution state. */
    void moved(LifecycleState<?> from, LifecycleState<?> to) {
        if (to instanceof DropState t && from instanceof DropState f) {
            if (t.isDone() && !f.isDone()) {
                settledAt = execution.sinceStart();
            }
            changed(f, t);
        }
    }

    /** Tells the execution of a change of the drop state (counters, listeners), once it is made. */
    void changed(DropState from, DropState to) {
        execution.stateChanged(this, from, to);
    }

    /** Marks the ERROR about to be set as caused by the drop's inputs; see {@link #failedOnItsOwn}. */
    final void blameInputs() {
        failedByInputs = true;
    }

    /**
     * Whether a drop in ERROR failed on its own (its app raised, timed out, had bad parameters,
     * its data could not be sealed or fetched) rather than because of its inputs.
     */
    final boolean failedOnItsOwn() {
        return state == DropState.ERROR && !failedByInputs;
    }

    /** Why the drop failed, or null. */
    abstract String error();

    abstract DropStatus status();

    /** Stops what the drop is doing because the session ends; never notifies other drops. */
    abstract void cancel();

    /** Settles a drop that never got to run because the session ended early (an EndDROP completed). */
    abstract void skipUnfinished();

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + oid() + ", " + state + "]";
    }
}
