package dlg.manager.composite;

import dlg.core.graph.ParsedGraph;
import dlg.core.graph.RawJson;
import dlg.core.state.SessionState;
import dlg.manager.DropData;
import dlg.manager.DropRel;
import dlg.manager.SessionSummary;
import dlg.manager.SubManager;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A hand-written {@link SubManager} for the CompositeManager's tests: each call runs the lambda
 * the test gave, by default a no-op. Calls that must answer (questions, drop data, logs) fail
 * unless the test says what to answer, so a test cannot pass on an answer it never wrote.
 *
 * <pre>{@code
 * var nm = TestingDropManager.builder().onDeploy((id, uids) -> { throw new NoSessionException(id); }).build();
 * }</pre>
 */
final class TestingDropManager implements SubManager {

    /** A question and its arguments, answered by the test. */
    @FunctionalInterface
    interface Answer {
        RawJson answer(Query query, String... args);
    }

    private final Consumer<String> onCreateSession;
    private final Consumer<String> onDestroySession;
    private final Supplier<List<SessionSummary>> onSessions;
    private final Function<String, SessionState> onSessionStatus;
    private final BiConsumer<String, ParsedGraph> onAddGraphSpec;
    private final BiConsumer<String, List<String>> onDeploy;
    private final Consumer<String> onCancel;
    private final BiConsumer<String, List<String>> onTrigger;
    private final BiConsumer<String, Map<String, List<DropRel>>> onSubscriptions;
    private final Answer onAsk;
    private final BiFunction<String, String, DropData> onDropData;
    private final Function<String, DropData> onSessionLog;

    private TestingDropManager(Builder b) {
        onCreateSession = b.onCreateSession;
        onDestroySession = b.onDestroySession;
        onSessions = b.onSessions;
        onSessionStatus = b.onSessionStatus;
        onAddGraphSpec = b.onAddGraphSpec;
        onDeploy = b.onDeploy;
        onCancel = b.onCancel;
        onTrigger = b.onTrigger;
        onSubscriptions = b.onSubscriptions;
        onAsk = b.onAsk;
        onDropData = b.onDropData;
        onSessionLog = b.onSessionLog;
    }

    static Builder builder() {
        return new Builder();
    }

    @Override
    public void createSession(String sessionId) {
        onCreateSession.accept(sessionId);
    }

    @Override
    public void destroySession(String sessionId) {
        onDestroySession.accept(sessionId);
    }

    @Override
    public List<SessionSummary> sessions() {
        return onSessions.get();
    }

    @Override
    public SessionState sessionStatus(String sessionId) {
        return onSessionStatus.apply(sessionId);
    }

    @Override
    public void addGraphSpec(String sessionId, ParsedGraph part) {
        onAddGraphSpec.accept(sessionId, part);
    }

    @Override
    public void deploySession(String sessionId, List<String> completedUids) {
        onDeploy.accept(sessionId, completedUids);
    }

    @Override
    public void cancelSession(String sessionId) {
        onCancel.accept(sessionId);
    }

    @Override
    public void trigger(String sessionId, List<String> uids) {
        onTrigger.accept(sessionId, uids);
    }

    @Override
    public void addNodeSubscriptions(String sessionId, Map<String, List<DropRel>> relations) {
        onSubscriptions.accept(sessionId, relations);
    }

    @Override
    public RawJson ask(Query query, String... args) {
        query.check(args);
        return onAsk.answer(query, args);
    }

    @Override
    public DropData dropData(String sessionId, String oid) {
        return onDropData.apply(sessionId, oid);
    }

    @Override
    public DropData sessionLog(String sessionId) {
        return onSessionLog.apply(sessionId);
    }

    @Override
    public AutoCloseable follow(String sessionId, FeedListener listener) {
        return () -> { };
    }

    static final class Builder {
        private Consumer<String> onCreateSession = id -> { };
        private Consumer<String> onDestroySession = id -> { };
        private Supplier<List<SessionSummary>> onSessions = List::of;
        private Function<String, SessionState> onSessionStatus = id -> SessionState.PRISTINE;
        private BiConsumer<String, ParsedGraph> onAddGraphSpec = (id, g) -> { };
        private BiConsumer<String, List<String>> onDeploy = (id, uids) -> { };
        private Consumer<String> onCancel = id -> { };
        private BiConsumer<String, List<String>> onTrigger = (id, uids) -> { };
        private BiConsumer<String, Map<String, List<DropRel>>> onSubscriptions = (id, rels) -> { };
        private Answer onAsk = (q, args) -> {
            throw new IllegalStateException("TestingDropManager: no answer set for " + q);
        };
        private BiFunction<String, String, DropData> onDropData = (id, oid) -> {
            throw new IllegalStateException("TestingDropManager: no data set for " + oid);
        };
        private Function<String, DropData> onSessionLog = id -> {
            throw new IllegalStateException("TestingDropManager: no log set for " + id);
        };

        Builder onCreateSession(Consumer<String> f) {
            onCreateSession = Objects.requireNonNull(f);
            return this;
        }

        Builder onDestroySession(Consumer<String> f) {
            onDestroySession = Objects.requireNonNull(f);
            return this;
        }

        Builder onSessions(Supplier<List<SessionSummary>> f) {
            onSessions = Objects.requireNonNull(f);
            return this;
        }

        Builder onSessionStatus(Function<String, SessionState> f) {
            onSessionStatus = Objects.requireNonNull(f);
            return this;
        }

        Builder onAddGraphSpec(BiConsumer<String, ParsedGraph> f) {
            onAddGraphSpec = Objects.requireNonNull(f);
            return this;
        }

        Builder onDeploy(BiConsumer<String, List<String>> f) {
            onDeploy = Objects.requireNonNull(f);
            return this;
        }

        Builder onCancel(Consumer<String> f) {
            onCancel = Objects.requireNonNull(f);
            return this;
        }

        Builder onTrigger(BiConsumer<String, List<String>> f) {
            onTrigger = Objects.requireNonNull(f);
            return this;
        }

        Builder onSubscriptions(BiConsumer<String, Map<String, List<DropRel>>> f) {
            onSubscriptions = Objects.requireNonNull(f);
            return this;
        }

        Builder onAsk(Answer f) {
            onAsk = Objects.requireNonNull(f);
            return this;
        }

        Builder onDropData(BiFunction<String, String, DropData> f) {
            onDropData = Objects.requireNonNull(f);
            return this;
        }

        Builder onSessionLog(Function<String, DropData> f) {
            onSessionLog = Objects.requireNonNull(f);
            return this;
        }

        TestingDropManager build() {
            return new TestingDropManager(this);
        }
    }
}
