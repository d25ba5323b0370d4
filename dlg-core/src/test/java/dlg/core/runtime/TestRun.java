package dlg.core.runtime;

import ch.qos.logback.classic.Level;
import dlg.core.catalog.DropCatalog;
import dlg.core.graph.GraphReader;
import dlg.core.graph.GraphSpec;
import dlg.core.graph.ParsedGraph;
import dlg.core.state.AppState;
import dlg.core.state.DropState;
import dlg.core.state.SessionState;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * One graph deployed on its own engine, for tests: deploy, trigger, wait, look at states.
 *
 * <pre>{@code
 * try (TestRun run = TestRun.deploy(dir, graph)) {
 *     assertThat(run.runToEnd()).isEqualTo(SessionState.FINISHED);
 *     assertThat(run.state("C")).isEqualTo(DropState.COMPLETED);
 * }
 * }</pre>
 */
public final class TestRun implements AutoCloseable {

    /** Generous bound for a graph to end; tests never rely on it being reached. */
    public static final long TIMEOUT_SECONDS = 30;

    static {
        // per-transition DEBUG logs would slow the big graphs down and flood the output
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("dlg")).setLevel(Level.INFO);
    }

    public final Engine engine;
    public final GraphSpec spec;
    public final Execution execution;
    public final RecordingListener events;

    private TestRun(Engine engine, GraphSpec spec, Execution execution, RecordingListener events) {
        this.engine = engine;
        this.spec = spec;
        this.execution = execution;
        this.events = events;
    }

    public static TestRun deploy(Path dir, Graph graph) {
        return builder().deploy(dir, graph.json());
    }

    public static TestRun deploy(Path dir, String json) {
        return builder().deploy(dir, json);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Engine settings for a run. */
    public static final class Builder {
        private int threads = 2;
        private Workers workers;
        private Scheduler scheduler = Scheduler.system();
        private ExecutionOptions options = ExecutionOptions.DEFAULT;
        private Map<String, String> env = new HashMap<>(System.getenv());
        private boolean listen = true;
        private DropListener extraListener;
        private Clock clock = Clock.systemUTC();
        private List<RemoteLink> remoteLinks = List.of();
        private RemoteData remoteData = RemoteData.REFUSING;
        private AppTimings appTimings = AppTimings.NONE;

        /** Told how long each app ran. */
        public Builder appTimings(AppTimings t) {
            this.appTimings = t;
            return this;
        }

        public Builder clock(Clock c) {
            this.clock = c;
            return this;
        }

        /** Deploys the graph as one node's part, with these links to drops on other nodes. */
        public Builder remoteLinks(RemoteLink... links) {
            this.remoteLinks = List.of(links);
            return this;
        }

        /** Reads the data of remote inputs (default: refused). */
        public Builder remoteData(RemoteData d) {
            this.remoteData = d;
            return this;
        }

        public Builder threads(int n) {
            this.threads = n;
            return this;
        }

        /** The timer of time limits and retry delays (default: the shared one). */
        public Builder scheduler(Scheduler s) {
            this.scheduler = s;
            return this;
        }

        public Builder workers(Workers w) {
            this.workers = w;
            return this;
        }

        public Builder options(ExecutionOptions o) {
            this.options = o;
            return this;
        }

        public Builder env(Map<String, String> e) {
            this.env = e;
            return this;
        }

        /** Without a listener ({@link DropListener#NONE}): the engine's fast path. */
        public Builder noListener() {
            this.listen = false;
            return this;
        }

        /** Also call {@code l} on every event (after the recording listener). */
        public Builder listener(DropListener l) {
            this.extraListener = l;
            return this;
        }

        public TestRun deploy(Path dir, Graph graph) {
            return deploy(dir, graph.json());
        }

        public TestRun deploy(Path dir, String json) {
            return deploy(dir, GraphReader.read(json));
        }

        public TestRun deploy(Path dir, ParsedGraph parsed) {
            GraphSpec spec = new GraphSpec();
            spec.append(parsed, DropCatalog.standard());
            return deploy(dir, spec);
        }

        public TestRun deploy(Path dir, GraphSpec spec) {
            Engine engine = new Engine(DropCatalog.standard(), workers != null ? workers : Workers.create(threads, scheduler),
                    clock, options, env, remoteData, appTimings);
            RecordingListener events = new RecordingListener();
            DropListener l = !listen ? DropListener.NONE
                    : extraListener == null ? events
                    : e -> {
                        events.onEvent(e);
                        extraListener.onEvent(e);
                    };
            try {
                return new TestRun(engine, spec, engine.deploy("s1", dir, spec, l, remoteLinks), events);
            } catch (RuntimeException e) {
                engine.close();
                throw e;
            }
        }
    }

    // ---- Driving ----

    /** Triggers the graph's roots. */
    public TestRun trigger() {
        execution.trigger(spec.roots());
        return this;
    }

    public TestRun trigger(String... uids) {
        execution.trigger(List.of(uids));
        return this;
    }

    /** Waits (bounded) for the end of the run. */
    public SessionState await() {
        try {
            return execution.outcome().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the graph did not end: " + describeStates(), e);
        }
    }

    /** Triggers the roots and waits for the end. */
    public SessionState runToEnd() {
        return trigger().await();
    }

    public boolean isDone() {
        return execution.outcome().isDone();
    }

    // ---- Looking ----

    public DropStatus status(String oid) {
        int i = spec.indexOf(oid);
        if (i < 0) {
            throw new IllegalArgumentException("no drop " + oid);
        }
        return execution.status(i);
    }

    public DropState state(String oid) {
        return status(oid).status();
    }

    public AppState exec(String oid) {
        return status(oid).execStatus();
    }

    public String describeStates() {
        StringBuilder b = new StringBuilder();
        int[] shown = {0};
        execution.forEachStatus(s -> {
            if (shown[0]++ < 50) {
                b.append(s.oid()).append('=').append(s.status())
                        .append(s.execStatus() == null ? "" : "/" + s.execStatus()).append(' ');
            }
        });
        return b.toString();
    }

    @Override
    public void close() {
        if (!isDone()) {
            execution.cancel();
        }
        engine.close();
    }
}
