package dlg.core.runtime;

import dlg.core.app.AppContext;
import dlg.core.app.Application;
import dlg.core.app.DataDrop;
import dlg.core.app.ParamSpec;
import dlg.core.codec.Encoding;
import dlg.core.graph.AppArg;
import dlg.core.graph.DropSpec;
import dlg.core.state.AppState;
import dlg.core.state.DropState;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
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
 * then completes (or fails) its outputs. {@link #transitionTo(AppState)} is the only place its
 * execution state changes.
 *
 * <p>The drop is itself the task handed to the executor and the context handed to the app, so
 * running an app allocates nothing of the engine's.
 */
final class ApplicationDrop extends Drop implements AppContext, Runnable {

    private static final Logger log = LoggerFactory.getLogger(ApplicationDrop.class);
    static final AbstractDataDrop[] NO_DATA = new AbstractDataDrop[0];
    private static final ApplicationDrop[] NO_APPS = new ApplicationDrop[0];
    static final ParamSpec INPUT_ERROR_THRESHOLD = ParamSpec.ofInt("input_error_threshold", 0);
    static final ParamSpec N_TRIES = ParamSpec.ofInt("n_tries", 1);
    /** DALiuGE's {@code block_skip}: run unless every input was skipped (a join after a branch). */
    static final ParamSpec BLOCK_SKIP = ParamSpec.ofBool("block_skip", false);

    private static final VarHandle EXEC_STATE;
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
    AbstractDataDrop[] inputs = NO_DATA;
    AbstractDataDrop[] outputs = NO_DATA;
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
        this.inputs = inputs;
        this.inputPorts = inputPorts;
        this.outputs = outputs;
        this.outputPorts = outputPorts;
        this.pendingInputs = inputs.length + predecessors;
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
        int local = inputs.length;
        inputs = Arrays.copyOf(inputs, local + remote.length);
        System.arraycopy(remote, 0, inputs, local, remote.length);
        if (inputPorts != null) {
            inputPorts = Arrays.copyOf(inputPorts, inputs.length);
        }
        pendingInputs += remote.length;
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

    /** The only place the execution state changes; same contract as {@link Drop#transitionTo(DropState)}. */
    private boolean transitionTo(AppState target) {
        return move(target, true);
    }

    /** Moves to {@code target} if the app still can; same contract as {@link Drop#tryTransitionTo(DropState)}. */
    private boolean tryTransitionTo(AppState target) {
        return move(target, false);
    }

    private boolean move(AppState target, boolean strict) {
        for (;;) {
            AppState current = execState;
            if (current == target) {
                return false;
            }
            if (!current.canMoveTo(target)) {
                if (!strict || current.isTerminal()) {
                    return false;
                }
                throw new IllegalStateException("app " + oid() + ": illegal transition " + current + " -> " + target);
            }
            if (EXEC_STATE.compareAndSet(this, current, target)) {
                if (target == AppState.RUNNING) {
                    startedAt = execution.sinceStart();
                }
                execution.execStateChanged(this, current, target);
                return true;
            }
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
            error = cause; // read and replaced in decide(): the app has not run, it waits for this input
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

    /** Runs on a worker: decides, runs the app, settles, tells outputs and inputs. */
    @Override
    public void run() {
        if (execState != AppState.NOT_RUN || state().isDone()) {
            return; // cancelled, or triggered twice
        }
        AppState outcome = decide();
        if (outcome == AppState.RUNNING) {
            if (!transitionTo(AppState.RUNNING)) {
                return;
            }
            outcome = execute();
        }
        settle(outcome);
    }

    private AppState decide() {
        int n = inputs.length + predecessors;
        int errors = (int) INPUT_ERRORS.getVolatile(this);
        String inputCause = error; // from inputFailed, if any
        error = null;
        if (errors > 0) {
            long threshold;
            try {
                threshold = intParam(INPUT_ERROR_THRESHOLD);
            } catch (IllegalArgumentException e) { // a user app's parameters are not checked at load
                error = describe(e);
                return AppState.ERROR;
            }
            if (errors * 100L > threshold * n) {
                error = errors + " of " + n + " inputs failed (input_error_threshold " + threshold + "%)"
                        + (inputCause != null ? ": " + inputCause : "");
                return AppState.ERROR;
            }
        }
        int skips = (int) INPUT_SKIPS.getVolatile(this);
        if (skips > 0 && (skips == n || !blockSkip())) {
            return AppState.SKIPPED;
        }
        return AppState.RUNNING;
    }

    private boolean blockSkip() {
        try {
            return boolParam(BLOCK_SKIP);
        } catch (IllegalArgumentException e) { // not a boolean: DALiuGE's default
            return false;
        }
    }

    private AppState execute() {
        runner = Thread.currentThread();
        try (var s = MDC.putCloseable("sessionId", execution.sessionId());
             var o = MDC.putCloseable("oid", oid())) {
            if (isCancelled()) { // cancelled before it could see this runner: it interrupted nobody
                return AppState.CANCELLED;
            }
            long tries = Math.max(1, intParam(N_TRIES));
            for (long attempt = 1; ; attempt++) {
                try {
                    skippedOutputs = null; // a failed attempt's choice does not hold for the next
                    skippedFollowers = null;
                    app.run(this);
                    return AppState.FINISHED;
                } catch (Throwable t) {
                    if (isCancelled()) {
                        return AppState.CANCELLED;
                    }
                    if (attempt >= tries || t instanceof Error) {
                        error = describe(t);
                        log.warn("app {} ({}) failed: {}", oid(), spec.dropClass(), error, t instanceof Error ? t : null);
                        return AppState.ERROR;
                    }
                    log.info("app {} failed (attempt {} of {}), trying again: {}", oid(), attempt, tries, describe(t));
                }
            }
        } catch (IllegalArgumentException e) { // n_tries itself is bad
            error = describe(e);
            return AppState.ERROR;
        } finally {
            synchronized (this) { // a cancel interrupts under this lock: none can come after this block
                runner = null;
            }
            Thread.interrupted(); // a cancel may have interrupted this worker; do not leak it to the next app
        }
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }

    /** The app cannot be run at all (its executor refused it): it fails, so the session can end. */
    void refuse(String why) {
        if (execState == AppState.NOT_RUN) {
            error = why;
            settle(AppState.ERROR);
        }
    }

    private void settle(AppState outcome) {
        if (!transitionTo(outcome)) {
            return; // cancelled meanwhile
        }
        transitionTo(outcome.settledDropState());
        execution.producerFinished(this, outcome);
        // inputs first: their data may go before the outputs' completion can end the session
        for (AbstractDataDrop in : inputs) {
            in.consumerFinished();
        }
        for (int i = 0; i < outputs.length; i++) {
            boolean skipped = outcome == AppState.FINISHED && skippedOutputs != null && skippedOutputs[i];
            outputs[i].producerFinished(skipped ? AppState.SKIPPED : outcome);
        }
        for (int i = 0; i < followers.length; i++) {
            boolean skipped = outcome == AppState.FINISHED && skippedFollowers != null && skippedFollowers[i];
            followers[i].inputSettled(skipped ? DropState.SKIPPED : outcome.settledDropState());
        }
        execution.settled();
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
    public List<DataDrop> inputs() {
        return Collections.unmodifiableList(Arrays.asList(inputs));
    }

    @Override
    public List<DataDrop> outputs() {
        return Collections.unmodifiableList(Arrays.asList(outputs));
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
            for (int i = 0; i < inputs.length; i++) {
                if (name.equals(inputPorts[i])) {
                    try {
                        return Encoding.of(arg.encoding()).read(inputs[i]);
                    } catch (IOException e) {
                        throw new IllegalArgumentException("cannot read port '" + name + "' from drop '"
                                + inputs[i].oid() + "': " + e.getMessage(), e);
                    }
                }
            }
        }
        return spec.param(name);
    }

    @Override
    public void skipOutput(int i) {
        if (i < 0 || i >= outputs.length) {
            throw new IndexOutOfBoundsException("app " + oid() + " has " + outputs.length + " outputs, no output " + i);
        }
        if (skippedOutputs == null) {
            skippedOutputs = new boolean[outputs.length];
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
        return execState == AppState.CANCELLED || execution.isEnding();
    }
}
