package dlg.manager.composite;

import dlg.core.graph.ParsedGraph;
import dlg.manager.NodeAddress;
import java.util.Objects;

/**
 * One sub-manager's part of a split graph: what a composite appends to it.
 *
 * @param subManager the NodeManager (DIM) or DataIslandManager (MM), in its canonical form
 * @param graph its drops in graph order, without the links to other parts, with the whole
 *     graph's reproducibility trailer
 */
public record Partition(NodeAddress subManager, ParsedGraph graph) {

    public Partition {
        Objects.requireNonNull(subManager, "subManager");
        Objects.requireNonNull(graph, "graph");
    }
}
