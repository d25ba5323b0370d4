package dlg.core.app;

/**
 * What an application drop does. The engine calls {@link #run} once every input has completed
 * (barrier semantics); returning normally finishes the app and completes its outputs, throwing
 * puts it and its outputs in ERROR.
 *
 * <p>Users' own Java apps implement this interface, have a public no-argument constructor, and are
 * named by their fully qualified class name as the drop's {@code dropclass}. One instance is made
 * per drop; it reads its parameters from the context.
 */
public interface Application {

    void run(AppContext ctx) throws Exception;

    /**
     * Whether {@link #run} spends its time waiting (sleeping, on a child process, on a socket)
     * rather than computing. Waiting apps run on virtual threads, so thousands of them can wait at
     * once without holding one of the bounded pool's CPU workers.
     */
    default boolean waits(AppContext ctx) {
        return false;
    }

    /**
     * Whether the app reads inputs at all: DALiuGE refuses to wire an input to one that does not
     * (a socket listener), and so does dlg, at deploy.
     */
    default boolean takesInputs() {
        return true;
    }

    /**
     * Called (from another thread) when the session is cancelled while {@link #run} is in
     * progress, after the running thread was interrupted: release what an interrupt does not
     * (kill a child process, close a server socket).
     */
    default void cancel() {
    }
}
