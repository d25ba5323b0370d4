package dlg.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dlg.manager.metrics.NodeStats;
import java.util.List;

/**
 * A composite manager's sub-managers, as its page lists them.
 *
 * @param kind what they are: {@code node} (a DataIslandManager's NodeManagers), {@code island}
 *     (a MasterManager's DataIslandManagers); null on a NodeManager, which has none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Nodes(String kind, List<Health> nodes) {

    static final Nodes NONE = new Nodes(null, List.of());

    /**
     * @param node the 4-part node string
     * @param ok whether it answered in time
     * @param millis how long it took to answer
     * @param sessions how many sessions it has, when it answered
     * @param error why it did not answer
     * @param stats its CPU, memory and running apps ({@code GET /api/ui/node-stats}), when it told them
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Health(String node, boolean ok, long millis, Integer sessions, String error, NodeStats stats) {
    }
}
