package dlg.manager.repro;

import dlg.core.graph.GraphReader;
import dlg.core.graph.GraphSpec;
import dlg.core.graph.SpecChecker;
import dlg.core.runtime.DropStatus;
import dlg.core.state.AppState;
import dlg.core.state.DropState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Graphs for the repro tests, and their drops' final states. */
final class ReproGraphs {

    /** Root data A feeds app B, which writes C. Placeholders: rmode element, B's sleep_time. */
    static final String CHAIN = """
            [{"oid": "A", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP", "consumers": ["B"]},
             {"oid": "B", "categoryType": "Application", "dropclass": "dlg.apps.simple.SleepApp",
              "sleep_time": %s, "outputs": ["C"]},
             {"oid": "C", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP"},
             %s]
            """;

    /**
     * A diamond: A feeds apps B1 and B2, which write C1 and C2, both read by app D, which writes E.
     * Links declared downstream (consumers, outputs).
     */
    static final String DIAMOND = """
            [{"oid": "A", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP",
              "consumers": ["B1", "B2"]},
             {"oid": "B1", "categoryType": "Application", "dropclass": "dlg.apps.simple.SleepApp",
              "sleep_time": 1, "outputs": ["C1"]},
             {"oid": "B2", "categoryType": "Application", "dropclass": "dlg.apps.simple.SleepApp",
              "sleep_time": 2, "outputs": ["C2"]},
             {"oid": "C1", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP",
              "consumers": ["D"]},
             {"oid": "C2", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP",
              "consumers": ["D"]},
             {"oid": "D", "categoryType": "Application", "dropclass": "dlg.apps.simple.CopyApp",
              "applicationArgs": {"bufsize": {"value": 4096, "usage": "NoPort"}}, "outputs": ["E"]},
             {"oid": "E", "categoryType": "Data", "dropclass": "dlg.data.drops.file.FileDROP", "filepath": "e.txt"},
             {"rmode": "-1"}]
            """;

    /**
     * The same diamond: drops in another order, keys in another order (nested ones too), links
     * declared upstream (inputs, producers) or at both ends.
     */
    static final String DIAMOND_SHUFFLED = """
            [{"filepath": "e.txt", "dropclass": "dlg.data.drops.file.FileDROP", "producers": ["D"],
              "categoryType": "Data", "oid": "E"},
             {"inputs": ["C2", "C1"], "oid": "D", "outputs": ["E"], "categoryType": "Application",
              "applicationArgs": {"bufsize": {"usage": "NoPort", "value": 4096}},
              "dropclass": "dlg.apps.simple.CopyApp"},
             {"oid": "C2", "producers": ["B2"], "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP"},
             {"oid": "B2", "sleep_time": 2, "inputs": ["A"], "categoryType": "Application",
              "dropclass": "dlg.apps.simple.SleepApp"},
             {"oid": "C1", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP"},
             {"oid": "B1", "outputs": ["C1"], "inputs": ["A"], "dropclass": "dlg.apps.simple.SleepApp",
              "categoryType": "Application", "sleep_time": 1},
             {"oid": "A", "dropclass": "dlg.data.drops.memory.InMemoryDROP", "categoryType": "Data"},
             {"rmode": "ALL"}]
            """;

    private ReproGraphs() {
    }

    static String chain(String rmodeElement, Object sleepTime) {
        return CHAIN.formatted(sleepTime, rmodeElement);
    }

    static GraphSpec graph(String json) {
        GraphSpec graph = new GraphSpec();
        graph.append(GraphReader.read(json), SpecChecker.NONE);
        return graph;
    }

    /** Every drop COMPLETED, except those named in {@code ends}. */
    static List<DropStatus> settled(GraphSpec graph, Map<String, DropState> ends) {
        List<DropStatus> states = new ArrayList<>();
        for (var spec : graph.drops()) {
            DropState s = ends.getOrDefault(spec.oid(), DropState.COMPLETED);
            AppState app = !spec.category().isApplication() ? null : switch (s) {
                case ERROR -> AppState.ERROR;
                case CANCELLED -> AppState.CANCELLED;
                case SKIPPED -> AppState.SKIPPED;
                default -> AppState.FINISHED;
            };
            String error = s == DropState.ERROR ? "failed at " + System.nanoTime() + " in /tmp/session" : null;
            states.add(new DropStatus(spec.oid(), spec.uid(), s, app, error));
        }
        return states;
    }

    static ReproData compute(String json) {
        return compute(json, Map.of());
    }

    static ReproData compute(String json, Map<String, DropState> ends) {
        GraphSpec graph = graph(json);
        return ReproCalculator.compute(graph, settled(graph, ends));
    }
}
