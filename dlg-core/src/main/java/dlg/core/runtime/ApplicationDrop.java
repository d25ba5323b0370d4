package dlg.core.runtime;

import dlg.core.app.AppContext;
import dlg.core.app.Application;
import dlg.core.app.DataDrop;
import dlg.core.app.ParamSpec;
import dlg.core.app.ParamType;
import dlg.core.codec.Encoding;
import dlg.core.graph.AppArg;
import dlg.core.graph.DropSpec;
import dlg.core.graph.GraphSpec;
import dlg.core.state.AppState;
import dlg.core.state.DropState;
import dlg.core.state.LifecycleState;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * An application drop with DALiuGE's barrier semantics: it runs once every input has settled. If
 * more than {@code input_error_threshold} percent of its inputs failed it fails without running;
 * if an input was skipped it is skipped (with {@code block_skip}, only if every input was).
 * Running, it moves NOT_RUN -> RUNNING -> FINISHED/ERROR,
 * then completes (or fails) its outputs. Its execution state changes only through {@link Drop#move},
 * as its drop state does.
 *
 * <p>Limits, each a drop parameter with a session-wide default ({@link ExecutionOptions}):
 * <ul>
 * <li>{@code dependency_timeout} (seconds): counted from deploy; an app still waiting for inputs
 *     then fails without running, and its outputs and consumers fail as after a failed input.
 * <li>{@code timeout} (seconds): per attempt; the attempt is stopped as a cancel stops it
 *     (interrupt, then {@link Application#cancel}) and fails "timed out after N s". An app that
 *     does not stop within {@link #STOP_GRACE_MILLIS} is failed anyway, without another attempt.
 * <li>{@code n_tries} attempts, the next one {@code retry_delay} seconds after a failure, doubled
 *     each time (see {@link Attempts}); each failed attempt is logged with the drop's ids. Before
 *     the next attempt the outputs are emptied; an output other apps write too cannot be, so an
 *     app that wrote one is not tried again.
 * </ul>
 *
 * <p>The drop is itself the task handed to the executor and the context handed to the app, so
 * running an app allocates nothing of the engine's.
 */
final class ApplicationDrop extends Drop implements AppContext, Runnable {

    private static final Logger log = LoggerFactory.getLogger(ApplicationDrop.class);
    static final AbstractDataDrop[] NO_DATA = new AbstractDataDrop[0];
    /** Whether this machine has POSIX shared memory to hand large values over in. */
    private static final boolean SHARED_MEMORY = Files.isDirectory(SharedMemoryDrop.SHM)
            && Files.isWritable(SharedMemoryDrop.SHM);
    private static final ApplicationDrop[] NO_APPS = new ApplicationDrop[0];
    static final ParamSpec INPUT_ERROR_THRESHOLD = ParamSpec.ofInt("input_error_threshold", 0);
    static final ParamSpec N_TRIES = ParamSpec.ofInt("n_tries", 1);
    /** One attempt's time limit in seconds (0: none); absent, the session's {@code --app-timeout}. */
    static final ParamSpec TIMEOUT = ParamSpec.ofFloat("timeout", 0);
    /** How long after deploy the app may wait for its inputs, in seconds (0: none); absent, the session's. */
    static final ParamSpec DEPENDENCY_TIMEOUT = ParamSpec.ofFloat(GraphSpec.DEPENDENCY_TIMEOUT, 0);
    /** The pause before the second attempt in seconds, doubled before each next one. */
    static final ParamSpec RETRY_DELAY = ParamSpec.ofFloat("retry_delay", 0);
    /** How long a timed-out app has to stop before it is failed anyway. */
    static final long STOP_GRACE_MILLIS = 5_000;
    /** DALiuGE's {@code block_skip}: run unless every input was skipped (a join after a branch). */
    static final ParamSpec BLOCK_SKIP = ParamSpec.ofBool("block_skip", false);

    /** The execution state, for {@link #move}. */
    static final VarHandle EXEC_STATE;
    private static final VarHandle PENDING_INPUTS;
    private static final VarHandle INPUT_ERRORS;
    private static final VarHandle INPUT_SKIPS;

    static {
        try {
            var l = MethodHandles.lookup();
            EXEC_STATE = l.findVarHandle(ApplicationDrop.class, "execState", AppState.class);
            PENDING_INPUTS = l.findVarHandle(ApplicationDrop.class, "pendingInputs", int.class);
            INPUT_ERRORS = l.findVarHandle(ApplicationDrop.class, "inputErrors", int.class);
            INPUT_SKIPS = l.findVarHandle(ApplicationDrop.class, "inputSkips", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Application app;
    /** Whether some outputs are stand-ins for drops of other nodes ({@link #remoteOutputs}). */
    private boolean remoteOutputs;
    /** Its inputs and outputs, as {@link OneOrMany} holds them. */
    private Object inputs = NO_DATA;
    private Object outputs = NO_DATA;
    /** Port names per input/output, or null when none is named. */
    String[] inputPorts;
    String[] outputPorts;
    /** Apps that run after this one (app-to-app links): each counts this app as an input. */
    private ApplicationDrop[] followers = NO_APPS;
    /** The port name of each follower's link, or null when none is named. */
    private String[] followerPorts;
    /** Followers the app took out of the run ({@link #skipNextApp}), or null; only the runner touches it. */
    private boolean[] skippedFollowers;
    /** How many apps this one runs after. */
    private int predecessors;
    private int pendingInputs;
    private int inputErrors;
    private int inputSkips;
    private volatile AppState execState = AppState.NOT_RUN;
    private volatile Thread runner;
    /** The dependency timeout, an attempt's pending retry, or null. */
    private volatile Scheduler.Scheduled timer;
    /** n_tries, timeout, retry_delay of the running app; null if it runs once without a limit. */
    private volatile Attempts attempts;
    /** Outputs the app took out of the run ({@link #skipOutput}), or null; only the runner touches it. */
    private boolean[] skippedOutputs;
    private volatile String error;
    /** When it started running, in ms after {@link Execution#startMillis()} (0: not yet). */
    private volatile int startedAt;

    ApplicationDrop(DropSpec spec, Execution execution, Application app) {
        super(spec, execution);
        this.app = app;
    }

    void wired(AbstractDataDrop[] inputs, String[] inputPorts, AbstractDataDrop[] outputs, String[] outputPorts) {
        this.inputs = OneOrMany.of(inputs);
        this.inputPorts = inputPorts;
        this.outputs = OneOrMany.of(outputs);
        this.outputPorts = outputPorts;
        this.pendingInputs = inputCount() + predecessors;
    }

    int inputCount() {
        return OneOrMany.count(inputs);
    }

    /** Input {@code k} (0 to {@link #inputCount()} - 1). */
    AbstractDataDrop input(int k) {
        return OneOrMany.at(inputs, k);
    }

    int outputCount() {
        return OneOrMany.count(outputs);
    }

    /** Output {@code k} (0 to {@link #outputCount()} - 1). */
    AbstractDataDrop output(int k) {
        return OneOrMany.at(outputs, k);
    }

    /**
     * Makes {@code next} run after this app, as if a data drop stood between them (an app-to-app
     * link): it waits for this app, fails with it (counting toward its input_error_threshold)
     * and is skipped with it (or when this app skips it, as a branch does). {@code port} is this
     * app's name for the link, or null. Called while wiring, before the run.
     */
    void precede(ApplicationDrop next, String port) {
        followers = Arrays.copyOf(followers, followers.length + 1);
        followers[followers.length - 1] = next;
        if (port != null || followerPorts != null) {
            followerPorts = followerPorts == null ? new String[followers.length] : Arrays.copyOf(followerPorts, followers.length);
            followerPorts[followers.length - 1] = port;
        }
        next.predecessors++;
        next.pendingInputs++;
    }

    /** Makes this app run after an app on another node, whose producerFinished event settles it. */
    void followRemote() {
        predecessors++;
        pendingInputs++;
    }

    /**
     * Adds inputs held by other nodes, after wiring and before the run: the app waits for them as
     * for local ones. They come last and have no port name (DALiuGE's subscriptions carry none).
     */
    void remoteInputs(AbstractDataDrop[] remote) {
        inputs = OneOrMany.append(inputs, remote, NO_DATA);
        if (inputPorts != null) {
            inputPorts = Arrays.copyOf(inputPorts, inputCount());
        }
        pendingInputs += remote.length;
    }

    /**
     * Adds stand-ins for outputs held by other nodes, after wiring and before the run: the app
     * writes them as local outputs. They come last and have no port name (DALiuGE's
     * subscriptions carry none).
     */
    void remoteOutputs(RemoteOutputDrop[] remote) {
        outputs = OneOrMany.append(outputs, remote, NO_DATA);
        if (outputPorts != null) {
            outputPorts = Arrays.copyOf(outputPorts, outputCount());
        }
        remoteOutputs = true;
    }

    AppState execState() {
        return execState;
    }

    /** Milliseconds after the execution's start when the app started running; 0 if it has not. */
    int startedAt() {
        return startedAt;
    }

    boolean waits() {
        return app.waits(this);
    }

    // ---- State ----

    /** Changes the execution state through {@link Drop#move}; same contract as {@link Drop#transitionTo(DropState)}. */
    private boolean transitionTo(AppState target) {
        return move(true, null, target, true);
    }

    /** Moves to {@code target} if the app still can; same contract as {@link Drop#tryTransitionTo(DropState)}. */
    private boolean tryTransitionTo(AppState target) {
        return move(true, null, target, false);
    }

    @Override
    void moved(LifecycleState<?> from, LifecycleState<?> to) {
        if (to instanceof AppState t && from instanceof AppState f) {
            if (t == AppState.RUNNING) {
                startedAt = execution.sinceStart();
            }
            execution.execStateChanged(this, f, t);
        } else {
            super.moved(from, to);
        }
    }

    // ---- Events ----

    /** An input settled; the last one schedules the app (which then decides to run, fail or skip). */
    /**
     * An input failed for a reason worth showing with this app's own failure (e.g. the node that
     * held it stopped answering): the first such reason is kept until the app decides whether to run.
     */
    void inputFailed(String cause) {
        if (error == null && execState == AppState.NOT_RUN) {
            error = cause; // read and replaced in inputFailure(): the app has not run, it waits for this input
        }
        inputSettled(DropState.ERROR);
    }

    void inputSettled(DropState settled) {
        if (settled == DropState.ERROR) {
            INPUT_ERRORS.getAndAdd(this, 1);
        } else if (settled == DropState.SKIPPED) {
            INPUT_SKIPS.getAndAdd(this, 1);
        }
        if ((int) PENDING_INPUTS.getAndAdd(this, -1) == 1) {
            execution.schedule(this);
        }
    }

    /**
     * Called once the graph is deployed: an app that waits for inputs starts counting its
     * {@code dependency_timeout} (else the session's), so the limit runs from deploy.
     */
    void deployed() {
        if (pendingInputs == 0) {
            return;
        }
        long ms;
        try {
            ms = limitMillis(DEPENDENCY_TIMEOUT, execution.options().dependencyTimeout());
        } catch (IllegalArgumentException e) {
            return; // reported when the app runs
        }
        if (ms > 0) {
            keepTimer(execution.scheduler().schedule(() -> execution.runOnWaiting(() -> dependencyTimedOut(ms)), ms));
        }
    }

    /** The inputs did not all settle in time: the app fails without running, as with a failed input. */
    private void dependencyTimedOut(long limitMillis) {
        int pending = (int) PENDING_INPUTS.getVolatile(this);
        if (pending <= 0 || execState != AppState.NOT_RUN) {
            return;
        }
        StringBuilder waiting = new StringBuilder();
        int named = 0;
        for (int k = 0, n = inputCount(); k < n; k++) {
            AbstractDataDrop in = input(k);
            if (!in.state().isDone() && named++ < 5) {
                waiting.append(named > 1 ? ", " : "").append(in.oid());
            }
        }
        String why = "waited more than " + Attempts.seconds(limitMillis) + " (dependency_timeout) for its inputs: "
                + pending + " of " + (inputCount() + predecessors) + " not settled"
                + (named == 0 ? "" : " (" + waiting + (named > 5 ? ", ..." : "") + ")");
        try (var s = MDC.putCloseable("sessionId", execution.sessionId());
             var o = MDC.putCloseable("oid", oid())) {
            if (settle(AppState.NOT_RUN, AppState.ERROR, why)) {
                log.warn("app {} failed: {}", oid(), why);
            }
        }
    }

    /** Runs on a worker once every input settled: decides, runs the app (its first attempt), settles. */
    @Override
    public void run() {
        if (execState != AppState.NOT_RUN || state().isDone()) {
            return; // cancelled, timed out waiting, or triggered twice
        }
        String failure;
        try {
            failure = inputFailure();
        } catch (IllegalArgumentException e) { // a bad input_error_threshold: the app's own failure
            settle(AppState.NOT_RUN, AppState.ERROR, describe(e));
            return;
        }
        if (failure != null) {
            settle(AppState.NOT_RUN, AppState.ERROR, failure, true);
            return;
        }
        if (skipsRun()) {
            settle(AppState.NOT_RUN, AppState.SKIPPED, null);
            return;
        }
        try {
            attempts = limits();
        } catch (IllegalArgumentException e) { // a user app's parameters are not checked at load
            settle(AppState.NOT_RUN, AppState.ERROR, describe(e));
            return;
        }
        if (!move(true, AppState.NOT_RUN, AppState.RUNNING, true)) {
            return;
        }
        cancelTimer(); // the dependency timeout: the inputs are here
        attempt();
    }

    /**
     * Why the app fails without running (too many inputs failed), or null.
     *
     * @throws IllegalArgumentException if its input_error_threshold is not a number
     */
    private String inputFailure() {
        int n = inputCount() + predecessors;
        int errors = (int) INPUT_ERRORS.getVolatile(this);
        String inputCause = error; // from inputFailed, if any
        error = null;
        if (errors == 0) {
            return null;
        }
        long threshold = intParam(INPUT_ERROR_THRESHOLD);
        return errors * 100L > threshold * n ? errors + " of " + n + " inputs failed (input_error_threshold "
                + threshold + "%)" + (inputCause != null ? ": " + inputCause : "") : null;
    }

    private boolean skipsRun() {
        int n = inputCount() + predecessors;
        int skips = (int) INPUT_SKIPS.getVolatile(this);
        return skips > 0 && (skips == n || !blockSkip());
    }

    private boolean blockSkip() {
        try {
            return boolParam(BLOCK_SKIP);
        } catch (IllegalArgumentException e) { // not a boolean: DALiuGE's default
            return false;
        }
    }

    /** This app's n_tries, timeout and retry_delay; null when it runs once without a limit. */
    private Attempts limits() {
        long tries = intParam(N_TRIES);
        if (tries < 1) {
            throw new IllegalArgumentException("parameter 'n_tries' must be 1 or more: " + tries);
        }
        long timeout = limitMillis(TIMEOUT, execution.options().appTimeout());
        long delay = limitMillis(RETRY_DELAY, null);
        return tries == 1 && timeout == 0 ? null : new Attempts(tries, timeout, delay);
    }

    /**
     * A time limit in ms: the drop's parameter (seconds; 0 for none) if it sets one, else
     * {@code byDefault} (null: none). Only the spec's own keys count, not {@code applicationArgs}:
     * a Python function's argument named {@code timeout} is the function's, not a limit.
     */
    private long limitMillis(ParamSpec p, java.time.Duration byDefault) {
        Object raw = spec.params().get(p.name());
        if (raw == null) {
            return byDefault == null ? 0 : Math.max(1, byDefault.toMillis());
        }
        double s;
        try {
            s = (Double) ParamType.FLOAT.convert(raw);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("parameter '" + p.name() + "': " + e.getMessage(), e);
        }
        if (!(s >= 0) || Double.isInfinite(s)) {
            throw new IllegalArgumentException("parameter '" + p.name() + "' must be a number of seconds, or 0 for"
                    + " none: " + s);
        }
        return s == 0 ? 0 : Math.max(1, Math.round(s * 1000));
    }

    /**
     * Runs one attempt of the app on this worker and settles it, or arranges the next attempt:
     * at once, or after the retry delay (on a worker again, this thread is not held meanwhile).
     */
    private void attempt() {
        Attempts a = attempts;
        for (;;) {
            Throwable failure = null;
            boolean timedOut = false;
            synchronized (this) { // a cancel or a timeout interrupts under this lock
                runner = Thread.currentThread();
                if (a != null) {
                    a.attempt++;
                    a.timedOut = false;
                }
            }
            Scheduler.Scheduled limit = a == null || a.timeoutMillis == 0 ? null
                    : startTimeout(a, a.attempt);
            try (var s = MDC.putCloseable("sessionId", execution.sessionId());
                 var o = MDC.putCloseable("oid", oid())) {
                if (isCancelled()) { // cancelled before it could see this runner: it interrupted nobody
                    settle(AppState.RUNNING, AppState.CANCELLED, null);
                    return;
                }
                try {
                    skippedOutputs = null; // a failed attempt's choice does not hold for the next
                    skippedFollowers = null;
                    app.run(this);
                } catch (Throwable t) {
                    failure = t;
                } finally {
                    if (limit != null) {
                        limit.cancel();
                    }
                    synchronized (this) {
                        runner = null;
                        timedOut = a != null && a.timedOut;
                    }
                    Thread.interrupted(); // a cancel may have interrupted this worker; do not leak it to the next app
                }
                if (execState != AppState.RUNNING) {
                    return; // cancelled, or given up on after a timeout: settled already
                }
                if (execution.isEnding()) {
                    settle(AppState.RUNNING, AppState.CANCELLED, null);
                    return;
                }
                if (timedOut) {
                    failure = new java.util.concurrent.TimeoutException(a.timeoutMessage());
                }
                if (failure == null) {
                    settle(AppState.RUNNING, AppState.FINISHED, null);
                    return;
                }
                if (!retry(a, failure)) {
                    return;
                }
            }
        }
    }

    /**
     * After a failed attempt: settles the app in ERROR if it was the last (or the failure is not
     * one to try again), else resets the outputs and arranges the next attempt.
     *
     * @return true if the next attempt is to run at once on this thread
     */
    private boolean retry(Attempts a, Throwable failure) {
        String why = describe(failure);
        if (a == null || a.isLast() || failure instanceof Error) {
            String error = a == null || a.tries == 1 ? why : "attempt " + a.attempt + " of " + a.tries + " failed: " + why;
            log.warn("app {} ({}) failed: {}", oid(), spec.dropClass(), error, failure instanceof Error ? failure : null);
            settle(AppState.RUNNING, AppState.ERROR, error);
            return false;
        }
        String notReset = resetOutputs();
        if (notReset != null) {
            String error = "attempt " + a.attempt + " of " + a.tries + " failed: " + why + "; not tried again: " + notReset;
            log.warn("app {} failed: {}", oid(), error);
            settle(AppState.RUNNING, AppState.ERROR, error);
            return false;
        }
        long delay = a.delayMillis();
        log.warn("app {}: attempt {} of {} failed: {}; trying again{}", oid(), a.attempt, a.tries, why,
                delay == 0 ? "" : " in " + Attempts.seconds(delay));
        if (delay == 0) {
            return true;
        }
        keepTimer(execution.scheduler().schedule(() -> execution.schedule(this, this::nextAttempt), delay));
        return false;
    }

    /** A retry after its delay, on a worker. */
    private void nextAttempt() {
        if (execState == AppState.RUNNING && !state().isDone()) {
            attempt();
        }
    }

    /**
     * Empties what a failed attempt wrote, so that the next does not add to it. An output that
     * other producers write too cannot be reset: then the app is not tried again.
     *
     * @return why the outputs could not be reset, or null
     */
    private String resetOutputs() {
        for (int k = 0, n = outputCount(); k < n; k++) {
            AbstractDataDrop out = output(k);
            if (out.hasOtherProducers() && out.state() == DropState.WRITING) {
                return "output " + out.oid() + " was written to and has other producers";
            }
        }
        for (int k = 0, n = outputCount(); k < n; k++) {
            AbstractDataDrop out = output(k);
            if (!out.hasOtherProducers()) {
                try {
                    out.discardWrites();
                } catch (IOException | RuntimeException e) {
                    return "cannot empty output " + out.oid() + ": " + describe(e);
                }
            }
        }
        return null;
    }

    /** Starts the timer of one attempt; at its end the app is stopped as a cancel stops it. */
    private Scheduler.Scheduled startTimeout(Attempts a, int attempt) {
        return execution.scheduler().schedule(() -> execution.runOnWaiting(() -> timeOut(a, attempt)), a.timeoutMillis);
    }

    /**
     * Stops attempt {@code attempt} of the app, which ran out of time: interrupts its thread and
     * calls the app's cancel (kills a process group, a Python worker). Under the lock, so that it
     * cannot reach the next attempt. If the app still has not stopped after {@link #STOP_GRACE_MILLIS},
     * the app fails anyway and its thread is left to end by itself.
     */
    private void timeOut(Attempts a, int attempt) {
        synchronized (this) {
            Thread t = runner;
            if (t == null || a.attempt != attempt || execState != AppState.RUNNING) {
                return; // ended meanwhile
            }
            a.timedOut = true;
            t.interrupt();
            try (var s = MDC.putCloseable("sessionId", execution.sessionId());
                 var o = MDC.putCloseable("oid", oid())) {
                log.warn("app {}: {}{}: stopping it", oid(), a.tries == 1 ? "" : "attempt " + attempt + " of " + a.tries + " ",
                        a.timeoutMessage());
                try {
                    app.cancel();
                } catch (RuntimeException e) {
                    log.warn("app {}: error while stopping it: {}", oid(), e.toString());
                }
            }
        }
        execution.scheduler().schedule(() -> execution.runOnWaiting(() -> giveUp(a, attempt)), STOP_GRACE_MILLIS);
    }

    /** The timed-out attempt did not stop when told to: fail the app now, never hang the graph. */
    private void giveUp(Attempts a, int attempt) {
        synchronized (this) {
            if (runner == null || a.attempt != attempt) {
                return; // it stopped
            }
        }
        String why = a.timeoutMessage() + " (the app did not stop within " + Attempts.seconds(STOP_GRACE_MILLIS)
                + " of being told to; its thread was left to end by itself)";
        try (var s = MDC.putCloseable("sessionId", execution.sessionId());
             var o = MDC.putCloseable("oid", oid())) {
            if (settle(AppState.RUNNING, AppState.ERROR, why)) {
                log.warn("app {} failed: {}", oid(), why);
            }
        }
    }

    /**
     * Holds {@code t} for cancelling; if the app settled while it was being set, cancels it at
     * once (whoever settles moves the execution state before it cancels: one of the two sees the other).
     */
    private void keepTimer(Scheduler.Scheduled t) {
        timer = t;
        if (execState.isTerminal()) {
            cancelTimer();
        }
    }

    private void cancelTimer() {
        Scheduler.Scheduled t = timer;
        if (t != null) {
            timer = null;
            t.cancel();
        }
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }

    /** The app cannot be run (its executor refused it): it fails, so the session can end. */
    void refuse(String why) {
        AppState current = execState;
        if (current == AppState.NOT_RUN || current == AppState.RUNNING) {
            settle(current, AppState.ERROR, why);
        }
    }

    /**
     * Settles the app from {@code expected} (another thread may have settled it first: then
     * nothing happens) and tells its outputs, inputs and followers.
     *
     * @param why the error, for {@link AppState#ERROR}
     * @return true if this call settled it
     */
    private boolean settle(AppState expected, AppState outcome, String why) {
        return settle(expected, outcome, why, false);
    }

    /** As {@link #settle(AppState, AppState, String)}; {@code byInputs}: it fails because too many inputs failed. */
    private boolean settle(AppState expected, AppState outcome, String why, boolean byInputs) {
        if (!move(true, expected, outcome, true)) {
            return false; // settled meanwhile
        }
        cancelTimer();
        if (why != null) {
            error = why;
        }
        if (byInputs) {
            blameInputs(); // before the drop state's move below, which publishes it
        }
        transitionTo(outcome.settledDropState());
        if (remoteOutputs) { // sealed before the event below, on which their nodes read them
            settleOutputs(outcome, true);
        }
        execution.producerFinished(this, outcome);
        // inputs first: their data may go before the outputs' completion can end the session
        for (int k = 0, n = inputCount(); k < n; k++) {
            input(k).consumerFinished();
        }
        settleOutputs(outcome, false);
        for (int i = 0; i < followers.length; i++) {
            boolean skipped = outcome == AppState.FINISHED && skippedFollowers != null && skippedFollowers[i];
            followers[i].inputSettled(skipped ? DropState.SKIPPED : outcome.settledDropState());
        }
        execution.settled();
        return true;
    }

    /** Tells the outputs (the stand-ins for other nodes' drops, or the others) that this app settled. */
    private void settleOutputs(AppState outcome, boolean standIns) {
        for (int i = 0, n = outputCount(); i < n; i++) {
            AbstractDataDrop out = output(i);
            if (out instanceof RemoteOutputDrop == standIns) {
                boolean skipped = outcome == AppState.FINISHED && skippedOutputs != null && skippedOutputs[i];
                out.producerFinished(skipped ? AppState.SKIPPED : outcome);
            }
        }
    }

    /** A root app, or one named in a trigger: run it now. */
    void trigger() {
        if (execState == AppState.NOT_RUN) {
            execution.schedule(this);
        }
    }

    @Override
    void cancel() {
        if (transitionTo(AppState.CANCELLED)) {
            cancelTimer();
            transitionTo(DropState.CANCELLED);
            execution.producerFinished(this, AppState.CANCELLED);
            boolean running;
            synchronized (this) {
                Thread t = runner;
                running = t != null;
                if (running) {
                    t.interrupt();
                }
            }
            if (running) {
                try {
                    app.cancel();
                } catch (RuntimeException e) {
                    log.warn("app {}: error while cancelling: {}", oid(), e.toString());
                }
            }
            execution.settled();
        }
    }

    @Override
    void skipUnfinished() {
        if (tryTransitionTo(AppState.SKIPPED)) {
            cancelTimer();
            transitionTo(DropState.SKIPPED);
            execution.producerFinished(this, AppState.SKIPPED);
            execution.settled();
        } else if (execState == AppState.RUNNING) {
            cancel(); // an app cannot be skipped once it runs
        }
    }

    @Override
    String error() {
        return error;
    }

    @Override
    DropStatus status() {
        return new DropStatus(oid(), uid(), state(), execState, error);
    }

    Application app() {
        return app;
    }

    // ---- AppContext ----

    @Override
    public String sessionId() {
        return execution.sessionId();
    }

    @Override
    public Map<String, Object> params() {
        return Collections.unmodifiableMap(spec.params());
    }

    @Override
    public dlg.core.python.PythonWorkers python() {
        return execution.engine().python();
    }

    @Override
    public Path sessionDir() {
        return execution.sessionDir();
    }

    @Override
    public Path sharedMemoryDir() {
        return SHARED_MEMORY ? SharedMemoryDrop.SHM : execution.sessionDir();
    }

    @Override
    public List<DataDrop> inputs() {
        return OneOrMany.list(inputs);
    }

    @Override
    public List<DataDrop> outputs() {
        return OneOrMany.list(outputs);
    }

    @Override
    public String inputPort(int i) {
        return inputPorts == null ? null : inputPorts[i];
    }

    @Override
    public String outputPort(int i) {
        return outputPorts == null ? null : outputPorts[i];
    }

    @Override
    public Map<String, AppArg> appArgs() {
        return spec.appArgs();
    }

    @Override
    public Object param(String name) {
        AppArg arg = spec.appArgs().get(name);
        if (arg != null && arg.isInputPort() && inputPorts != null) {
            for (int i = 0, n = inputCount(); i < n; i++) {
                if (name.equals(inputPorts[i])) {
                    try {
                        return Encoding.of(arg.encoding()).read(input(i));
                    } catch (IOException e) {
                        throw new IllegalArgumentException("cannot read port '" + name + "' from drop '"
                                + input(i).oid() + "': " + e.getMessage(), e);
                    }
                }
            }
        }
        return spec.param(name);
    }

    @Override
    public void skipOutput(int i) {
        int n = outputCount();
        if (i < 0 || i >= n) {
            throw new IndexOutOfBoundsException("app " + oid() + " has " + n + " outputs, no output " + i);
        }
        if (skippedOutputs == null) {
            skippedOutputs = new boolean[n];
        }
        skippedOutputs[i] = true;
    }

    @Override
    public List<String> nextAppPorts() {
        return followerPorts == null ? Collections.nCopies(followers.length, null)
                : Collections.unmodifiableList(Arrays.asList(followerPorts));
    }

    @Override
    public void skipNextApp(int i) {
        if (i < 0 || i >= followers.length) {
            throw new IndexOutOfBoundsException("app " + oid() + " is linked straight to " + followers.length
                    + " apps, no app " + i);
        }
        if (skippedFollowers == null) {
            skippedFollowers = new boolean[followers.length];
        }
        skippedFollowers[i] = true;
    }

    @Override
    public boolean isCancelled() {
        Attempts a = attempts;
        return execState == AppState.CANCELLED || execution.isEnding() || (a != null && a.timedOut);
    }
}
