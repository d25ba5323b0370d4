package dlg.core.runtime;

import dlg.core.app.DataDrop;
import dlg.core.graph.DropSpec;
import dlg.core.state.AppState;
import dlg.core.state.DropState;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A data drop: written by its producers, read by its consumers. It completes when its last
 * producer finishes (or when triggered, for a root), fails if a producer failed, and is skipped
 * if all its producers were. Once every consumer has finished, expire-after-use data is released.
 *
 * <p>Counters are plain ints updated through VarHandles: no lock and no allocation per event.
 */
abstract sealed class AbstractDataDrop extends Drop implements DataDrop
        permits InMemoryDrop, FileBackedDrop, NullDrop, RemoteInputDrop, SharedMemoryDrop {

    static final ApplicationDrop[] NO_APPS = new ApplicationDrop[0];

    private static final VarHandle PENDING_PRODUCERS;
    private static final VarHandle PRODUCER_ERRORS;
    private static final VarHandle UNSKIPPED_PRODUCERS;
    private static final VarHandle PENDING_CONSUMERS;

    static {
        try {
            var l = MethodHandles.lookup();
            PENDING_PRODUCERS = l.findVarHandle(AbstractDataDrop.class, "pendingProducers", int.class);
            PRODUCER_ERRORS = l.findVarHandle(AbstractDataDrop.class, "producerErrors", int.class);
            UNSKIPPED_PRODUCERS = l.findVarHandle(AbstractDataDrop.class, "unskippedProducers", int.class);
            PENDING_CONSUMERS = l.findVarHandle(AbstractDataDrop.class, "pendingConsumers", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Its consumers, as {@link OneOrMany} holds them. */
    private Object consumers;
    private int pendingProducers;
    private int producerErrors;
    /** Producers not (yet) reported skipped, from their number down: none left means all were skipped. */
    private int unskippedProducers;
    private int pendingConsumers;
    /** Written by more than one app (here or on other nodes). */
    private boolean sharedProducers;
    /** Read by apps of other nodes: its small content travels with its event ({@link #smallContent}). */
    private boolean readElsewhere;
    private final boolean releaseAfterUse;

    AbstractDataDrop(DropSpec spec, Execution execution, boolean releaseAfterUse) {
        super(spec, execution);
        this.releaseAfterUse = releaseAfterUse;
    }

    /**
     * Called once wiring is done, with how many apps of this node write the drop (they report by
     * {@link #producerFinished}: the drop keeps no reference to them) and the apps that read it.
     */
    void wired(int producerCount, ApplicationDrop... consumers) {
        hold(producerCount, OneOrMany.of(consumers), consumers.length);
    }

    /**
     * As {@link #wired(int, ApplicationDrop...)} for a drop read by one app, the most common: no
     * array is made for it (the wiring calls this for every such drop of a graph).
     */
    void wired(int producerCount, ApplicationDrop consumer) {
        hold(producerCount, Objects.requireNonNull(consumer, "consumer"), 1);
    }

    private void hold(int producerCount, Object consumers, int consumerCount) {
        this.consumers = consumers;
        this.pendingProducers = producerCount;
        this.unskippedProducers = producerCount;
        this.pendingConsumers = consumerCount;
        this.sharedProducers = producerCount > 1;
    }

    /** Producers of this node that have not reported yet (all of them before the run). */
    final int pendingProducers() {
        return pendingProducers;
    }

    final int consumerCount() {
        return OneOrMany.count(consumers);
    }

    /** Consumer {@code k} (0 to {@link #consumerCount()} - 1). */
    final ApplicationDrop consumer(int k) {
        return OneOrMany.at(consumers, k);
    }

    /**
     * Adds producers and consumers held by other nodes, after wiring and before the run. Remote
     * producers count as local ones. Remote consumers never report back here, so the pending
     * consumers never drop to zero: the data is kept for the node that will read it.
     */
    void remoteLinks(int producerCount, int consumerCount) {
        // before the run, every producer of this node is still pending
        sharedProducers |= producerCount > 0 && pendingProducers + producerCount > 1;
        pendingProducers += producerCount;
        unskippedProducers += producerCount;
        pendingConsumers += consumerCount;
        readElsewhere |= consumerCount > 0;
    }

    /** Whether apps of other nodes read this drop (set before the run). */
    final boolean readElsewhere() {
        return readElsewhere;
    }

    /**
     * A copy of the whole content if it is held in memory and at most {@code max} bytes, for
     * another node's readers to take with the drop's event; null otherwise (they fetch it).
     */
    byte[] smallContent(int max) {
        return null;
    }

    // ---- Storage, per kind ----

    abstract void writeBytes(byte[] data, int offset, int length) throws IOException;

    /** Makes the data final before the drop turns COMPLETED (close a file, create it if never written). */
    void seal() throws IOException {
    }

    /** Empties what was written so far (its only producer is about to try again). */
    void truncate() throws IOException {
    }

    /** Frees the data once nobody will read it again. */
    void release() {
    }

    /**
     * Whether the drop is one of its execution's: only those are counted, reported to listeners
     * and make the end of the run. A stand-in for a drop of another node is not.
     */
    boolean ofThisExecution() {
        return true;
    }

    // ---- DataDrop, for apps ----

    @Override
    public final void write(byte[] data, int offset, int length) throws IOException {
        startWriting();
        writeBytes(data, offset, length);
    }

    @Override
    public final void adopt(Path file) throws IOException {
        startWriting();
        adoptFile(file);
    }

    private void startWriting() throws IOException {
        DropState s = state();
        if (s == DropState.INITIALIZED) {
            transitionTo(DropState.WRITING);
            s = state();
        }
        if (s != DropState.WRITING) {
            throw new IOException("drop '" + oid() + "' is " + s + ": it cannot be written any more");
        }
    }

    /** Storage: takes a whole file as the content; by default copies it in and deletes it. */
    void adoptFile(Path file) throws IOException {
        DataDrop.super.adopt(file);
    }

    /** Whether an app other than the one asking writes this drop too (its writes cannot be told apart). */
    final boolean hasOtherProducers() {
        return sharedProducers;
    }

    /**
     * Empties the drop before its only producer's next attempt, so that what a failed attempt
     * wrote is not there twice. The drop stays WRITING if it was: the state machine has no way
     * back, and its consumers have not seen it yet.
     */
    final void discardWrites() throws IOException {
        if (!state().isDone()) {
            truncate();
        }
    }

    // ---- Events from producers, consumers and triggers ----

    /** A producer settled; the last one to do so settles this drop. */
    final void producerFinished(AppState outcome) {
        if (outcome == AppState.ERROR) {
            PRODUCER_ERRORS.getAndAdd(this, 1);
        } else if (outcome == AppState.SKIPPED) {
            UNSKIPPED_PRODUCERS.getAndAdd(this, -1);
        }
        if ((int) PENDING_PRODUCERS.getAndAdd(this, -1) == 1) {
            if ((int) PRODUCER_ERRORS.getVolatile(this) > 0) {
                failBecauseOfInputs("a producer failed");
            } else if ((int) UNSKIPPED_PRODUCERS.getVolatile(this) == 0) {
                skip();
            } else {
                complete();
            }
        }
    }

    /** Completes the drop (its producers are done, or it is a root being triggered) and tells its consumers. */
    final void complete() {
        if (state().isDone()) {
            return;
        }
        try {
            seal();
        } catch (IOException e) {
            fail("cannot complete: " + e.getMessage());
            return;
        }
        if (transitionTo(DropState.COMPLETED)) {
            if (ofThisExecution()) {
                execution.dataSettling(this);
            }
            completed();
            notifyConsumers(DropState.COMPLETED);
            settledHere();
        }
    }

    /** Hook run after the drop turned COMPLETED, before its consumers hear of it. */
    void completed() {
    }

    private volatile String error;

    /** Fails the drop unless it settled meanwhile (e.g. it was triggered, or cancelled). */
    final void fail(String why) {
        fail(why, false);
    }

    /** Fails the drop because a producer failed (or its node was lost), not on its own. */
    final void failBecauseOfInputs(String why) {
        fail(why, true);
    }

    private void fail(String why, boolean byInputs) {
        if (state().isDone()) {
            return;
        }
        error = why;
        if (byInputs) {
            blameInputs();
        }
        if (tryTransitionTo(DropState.ERROR)) {
            if (ofThisExecution()) {
                execution.dataSettling(this);
            }
            release();
            notifyConsumers(DropState.ERROR);
            settledHere();
        }
    }

    final void skip() {
        if (tryTransitionTo(DropState.SKIPPED)) {
            notifyConsumers(DropState.SKIPPED);
            settledHere();
        }
    }

    private void settledHere() {
        if (ofThisExecution()) {
            execution.settled();
        }
    }

    private void notifyConsumers(DropState settled) {
        if (ofThisExecution()) {
            execution.dataSettled(this, settled);
        }
        for (int k = 0, n = consumerCount(); k < n; k++) {
            consumer(k).inputSettled(settled);
        }
    }

    /** A consumer settled; after the last one the data can go. Leaves keep theirs (they are results). */
    final void consumerFinished() {
        if ((int) PENDING_CONSUMERS.getAndAdd(this, -1) == 1) {
            lastConsumerFinished();
        }
    }

    /** Every consumer finished (never for a drop read on other nodes): an expire-after-use drop's data goes. */
    void lastConsumerFinished() {
        if (releaseAfterUse && execution.options().releaseData() && state() == DropState.COMPLETED) {
            if (transitionTo(DropState.EXPIRED)) {
                release();
            }
        }
    }

    // a producer may be completing the drop at this very moment: whoever moves first wins

    @Override
    final void cancel() {
        if (tryTransitionTo(DropState.CANCELLED)) {
            release();
            execution.settled();
        }
    }

    @Override
    final void skipUnfinished() {
        if (tryTransitionTo(DropState.SKIPPED)) {
            execution.settled();
        }
    }

    @Override
    final String error() {
        return error;
    }

    @Override
    final DropStatus status() {
        return new DropStatus(oid(), uid(), state(), null, error);
    }
}
