package dlg.core.runtime;

import dlg.core.app.Application;
import dlg.core.app.ParamType;
import dlg.core.catalog.AppType;
import dlg.core.catalog.DataType;
import dlg.core.catalog.DropCatalog;
import dlg.core.catalog.DropType;
import dlg.core.error.GraphProblem;
import dlg.core.error.InvalidGraphException;
import dlg.core.apps.PyFuncApp;
import dlg.core.graph.DropSpec;
import dlg.core.graph.GraphSpec;
import dlg.core.graph.Link;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a validated graph into wired drops. Links may be declared on either side (or both, or
 * twice): they are gathered into flat int arrays, deduplicated per app keeping declaration order
 * (the app's own declarations first, as their port names are the app's), then copied into each
 * drop's small arrays. Linear in the size of the graph.
 *
 * <p>Its passes over every drop call a method per drop rather than holding the work in the
 * loop's body: a loop of millions of iterations in one call runs interpreted until the JIT has
 * compiled it for entry in mid-loop (on-stack replacement), and again after a deoptimisation (the
 * wiring's pass once ran interpreted for about 0.9 CPU-s of a 1,000,000-root deploy, JFR). A
 * method called per drop is compiled on its normal entry, as the warm-up and the ahead-of-time
 * cache's profile prepare it.
 */
final class DropWiring {

    private final Execution execution;
    private final GraphSpec graph;
    /** The graph's drop specs, in graph order. */
    private final List<DropSpec> specs;
    private final DropCatalog catalog;
    private final Map<String, String> env;
    private final Drop[] drops;
    /**
     * Each application drop at its index (null for data): walked in order, and asked at random
     * whether a linked drop is an application, without touching the data drops' objects.
     */
    private final ApplicationDrop[] apps;
    /** Whether some application is a Python function (checked at deploy). */
    private boolean python;
    /** The class of the drop made last, and its type: drops of one class share its String (the reader's). */
    private String lastClass;
    private DropType lastType;
    private final List<GraphProblem> problems = new ArrayList<>();
    private final Set<Path> madeDirs = new HashSet<>();
    /** App-to-app links as (earlier << 32 | later), each once, in declaration order, to the earlier app's port name. */
    private final Map<Long, String> appLinks = new LinkedHashMap<>();
    /** Null unless paths are confined to the session directory. */
    private final ConfinedPaths confined;

    private DropWiring(Execution execution, GraphSpec graph, DropCatalog catalog, Map<String, String> env) {
        this.execution = execution;
        this.graph = graph;
        this.specs = graph.drops();
        this.catalog = catalog;
        this.env = env;
        this.drops = new Drop[graph.size()];
        this.apps = new ApplicationDrop[drops.length];
        this.confined = execution.options().confinePaths() ? new ConfinedPaths(execution.sessionDir()) : null;
    }

    static Drop[] build(Execution execution, GraphSpec graph, DropCatalog catalog, Map<String, String> env) {
        DropWiring w = new DropWiring(execution, graph, catalog, env);
        w.create();
        if (w.problems.isEmpty()) {
            w.checkPythonFunctions();
        }
        if (!w.problems.isEmpty()) {
            for (Drop d : w.drops) { // nothing will run: free the segments already made
                if (d instanceof SharedMemoryDrop shm) {
                    shm.release();
                }
            }
            throw new InvalidGraphException(w.problems);
        }
        w.wire();
        return w.drops;
    }

    // ---- Creating drops ----

    private void create() {
        for (int i = 0; i < drops.length; i++) {
            create(i, specs.get(i));
        }
    }

    private void create(int i, DropSpec spec) {
        try {
            if (spec.dropClass() != lastClass) {
                lastType = catalog.typeOf(spec);
                lastClass = spec.dropClass();
            }
            Drop drop = create(spec, lastType);
            drops[i] = drop;
            if (drop instanceof ApplicationDrop app) {
                apps[i] = app;
                python |= app.app() instanceof PyFuncApp;
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            problems.add(new GraphProblem(spec.oid(), e.getMessage()));
        }
    }

    /** A missing interpreter or function is named at deploy rather than when the app runs. */
    private void checkPythonFunctions() {
        if (!python) {
            return;
        }
        List<DropSpec> functions = new ArrayList<>();
        for (int i = 0; i < drops.length; i++) {
            if (apps[i] != null && apps[i].app() instanceof PyFuncApp) {
                functions.add(specs.get(i));
            }
        }
        problems.addAll(PyFuncApp.deployProblems(functions, execution.engine().python()));
    }

    private Drop create(DropSpec spec, DropType type) {
        // instanceof, not a switch on the type's pattern: such a switch runs a class made at run
        // time, which every process compiles anew (no ahead-of-time profile)
        if (type instanceof AppType app) {
            return new ApplicationDrop(spec, execution, newApp(spec, app));
        }
        return switch (((DataType) type).kind()) {
            case MEMORY -> new InMemoryDrop(spec, execution, releaseAfterUse(spec, true), PyData.initialBytes(spec));
            case FILE -> new FileDrop(spec, execution, releaseAfterUse(spec, false), filePath(spec));
            case SHARED_MEMORY -> new SharedMemoryDrop(spec, execution, releaseAfterUse(spec, true),
                    PyData.initialBytes(spec), SharedMemoryDrop.SHM);
            case NULL -> new NullDrop(spec, execution, false);
            case END -> new NullDrop(spec, execution, true);
        };
    }

    private static Application newApp(DropSpec spec, AppType type) {
        try {
            return type.factory().get();
        } catch (RuntimeException e) { // the factory names the class already
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** {@code expireAfterUse} unless {@code persist} (alias {@code precious}) says keep. */
    private static boolean releaseAfterUse(DropSpec spec, boolean byDefault) {
        if (spec.params().isEmpty() && spec.appArgs().isEmpty()) {
            return byDefault;
        }
        boolean persist = bool(spec, "persist", bool(spec, "precious", !byDefault));
        return !persist && bool(spec, "expireAfterUse", byDefault);
    }

    private static boolean bool(DropSpec spec, String key, boolean byDefault) {
        try {
            Object v = ParamType.BOOL.convert(spec.param(key));
            return v == null ? byDefault : (Boolean) v;
        } catch (IllegalArgumentException e) {
            return byDefault;
        }
    }

    private Path filePath(DropSpec spec) {
        Path sessionDir = execution.sessionDir();
        Path path = FilePaths.resolve(spec, sessionDir, env);
        if (confined != null) { // again at deploy, before any directory is made: links may have changed since
            confined.why(spec, path).ifPresent(why -> {
                throw new IllegalArgumentException(why);
            });
        }
        if (bool(spec, "check_filepath_exists", false) && FilePaths.existenceChecked(spec, env)
                && (!Files.exists(path) || Files.isDirectory(path))) {
            throw new IllegalArgumentException("check_filepath_exists is set but file " + path + " does not exist");
        }
        Path parent = path.getParent();
        if (parent != null && !parent.equals(sessionDir) && madeDirs.add(parent)) {
            try {
                Files.createDirectories(parent);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot create directory " + parent + " for its file: " + e);
            }
        }
        return path;
    }

    // ---- Wiring ----

    /** One direction (inputs or outputs of apps) as flat arrays, grouped by app. */
    private final class Edges {
        final int[] offsets = new int[drops.length + 1];
        int[] data;
        String[] ports;
        private int[] cursor;

        void count(int app) {
            offsets[app + 1]++;
        }

        void allocate() {
            for (int i = 0; i < drops.length; i++) {
                offsets[i + 1] += offsets[i];
            }
            data = new int[offsets[drops.length]];
            ports = new String[data.length];
            cursor = Arrays.copyOf(offsets, drops.length);
        }

        void add(int app, int datum, String port) {
            int e = cursor[app]++;
            data[e] = datum;
            ports[e] = port;
        }
    }

    private void wire() {
        Edges in = new Edges();
        Edges out = new Edges();
        forEachLink(in, out, true);
        refuseInputsWhereNoneAreTaken(in);
        in.allocate();
        out.allocate();
        forEachLink(in, out, false);
        int[] mark = new int[drops.length];
        Arrays.fill(mark, -1);
        int[] keptAt = new int[drops.length];
        int[] consumerCount = new int[drops.length];
        int[] producerCount = new int[drops.length];
        int[][] inputsOf = new int[drops.length][];
        for (int a = 0; a < drops.length; a++) {
            ApplicationDrop app = apps[a];
            if (app != null) {
                int[] ins = unique(in, a, 2 * a, mark, keptAt);
                int[] outs = unique(out, a, 2 * a + 1, mark, keptAt);
                app.wired(dataDrops(in, ins), ports(in, ins), dataDrops(out, outs), ports(out, outs));
                inputsOf[a] = indexes(in, ins, consumerCount);
                for (int k : outs) {
                    producerCount[out.data[k]]++;
                }
            }
        }
        wireDataSide(inputsOf, consumerCount, producerCount);
        appLinks.forEach((link, port) -> ((ApplicationDrop) drops[(int) (link >>> 32)])
                .precede((ApplicationDrop) drops[(int) (long) link], port));
    }

    /**
     * Refuses, as DALiuGE does when it wires the graph, an input given to an application that
     * reads none (a socket listener): it is a deploy-time error there, so a graph that has one
     * is still appended.
     */
    private void refuseInputsWhereNoneAreTaken(Edges counted) {
        List<GraphProblem> refused = new ArrayList<>();
        for (int a = 0; a < drops.length; a++) {
            int inputs = counted.offsets[a + 1];
            if (inputs > 0 && apps[a] != null && !apps[a].app().takesInputs()) {
                refused.add(new GraphProblem(specs.get(a).oid(), specs.get(a).dropClass() + " takes no inputs, but "
                        + (inputs == 1 ? "1 input is" : inputs + " inputs are") + " linked to it"));
            }
        }
        if (!refused.isEmpty()) {
            throw new InvalidGraphException(refused);
        }
    }

    /** The data indexes of kept edges, counting each in {@code perData}. */
    private static int[] indexes(Edges edges, int[] kept, int[] perData) {
        int[] idx = new int[kept.length];
        for (int i = 0; i < kept.length; i++) {
            idx[i] = edges.data[kept[i]];
            perData[idx[i]]++;
        }
        return idx;
    }

    /**
     * Calls {@code count} (first pass) or {@code add} (second pass) for every link, as (app, data,
     * port): the app's own declarations first, then those made by data drops.
     */
    private void forEachLink(Edges in, Edges out, boolean counting) {
        boolean readPorts = !counting && graph.someLinkHasPort();
        for (int appSide = 1; appSide >= 0; appSide--) {
            for (int i = 0; i < drops.length; i++) {
                if (graph.category(i).isApplication() == (appSide == 1)) {
                    forEachLink(i, in, out, counting, readPorts);
                }
            }
        }
    }

    /** The links drop i declares, into {@code in} and {@code out} (or {@link #appLinks}). */
    private void forEachLink(int i, Edges in, Edges out, boolean counting, boolean readPorts) {
        // the graph's flat arrays give each drop's category and links: the drop specs (millions,
        // scattered over the heap) are read only for the ports of the second pass
        int linkCount = graph.linkCount(i);
        List<Link> links = readPorts && linkCount > 0 ? specs.get(i).links() : null;
        for (int k = 0; k < linkCount; k++) {
            int other = graph.linkTarget(i, k);
            Edges edges;
            int app;
            int datum;
            switch (graph.linkType(i, k)) {
                case INPUT, STREAMING_INPUT -> { edges = in; app = i; datum = other; }
                case OUTPUT -> { edges = out; app = i; datum = other; }
                case CONSUMER, STREAMING_CONSUMER -> { edges = in; app = other; datum = i; }
                case PRODUCER -> { edges = out; app = other; datum = i; }
                default -> { continue; } // parent/child: containers are refused earlier
            }
            if (apps[datum] != null) { // app to app: an order, not data
                if (!counting) {
                    boolean into = edges == in; // datum feeds app, else app feeds datum
                    int earlier = into ? datum : app;
                    long link = (long) earlier << 32 | (into ? app : datum);
                    // the port is the earlier app's name for the link, when it declared it
                    String port = earlier == i && links != null ? links.get(k).port() : null;
                    appLinks.putIfAbsent(link, port); // a later declaration may name the port
                }
                continue;
            }
            if (counting) {
                edges.count(app);
            } else {
                edges.add(app, datum, links == null ? null : links.get(k).port());
            }
        }
    }

    /**
     * The edge indexes of app {@code a} in {@code edges}, without duplicates, in order. A duplicate
     * that names a port fills in a kept edge that had none.
     */
    private static int[] unique(Edges edges, int a, int stamp, int[] mark, int[] keptAt) {
        int from = edges.offsets[a];
        int to = edges.offsets[a + 1];
        int[] kept = new int[to - from];
        int k = 0;
        for (int e = from; e < to; e++) {
            int d = edges.data[e];
            if (mark[d] != stamp) {
                mark[d] = stamp;
                keptAt[d] = k;
                kept[k++] = e;
            } else if (edges.ports[kept[keptAt[d]]] == null && edges.ports[e] != null) {
                kept[keptAt[d]] = e;
            }
        }
        return k == kept.length ? kept : Arrays.copyOf(kept, k);
    }

    private AbstractDataDrop[] dataDrops(Edges edges, int[] kept) {
        if (kept.length == 0) {
            return ApplicationDrop.NO_DATA;
        }
        AbstractDataDrop[] a = new AbstractDataDrop[kept.length];
        for (int i = 0; i < kept.length; i++) {
            a[i] = (AbstractDataDrop) drops[edges.data[kept[i]]];
        }
        return a;
    }

    private static String[] ports(Edges edges, int[] kept) {
        String[] p = null;
        for (int i = 0; i < kept.length; i++) {
            String port = edges.ports[kept[i]];
            if (port != null) {
                if (p == null) {
                    p = new String[kept.length];
                }
                p[i] = port;
            }
        }
        return p;
    }

    /** Gives each data drop its consumers and the number of its producers (it needs no more of them). */
    private void wireDataSide(int[][] inputsOf, int[] consumerCount, int[] producerCount) {
        ApplicationDrop[] lone = new ApplicationDrop[drops.length]; // the consumer of a drop that has one
        ApplicationDrop[][] several = new ApplicationDrop[drops.length][];
        int[] fill = new int[drops.length];
        for (int a = 0; a < drops.length; a++) {
            ApplicationDrop app = apps[a];
            if (app != null) {
                for (int i : inputsOf[a]) {
                    if (consumerCount[i] == 1) {
                        lone[i] = app;
                    } else {
                        if (several[i] == null) {
                            several[i] = new ApplicationDrop[consumerCount[i]];
                        }
                        several[i][fill[i]++] = app;
                    }
                }
            }
        }
        for (int i = 0; i < drops.length; i++) {
            if (apps[i] == null && drops[i] instanceof AbstractDataDrop d) {
                if (lone[i] != null) {
                    d.wired(producerCount[i], lone[i]);
                } else {
                    d.wired(producerCount[i], several[i] == null ? AbstractDataDrop.NO_APPS : several[i]);
                }
            }
        }
    }
}
