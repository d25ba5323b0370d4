package dlg.daemon.proc;

import dlg.manager.NodeAddress;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One manager process the daemon started, and where it listens once it said so. Thread-safe. */
final class Child {

    private static final Logger log = LoggerFactory.getLogger(Child.class);

    private final ManagerKind kind;
    private final Process process;
    private final AtomicReference<ChildState> state = new AtomicReference<>(ChildState.STARTING);
    private volatile NodeAddress address;

    Child(ManagerKind kind, Process process) {
        this.kind = kind;
        this.process = process;
    }

    ManagerKind kind() {
        return kind;
    }

    Process process() {
        return process;
    }

    long pid() {
        return process.pid();
    }

    ChildState state() {
        return state.get();
    }

    /** Where it listens: known once RUNNING. */
    NodeAddress address() {
        return address;
    }

    /** It said where it listens: RUNNING, unless it was stopped or died meanwhile. */
    boolean ready(NodeAddress where) {
        address = where;
        return move(ChildState.STARTING, ChildState.RUNNING);
    }

    /** Its process exited: STOPPED if the daemon stopped it, DIED if not; null if already told. */
    ChildState exited() {
        while (true) {
            ChildState current = state.get();
            if (current.isTerminal()) {
                return null;
            }
            ChildState target = current == ChildState.STOPPING ? ChildState.STOPPED : ChildState.DIED;
            if (move(current, target)) {
                return target;
            }
        }
    }

    /**
     * The one place a child's state changes.
     *
     * @return false if the child is already past {@code target} (a stop raced with its exit)
     */
    boolean transitionTo(ChildState target) {
        while (true) {
            ChildState current = state.get();
            if (!current.canMoveTo(target)) {
                if (current.isTerminal() || current == target) {
                    return false;
                }
                throw new IllegalStateException(kind.managerName() + " (pid " + pid() + "): illegal transition "
                        + current + " -> " + target);
            }
            if (move(current, target)) {
                return true;
            }
        }
    }

    private boolean move(ChildState from, ChildState to) {
        if (!state.compareAndSet(from, to)) {
            return false;
        }
        log.info("{} (pid {}) switched from {} to {}", kind.managerName(), pid(), from, to);
        return true;
    }

    /** The exit code, once the process has exited. */
    Integer exitCode() {
        return process.isAlive() ? null : process.exitValue();
    }
}
