package dlg.daemon;

import dlg.core.graph.GraphReader;
import dlg.core.graph.GraphSpec;
import dlg.core.graph.ParsedGraph;
import dlg.core.graph.UidList;
import dlg.core.runtime.DropListener;
import dlg.core.runtime.Engine;
import dlg.core.runtime.Execution;
import dlg.core.runtime.RemoteData;
import dlg.core.runtime.Workers;
import dlg.core.state.SessionState;
import dlg.manager.NodeAddress;
import dlg.manager.NodeManager;
import dlg.manager.auth.ClusterSecret;
import dlg.manager.composite.CompositeManager;
import dlg.manager.metrics.AppDurations;
import dlg.manager.metrics.Metrics;
import dlg.manager.rest.ManagerServer;
import dlg.manager.service.ProcessZContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fresh manager rehearses its append path (and a NodeManager its run of a graph) on made-up
 * graphs in the background once it answers, so that the JIT has compiled that code before the
 * first real graph arrives.
 *
 * <p>Why: the AOT cache brings classes and profiles, but a method is compiled only once it is
 * first called; until then the reader runs in the interpreter and C1. A fresh DataIslandManager
 * over two fresh NodeManagers appended {@code chain 1000 --split alternate} (2,001 drops) in 0.11 to
 * 0.14 s, and 0.04 s with this warm-up; {@code wide 10000 --split block} in 0.26 to 0.34 s, and
 * 0.11 to 0.15 s (benchmark G11, 2026-12-06).
 *
 * <p>What it runs is what an append runs before anything is kept: a NodeManager reads each graph
 * (small ones whole, large ones in chunks) and checks it as a session would; a composite reads
 * it keeping its bytes, splits it over its sub-managers, checks it and writes each part to
 * nowhere. A NodeManager then runs the graph in an engine of the warm-up's own: deployed, its
 * roots triggered, awaited; and runs two chains across two nodes of the warm-up's own, whose every
 * link crosses them as an event, one of them reading each input from the other node
 * ({@link CrossNodeRehearsal}). These engines are {@linkplain Engine#twin twins} of the manager's:
 * code the JIT compiles for one kind of object (the manager's app timings, say) is thrown away,
 * and compiled again on the critical path, when the first real session brings it another kind.
 * For the same reason the made-up graphs come in each layout that clients send (see
 * {@link SyntheticGraphs#mixedLayouts}). Before the graphs, each manager
 * parses made-up request bodies as its routes do, and each round begins with requests to the
 * manager's own REST port that change nothing ({@link SelfRequests}). No session of the manager is
 * made, nothing is sent to another process, recorded or counted. It stops as
 * soon as the manager has a session (a real graph then has the cores), and does nothing at all
 * with {@code -Ddlg.warmup=0} (e.g. in DLG_JAVA_OPTS). A failure is logged and ends it: the manager
 * only stays colder.
 */
final class WarmUp {

    static final String PROPERTY = "dlg.warmup";
    static final String THREAD = "dlg-warm-up";
    /** How long a made-up graph may take to run (it takes milliseconds). */
    static final Duration RUN_LIMIT = Duration.ofMinutes(1);
    /** Rounds over the graphs: the profile's thresholds send the hot methods to C2 within a few. */
    static final int ROUNDS = 4;
    /** Steps of the chain: under the reader's 1 MB chunk, so read whole, as most graphs are. */
    static final int SMALL = 1000;
    /** Steps of the chain of CopyApps across nodes: each reads its input from the other node. */
    static final int COPIES = 500;
    static final String COPY_APP = "dlg.apps.simple.CopyApp";
    /** Triples of the wide graph: about 1.7 MB in the mixed layouts, so read in chunks on the parsers. */
    static final int LARGE = 4000;

    private static final Logger log = LoggerFactory.getLogger(WarmUp.class);

    /** One append of a graph's text, as the manager would take it. */
    interface Rehearsal {
        void append(byte[] graph) throws IOException;
    }

    /** One step of a round: an append rehearsed (and, on a NodeManager, the graph run). */
    interface Step {
        void run() throws IOException;
    }

    private WarmUp() {
    }

    /**
     * Starts warming a NodeManager (unless turned off); returns the thread, or null.
     *
     * @param secret the cluster's secret (the rehearsal's events and reads then use it, as the manager's), or null
     * @param rest where the manager's REST port answers, for {@link SelfRequests}; null for none
     */
    static Thread start(NodeManager nm, ClusterSecret secret, SelfRequests.Target rest) {
        BooleanSupplier busy = () -> !nm.allSessions().isEmpty();
        return background(() -> {
            // engines like the manager's, timing apps as it does (into metrics nobody scrapes)
            try (Metrics unscraped = new Metrics();
                 Engine runner = nm.engine().twin(Workers.create(0), RemoteData.REFUSING, new AppDurations(unscraped));
                 CrossNodeRehearsal pair = new CrossNodeRehearsal(ProcessZContext.get(), nm.workspace().resolve(".warm-up"),
                         secret, client -> nm.engine().twin(Workers.create(0), client, new AppDurations(unscraped)))) {
                run("NodeManager", steps(nm, runner, pair, rest == null ? null : new SelfRequests(rest)), busy,
                        System::gc);
            } catch (RuntimeException e) { // the pair's sockets could not be opened
                log.warn("NodeManager warm-up failed (the first graph will only be slower): {}", e.toString());
            }
            if (!busy.getAsBoolean()) {
                System.gc(); // without the rehearsal's engine and sockets, which the last round's collection kept
            }
        });
    }

    /**
     * A NodeManager's round: the made-up graphs appended and run on this node, then two chains run
     * across the two nodes of {@code pair}, each crossing an event between them: one of apps that
     * only sleep, one of apps that copy their input, read from the other node; first, unless
     * {@code self} is null, the requests to the manager's own REST port.
     */
    static List<Step> steps(NodeManager nm, Engine runner, CrossNodeRehearsal pair, SelfRequests self) {
        List<Step> steps = new ArrayList<>(steps(graphs(null), rehearsal(nm, runner), self));
        for (String chain : List.of(SyntheticGraphs.chain(SMALL, pair.places()),
                SyntheticGraphs.chain(COPY_APP, COPIES, pair.places(), "node"))) {
            byte[] graph = SyntheticGraphs.mixedLayouts(chain).getBytes(StandardCharsets.UTF_8);
            steps.add(() -> pair.run(graph));
        }
        return steps;
    }

    /**
     * Starts warming a DataIslandManager or MasterManager (unless turned off); returns the thread, or null.
     *
     * @param rest where the manager's REST port answers, for {@link SelfRequests}; null for none
     */
    static Thread start(CompositeManager cm, SelfRequests.Target rest) {
        String[] places = cm.subManagers().stream().map(NodeAddress::toString).toArray(String[]::new);
        SelfRequests self = rest == null ? null : new SelfRequests(rest);
        return places.length == 0 ? null : background(() -> run(cm.kind().managerName(), steps(graphs(places),
                rehearsal(cm, rest == null ? null : rest.node()), self), () -> !cm.allSessions().isEmpty(), System::gc));
    }

    /** The warm-up's thread, started unless {@code -Ddlg.warmup=0}; null if not. */
    static Thread background(Runnable warmUp) {
        return enabled() ? Thread.ofPlatform().daemon().name(THREAD).start(warmUp) : null;
    }

    /**
     * A NodeManager's append of a graph: read (whole or in chunks) and checked as its sessions do;
     * then the graph deployed, its roots triggered and awaited in {@code runner}, an engine of the
     * warm-up's own (its pools, clock and app timings, so the NodeManager's metrics count nothing;
     * the compiled code is the same).
     */
    static Rehearsal rehearsal(NodeManager nm, Engine runner) {
        Engine engine = nm.engine();
        Path scratch = nm.workspace().resolve(".warm-up"); // named for the path checks, never made
        return graph -> {
            ParsedGraph g = engine.readGraph(new ByteArrayInputStream(graph), GraphReader.DEFAULT_MAX_STRING_LENGTH);
            GraphSpec spec = new GraphSpec();
            spec.append(g, engine.checker(scratch));
            Execution run = runner.deploy("warm-up", scratch, spec, DropListener.NONE);
            run.trigger(UidList.of(spec.roots()));
            awaitFinished(run.outcome(), "the made-up graph", run::cancel);
        };
    }

    /**
     * Waits up to {@link #RUN_LIMIT} for a made-up graph's run to end, and fails unless it ended
     * FINISHED.
     *
     * @param graph names the graph in the failure
     * @param cancel stops the run when the wait ends without it (late, interrupted)
     */
    static void awaitFinished(Future<SessionState> outcome, String graph, Runnable cancel) throws IOException {
        SessionState end;
        try {
            end = outcome.get(RUN_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancel.run();
            throw new IOException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            cancel.run();
            throw new IOException(graph + " did not finish within " + RUN_LIMIT.toSeconds() + " s", e);
        }
        if (end != SessionState.FINISHED) {
            throw new IOException(graph + " ended " + end);
        }
    }

    /**
     * A composite's append of a graph: read keeping its bytes, split, checked, its parts written to
     * nowhere; unless {@code self} is null, each part is then also sent, as a sub-manager's is, to
     * the manager's own REST port for a session that does not exist
     * ({@link CompositeManager#rehearseAppend}).
     */
    static Rehearsal rehearsal(CompositeManager cm, NodeAddress self) {
        String absent = "dlg-warm-up-" + UUID.randomUUID();
        return graph -> {
            ParsedGraph g = GraphReader.readKeepingBytes(new ByteArrayInputStream(graph),
                    GraphReader.DEFAULT_MAX_STRING_LENGTH, ForkJoinPool.commonPool(), 1);
            cm.rehearseAppend(g, OutputStream.nullOutputStream(), self, absent);
        };
    }

    /**
     * The graphs, placed on {@code places} when given: the chain alternating between them, the
     * wide graph in blocks, each place named both as {@code node} and {@code island} (a
     * MasterManager splits by island and sends the links between nodes by node).
     */
    static List<byte[]> graphs(String[] places) {
        String[] keys = {"node", "island"};
        return Stream.of(SyntheticGraphs.chain(SMALL, places, keys), SyntheticGraphs.wide(LARGE, SyntheticGraphs.SLEEP_APP,
                places, keys)).map(g -> SyntheticGraphs.mixedLayouts(g).getBytes(StandardCharsets.UTF_8)).toList();
    }

    /** Unless {@code -Ddlg.warmup=0} (or {@code false}). */
    static boolean enabled() {
        String on = System.getProperty(PROPERTY, "1").strip();
        return !(on.equals("0") || on.equalsIgnoreCase("false"));
    }

    /**
     * Parses made-up request bodies ({@link ManagerServer#rehearseRequestBodies}), collects the
     * garbage, rehearses each graph {@link #ROUNDS} times while the manager is not busy, collecting
     * again after each round unless it has become busy. Returns how many appends it rehearsed.
     *
     * @param collect a full collection ({@code System::gc}): G1 then gives back to the system the
     *     heap that start-up and the rounds took (an idle NodeManager: 144 MB of RSS with this
     *     warm-up, 156 to 169 MB without it). The first collection keeps the rounds in the pages
     *     of a smaller heap, so the process's peak does not grow either; one after each round
     *     takes it back there: with one at the end only, G1 sometimes grew the heap to 220 MB for
     *     the last rounds of a NodeManager's warm-up, and the process's peak RSS by about 30 MB
     *     (it still does for one round of some warm-ups)
     */
    static int run(String manager, List<byte[]> graphs, BooleanSupplier busy, Rehearsal rehearsal, Runnable collect) {
        return run(manager, steps(graphs, rehearsal, null), busy, collect);
    }

    /** Each graph's rehearsal; first, unless {@code self} is null, the requests to the manager's own port. */
    private static List<Step> steps(List<byte[]> graphs, Rehearsal rehearsal, SelfRequests self) {
        List<Step> steps = new ArrayList<>();
        if (self != null) {
            steps.add(self.step());
        }
        graphs.forEach(g -> steps.add(() -> rehearsal.append(g)));
        return steps;
    }

    /** As {@link #run(String, List, BooleanSupplier, Rehearsal, Runnable)}, each round taking {@code steps}. */
    static int run(String manager, List<Step> steps, BooleanSupplier busy, Runnable collect) {
        long t0 = System.nanoTime();
        int done = 0;
        try {
            ManagerServer.rehearseRequestBodies();
            collect.run();
            for (int round = 0; round < ROUNDS; round++) {
                for (Step step : steps) {
                    if (busy.getAsBoolean()) {
                        log.debug("{} warm-up stopped after {} appends: a session arrived", manager, done);
                        return done;
                    }
                    step.run();
                    done++;
                }
                if (!busy.getAsBoolean()) {
                    collect.run();
                }
            }
            log.debug("{} warmed up: {} appends rehearsed in {} ms", manager, done, (System.nanoTime() - t0) / 1_000_000);
        } catch (IOException | RuntimeException e) {
            log.warn("{} warm-up failed after {} appends (the first graph will only be slower): {}", manager, done,
                    e.toString());
        }
        return done;
    }
}
