package dlg.core.runtime;

import dlg.core.app.DataDrop;
import dlg.core.error.InvalidDropException;
import dlg.core.graph.GraphSpec;
import dlg.core.graph.UidList;
import dlg.core.state.AppState;
import dlg.core.state.DropState;
import dlg.core.state.SessionState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The drops of one deployed graph and their run: triggering roots, counting states, noticing the
 * end. The graph ends when every drop has settled: FAILED if any drop is in ERROR, CANCELLED if
 * {@link #cancel()} was called, FINISHED otherwise.
 *
 * <p>On a node running part of a larger graph, the local drops linked to drops of other nodes
 * also wait for those drops' events ({@link #deliverRemote}); only the local drops make the end.
 *
 * <p>Threading: drops change state on whichever thread acts on them (app workers, the trigger
 * caller, the caller of {@link #deliverRemote}); bookkeeping here is lock-free (adders and one
 * atomic countdown), and listeners are called on that same thread.
 */
public final class Execution {

    private static final Logger log = LoggerFactory.getLogger(Execution.class);

    private final Engine engine;
    private final String sessionId;
    private final Path sessionDir;
    private final GraphSpec graph;
    private final DropListener listener;
    private final Drop[] drops;
    private final RemoteLinks remote;
    /** The links to drops of other nodes, each once. */
    private final List<RemoteLink> remoteLinks;
    private final int apps;
    private final StateCounts byState;
    private final StateCounts byAppState;
    private final AtomicInteger remaining;
    private final AtomicInteger errors = new AtomicInteger();
    private final CompletableFuture<SessionState> outcome = new CompletableFuture<>();
    private volatile boolean cancelled;
    private volatile boolean ending;
    /** When the drops were made (engine clock, ms); apps' start and end times count from it. */
    private final long startMillis;
    /** Null unless some drops are to hash their content. */
    private final ContentHashes contentHashes;

    Execution(Engine engine, String sessionId, Path sessionDir, GraphSpec graph, DropListener listener,
              List<RemoteLink> remoteLinks, IntPredicate hashContent) {
        this.engine = engine;
        this.contentHashes = hashContent == null ? null : ContentHashes.of(graph.size(), hashContent);
        this.sessionId = sessionId;
        this.sessionDir = sessionDir;
        this.graph = graph;
        this.listener = listener;
        this.startMillis = engine.clock().millis();
        Set<RemoteLink> links = RemoteLinks.check(graph, remoteLinks); // before any drop makes files
        this.drops = DropWiring.build(this, graph, engine.catalog(), engine.environment());
        this.remote = RemoteLinks.attach(this, graph, drops, links, engine.remoteData());
        this.remoteLinks = List.copyOf(links);
        int a = 0;
        for (Drop d : drops) {
            if (d instanceof ApplicationDrop) {
                a++;
            }
        }
        this.apps = a;
        this.byState = new StateCounts(DropState.values().length, DropState.INITIALIZED.ordinal(), drops.length);
        this.byAppState = new StateCounts(AppState.values().length, AppState.NOT_RUN.ordinal(), apps);
        this.remaining = new AtomicInteger(drops.length);
        if (drops.length == 0) {
            outcome.complete(SessionState.FINISHED);
        }
        if (options().dependencyTimeout() != null || graph.someDropSetsDependencyTimeout()) {
            // else no app waits with a limit: no pass over a million apps' parameters, mostly cache
            // misses on their specs (NM wide 1000000: deploy 1.72 s without it, 1.97 s with it)
            for (Drop d : drops) { // last: a timer may fire at once, and needs the bookkeeping above
                if (d instanceof ApplicationDrop app) {
                    app.deployed();
                }
            }
        }
    }

    public String sessionId() {
        return sessionId;
    }

    Engine engine() {
        return engine;
    }

    Path sessionDir() {
        return sessionDir;
    }

    ExecutionOptions options() {
        return engine.options();
    }

    /** Runs {@code action} once the graph has ended, however it ended (to free what outlives drops). */
    void whenEnded(Runnable action) {
        outcome.whenComplete((s, e) -> action.run());
    }

    boolean isEnding() {
        return ending;
    }

    public int size() {
        return drops.length;
    }

    // ---- Control ----

    /**
     * Completes the named root data drops and runs the named apps (DALiuGE's {@code completed}
     * list and {@code /trigger}). Every uid is checked before anything is triggered. Up to
     * {@link #TRIGGER_CHUNK} drops are then triggered at once; more are triggered in chunks on
     * the compute workers, as DALiuGE triggers them on a thread of its own: the call returns once
     * a million roots are checked, and their consumers start while the last chunks are being
     * completed.
     *
     * @throws InvalidDropException for a uid that is not in the graph
     */
    public void trigger(Collection<String> uids) {
        trigger(UidList.of(uids));
    }

    /** As {@link #trigger(Collection)}: a million uids read from a request, without a String each. */
    public void trigger(UidList uids) {
        Workers w = engine.workers();
        int[] indexes = UidLookup.indexes(graph, uids, w.compute(), w.parallelism());
        for (int k = 0; k < indexes.length; k++) {
            if (indexes[k] < 0) {
                String uid = uids.uid(k);
                throw new InvalidDropException(uid, "there is no drop with this uid in session " + sessionId);
            }
        }
        triggerAt(indexes);
    }

    /**
     * As {@link #trigger(Collection)}, for drops already found by their uids: their positions in
     * the graph ({@link GraphSpec#indexOfUid}), each checked by the caller.
     */
    public void triggerAt(int[] indexes) {
        if (indexes.length <= TRIGGER_CHUNK) { // a few: at once, cheaper than a hand-off
            trigger(indexes, 0, indexes.length);
            return;
        }
        for (int from = 0; from < indexes.length; from += TRIGGER_CHUNK) {
            int start = from;
            int end = Math.min(indexes.length, from + TRIGGER_CHUNK);
            Runnable chunk = () -> trigger(indexes, start, end);
            try {
                engine.workers().compute().execute(chunk);
            } catch (RejectedExecutionException e) { // shutting down: the drops are cancelled anyway
                chunk.run();
            }
        }
    }

    /** Roots triggered per task: big enough that a task costs nothing, small enough to spread over the workers. */
    static final int TRIGGER_CHUNK = 4096;

    private void trigger(int[] indexes, int from, int to) {
        for (int k = from; k < to; k++) {
            Drop d = drops[indexes[k]];
            try {
                // instanceof, not a switch on the drop's pattern (see DropWiring.create)
                if (d instanceof ApplicationDrop app) {
                    app.trigger();
                } else {
                    ((AbstractDataDrop) d).complete();
                }
            } catch (RuntimeException e) { // a drop's own failure is its own; one that escapes is a bug: never lose the rest
                log.error("session {}: triggering {} failed", sessionId, d.oid(), e);
            }
        }
    }

    /** Cancels every drop that has not settled; running apps are interrupted (child processes killed). */
    public void cancel() {
        cancelled = true;
        ending = true;
        for (Drop d : drops) {
            d.cancel();
        }
    }

    /**
     * Delivers an event of a drop on another node, as DALiuGE's event subscriber does: a
     * {@code DROP_COMPLETED} of a remote data drop settles the remote input of local apps, a
     * {@code PRODUCER_FINISHED} of a remote app counts for the local data drops it writes
     * ({@code status} COMPLETED: it finished; ERROR; SKIPPED). The local drops then go on as with
     * a local neighbour, on the calling thread. Events may come before {@link #trigger} (the other
     * node ran first). Thread-safe, and itself lock-free: a map lookup and a compare-and-set.
     *
     * @return true if the event moved something here; false if it was ignored: another type, a
     *     status that does not settle a drop, a uid not in {@link #remoteUids()}, or a duplicate
     *     (only a remote drop's first event counts)
     */
    public boolean deliverRemote(String remoteUid, DropEvent.Type type, DropState status) {
        return deliverRemote(remoteUid, type, status, null);
    }

    /**
     * As {@link #deliverRemote(String, DropEvent.Type, DropState)}, with the remote drop's whole
     * {@code content} when it came with the event (local apps then read it from there), else null.
     */
    public boolean deliverRemote(String remoteUid, DropEvent.Type type, DropState status, byte[] content) {
        Objects.requireNonNull(remoteUid, "remoteUid");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
        return remote.deliver(remoteUid, type, status, content);
    }

    /**
     * The node holding these remote drops is lost (it stopped answering): every local drop still
     * waiting for one of them fails with {@code cause}, as if the remote drop had failed, so the
     * run ends FAILED instead of waiting for ever. Remote drops that settled already are left
     * alone; uids not in {@link #remoteUids()} are ignored. Thread-safe.
     *
     * @return how many of the remote drops had not settled yet
     */
    public int remoteLost(Collection<String> remoteUids, String cause) {
        Objects.requireNonNull(remoteUids, "remoteUids");
        Objects.requireNonNull(cause, "cause");
        return remote.lost(remoteUids, cause);
    }

    /** The uids of the drops on other nodes whose events this execution needs. */
    public Set<String> remoteUids() {
        return remote.uids();
    }

    /** How the graph ended: FINISHED, FAILED or CANCELLED. */
    public CompletableFuture<SessionState> outcome() {
        return outcome.copy();
    }

    // ---- Queries ----

    public ExecutionCounts counts() {
        long[] s = byState.sum();
        long done = 0;
        for (DropState st : DropState.values()) {
            if (st.isDone()) {
                done += s[st.ordinal()];
            }
        }
        long[] a = byAppState.sum();
        return new ExecutionCounts(drops.length, apps, s, a, done);
    }

    /** The drop at position {@code index} of the graph (for this package's tests). */
    Drop drop(int index) {
        return drops[index];
    }

    /** Status of the drop at position {@code index} of the graph. */
    public DropStatus status(int index) {
        return drops[index].status();
    }

    /**
     * The drop state of the drop at {@code index}: the same as {@link #status(int)}{@code .status()}
     * without making a record, for callers that scan every drop.
     */
    public DropState state(int index) {
        return drops[index].state();
    }

    /** The execution state of the drop at {@code index} if it is an application; null for a data drop. */
    public AppState execState(int index) {
        return drops[index] instanceof ApplicationDrop a ? a.execState() : null;
    }

    /** When the drops were made, in the engine clock's epoch milliseconds. */
    public long startMillis() {
        return startMillis;
    }

    /**
     * When the application at {@code index} started running, in epoch milliseconds; -1 for a data
     * drop or an app that has not run.
     */
    public long startedMillis(int index) {
        return drops[index] instanceof ApplicationDrop a && a.startedAt() > 0 ? startMillis + a.startedAt() : -1;
    }

    /**
     * When the drop at {@code index} settled (an app ended, data completed or failed, or either was
     * skipped or cancelled), in epoch milliseconds; -1 if it has not.
     */
    public long endedMillis(int index) {
        int at = drops[index].settledAt();
        return at > 0 ? startMillis + at : -1;
    }

    /**
     * Whether the drop at {@code index} is in ERROR having failed on its own (its app raised,
     * timed out, had bad parameters, ...), not because of its inputs (a producer failed, too many
     * inputs failed, an input's node was lost). The drops of a session that failed on their own
     * are its failures' root causes.
     */
    public boolean failedOnItsOwn(int index) {
        return drops[index].failedOnItsOwn();
    }

    /** The links of this node's drops to drops of other nodes, each once. */
    public List<RemoteLink> remoteLinks() {
        return remoteLinks;
    }

    /**
     * When remote drop {@code uid}, an input of local apps, was known here to have failed (its
     * event came, or its node was lost), epoch ms; -1 if it did not fail or no local app reads it.
     */
    public long remoteInputFailedMillis(String uid) {
        RemoteInputDrop d = remote.input(uid);
        return d != null && d.state() == DropState.ERROR && d.settledAt() > 0 ? startMillis + d.settledAt() : -1;
    }

    /** Milliseconds since {@link #startMillis()}, at least 1 (0 means "not yet" to the drops). */
    int sinceStart() {
        long d = engine.clock().millis() - startMillis;
        return d < 1 ? 1 : d > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) d;
    }

    /** Position of the drop with this oid, or -1. */
    public int indexOf(String oid) {
        return graph.indexOf(oid);
    }

    /** Position of the drop with this uid (DALiuGE's name for a drop across nodes), or -1. */
    public int indexOfUid(String uid) {
        return graph.indexOfUid(uid);
    }

    /**
     * The stand-in this node keeps for drop {@code uid} of another node, which a local app
     * writes: the content that node reads from here (see {@link RemoteOutputDrop}). Empty when
     * no local app writes a drop with this uid held elsewhere.
     */
    public Optional<DataDrop> remoteOutput(String uid) {
        return Optional.ofNullable(remote.output(uid));
    }

    /** The state of {@link #remoteOutput(String) the stand-in} of {@code uid}, if there is one. */
    public Optional<DropState> remoteOutputState(String uid) {
        RemoteOutputDrop d = remote.output(uid);
        return d == null ? Optional.empty() : Optional.of(d.state());
    }

    /** The data of the drop at position {@code index}, or empty for an application drop. */
    public Optional<DataDrop> data(int index) {
        return drops[index] instanceof AbstractDataDrop d ? Optional.of(d) : Optional.empty();
    }

    /**
     * The SHA3-256 (hex) of the content the drop had when it settled, for an InMemoryDROP or
     * FileDROP that was asked to hash it at deploy; null for any other drop.
     */
    public String contentHash(int index) {
        return contentHashes != null && contentHashes.wants(index) && hashesContent(drops[index])
                ? contentHashes.get(index) : null;
    }

    private static boolean hashesContent(Drop d) {
        return d instanceof InMemoryDrop || d instanceof FileDrop;
    }

    /** A data drop settles: takes its content's hash if it was asked for, before the data can go. */
    void dataSettling(AbstractDataDrop drop) {
        if (contentHashes != null && hashesContent(drop)) {
            int i = graph.indexOf(drop.oid());
            if (i >= 0 && contentHashes.wants(i)) {
                contentHashes.take(i, drop);
            }
        }
    }

    public void forEachStatus(Consumer<DropStatus> sink) {
        for (Drop d : drops) {
            sink.accept(d.status());
        }
    }

    /** Up to {@code max} drops in ERROR, with why. */
    public List<DropStatus> failures(int max) {
        List<DropStatus> out = new ArrayList<>();
        if (errors.get() == 0) {
            return out;
        }
        for (Drop d : drops) {
            if (d.state() == DropState.ERROR && out.size() < max) {
                out.add(d.status());
            }
        }
        return out;
    }

    // ---- Called by drops ----

    void schedule(ApplicationDrop app) {
        schedule(app, app);
    }

    /** Runs {@code task} of {@code app} (its run, or its next attempt) on the workers its kind of app uses. */
    void schedule(ApplicationDrop app, Runnable task) {
        Workers w = engine.workers();
        try {
            (app.waits() ? w.waiting() : w.compute()).execute(task);
        } catch (RejectedExecutionException e) {
            log.error("session {}: cannot run app {}: the engine is shutting down", sessionId, app.oid());
            app.refuse("cannot run: the engine is shutting down");
        } catch (RuntimeException e) { // app.waits() itself failed: let the run report it
            w.compute().execute(task);
        }
    }

    /** The timer of the drops' time limits and retry delays. */
    Scheduler scheduler() {
        return engine.workers().scheduler();
    }

    /** Runs what a timer found to do on a worker that may wait (stopping an app may take a while). */
    void runOnWaiting(Runnable task) {
        try {
            engine.workers().waiting().execute(task);
        } catch (RejectedExecutionException e) {
            log.debug("session {}: engine shutting down, timer task dropped", sessionId);
        }
    }

    void stateChanged(Drop drop, DropState from, DropState to) {
        byState.moved(from.ordinal(), to.ordinal());
        if (listener.wants(DropEvent.Type.STATUS)) {
            emit(DropEvent.Type.STATUS, drop, to, drop instanceof ApplicationDrop a ? a.execState() : null);
        }
        if (to == DropState.ERROR && !from.isDone()) {
            errors.incrementAndGet();
        }
    }

    /**
     * A drop has settled and told its consumers and the listener so; the last one to do so ends
     * the graph (so that whoever waits for the end sees every event, as DALiuGE's leaves fire
     * theirs before the session finishes). Called once per drop.
     */
    void settled() {
        if (remaining.decrementAndGet() == 0) {
            finish();
        }
    }

    void execStateChanged(ApplicationDrop app, AppState from, AppState to) {
        byAppState.moved(from.ordinal(), to.ordinal());
        if (from == AppState.RUNNING) {
            timed(app, to);
        }
        if (listener.wants(DropEvent.Type.EXEC_STATUS)) {
            emit(DropEvent.Type.EXEC_STATUS, app, app.state(), to);
        }
    }

    /** Tells the engine's {@link AppTimings} how long {@code app} ran (its start is stamped to the millisecond). */
    private void timed(ApplicationDrop app, AppState outcome) {
        int started = app.startedAt();
        if (started <= 0) {
            return;
        }
        try {
            engine.appTimings().ran(app.spec.dropClass(), Math.max(0, sinceStart() - started), outcome);
        } catch (RuntimeException e) {
            log.warn("session {}: app timings failed on {}: {}", sessionId, app.oid(), e.toString());
        }
    }

    /** An app settled, its drop state included (DALiuGE fires producerFinished after setting it). */
    void producerFinished(ApplicationDrop app, AppState outcome) {
        if (listener.wants(DropEvent.Type.PRODUCER_FINISHED)) {
            emit(DropEvent.Type.PRODUCER_FINISHED, app, app.state(), outcome);
        }
    }

    /**
     * A data drop settled. A completed drop that apps of other nodes read takes its content along
     * when it is small ({@link DropEvent#INLINED_MAX}): they then read it without a request.
     */
    void dataSettled(AbstractDataDrop drop, DropState state) {
        if (listener.wants(DropEvent.Type.DROP_COMPLETED)) {
            byte[] content = state == DropState.COMPLETED && drop.readElsewhere()
                    ? drop.smallContent(DropEvent.INLINED_MAX) : null;
            emit(DropEvent.Type.DROP_COMPLETED, drop, state, null, content);
        }
    }

    /** An EndDROP completed: whatever has not settled is skipped, and the session finishes. */
    void endEarly(Drop end) {
        log.info("session {}: EndDROP {} completed, skipping what has not run", sessionId, end.oid());
        ending = true;
        for (Drop d : drops) {
            d.skipUnfinished();
        }
    }

    private void emit(DropEvent.Type type, Drop drop, DropState status, AppState exec) {
        emit(type, drop, status, exec, null);
    }

    private void emit(DropEvent.Type type, Drop drop, DropState status, AppState exec, byte[] content) {
        try {
            listener.onEvent(new DropEvent(type, sessionId, drop.oid(), drop.uid(), status, exec,
                    engine.clock().millis(), content));
        } catch (RuntimeException e) {
            log.warn("session {}: drop listener failed on {} of {}: {}", sessionId, type, drop.oid(), e.toString());
        }
    }

    private void finish() {
        SessionState end = cancelled ? SessionState.CANCELLED
                : errors.get() > 0 ? SessionState.FAILED : SessionState.FINISHED;
        log.debug("session {}: all {} drops settled, {}", sessionId, drops.length, end);
        outcome.complete(end);
    }
}
