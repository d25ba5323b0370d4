package dlg.core.state;

/**
 * What a drop's two state machines ({@link DropState}, {@link AppState}) have in common: their
 * transition table. The engine changes either kind of state through one routine that asks it.
 */
public sealed interface LifecycleState<S extends Enum<S> & LifecycleState<S>> permits DropState, AppState {

    boolean canMoveTo(S target);

    /** No way out of this state. */
    boolean isTerminal();
}
