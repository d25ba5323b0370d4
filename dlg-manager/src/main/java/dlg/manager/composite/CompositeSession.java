package dlg.manager.composite;

import dlg.core.graph.DropSpec;
import dlg.core.graph.RawJson;
import dlg.manager.NodeAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * What a composite manager keeps of a session: the sub-managers it was created on and the graph
 * parts appended (for deploy's subscriptions and triggers, and the links {@code GET .../graph}
 * adds back). The session's state lives on the sub-managers. Guarded by its own lock.
 */
public final class CompositeSession {

    private static long counter; // guarded by the class: creation order

    private final String id;
    private final List<NodeAddress> subManagers;
    private final long createdAt;
    private final List<PartitionedGraph> graphs = new ArrayList<>();
    private boolean deployed;
    private RawJson reproElement;
    private final java.util.Map<String, String> problems = new java.util.LinkedHashMap<>();

    CompositeSession(String id, List<NodeAddress> subManagers) {
        this.id = id;
        this.subManagers = List.copyOf(subManagers);
        synchronized (CompositeSession.class) {
            this.createdAt = ++counter;
        }
    }

    public String id() {
        return id;
    }

    /** The sub-managers that hold the session (those of the manager when it was created). */
    public List<NodeAddress> subManagers() {
        return subManagers;
    }

    long createdAt() {
        return createdAt;
    }

    synchronized void appended(PartitionedGraph graph, RawJson reproElement) {
        graphs.add(graph);
        if (reproElement != null) {
            this.reproElement = reproElement;
        }
    }

    /** The graph's reproducibility element as passed on to the sub-managers (the last appended), or null. */
    public synchronized RawJson reproElement() {
        return reproElement;
    }

    synchronized List<PartitionedGraph> graphs() {
        return List.copyOf(graphs);
    }

    /** The drops appended, part by part (a part per sub-manager per append). */
    public synchronized List<List<DropSpec>> drops() {
        List<List<DropSpec>> drops = new ArrayList<>();
        for (PartitionedGraph g : graphs) {
            g.partitions().forEach(p -> drops.add(p.graph().drops()));
        }
        return drops;
    }

    synchronized void deployed() {
        deployed = true;
    }

    public synchronized boolean isDeployed() {
        return deployed;
    }

    /** Records that a node failed the session; returns true the first time for that node. */
    synchronized boolean problem(String node, String why) {
        return problems.putIfAbsent(node, why) == null;
    }

    /** The nodes that failed this session (down, or without it), with why. */
    public synchronized java.util.Map<String, String> problems() {
        return java.util.Map.copyOf(problems);
    }

    /** The links each drop lost to the split, over every append. */
    public synchronized List<LostLinks> lostLinks() {
        List<LostLinks> all = new ArrayList<>();
        for (PartitionedGraph g : graphs) {
            all.addAll(g.lostLinks());
        }
        return all;
    }
}
