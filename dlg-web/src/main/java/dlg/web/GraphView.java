package dlg.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * What the graph view draws, bounded whatever the session's size.
 *
 * @param mode {@code drops}: every drop; {@code groups}: one node per group of drops
 *     ({@link Groups}), coloured by the states of its drops; {@code neighbourhood}: the drops
 *     around {@code focus}, up to the budget
 * @param total drops in the session
 * @param groupBy the attribute of the groups, in {@code groups} mode
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record GraphView(String mode, long total, int budget, String groupBy, String focus, List<Node> nodes,
                 List<Edge> edges) {

    /**
     * A drop, or a group of drops.
     *
     * @param id the drop's oid, or the group's key
     * @param state a drop's shown state; null for a group
     * @param count a group's number of drops
     * @param counts a group's drops per shown state
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Node(String id, String label, boolean app, String node, String state, Boolean terminal, Long count,
                Map<String, Long> counts) {
    }

    /** Data flows from source to target. */
    record Edge(String source, String target) {
    }
}
